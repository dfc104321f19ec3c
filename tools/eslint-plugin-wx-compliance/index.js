// @ts-check
/**
 * ESLint rules that keep the template inside WeChat's privacy rules as people change it:
 *  - privacy-api-boundary: privacy/auth APIs, privacy open-types, the nickname input and the `wx`
 *    global are used only inside src/services/privacy/ (WX-PRIV-7);
 *  - no-retired-api: retired or forbidden APIs are used nowhere (WX-PROFILE-1/5, WX-LOC-1, WX-PHONE-5);
 *  - payment-api-boundary: WeChat's payment APIs only inside src/services/payment/ (WX-PAY-1).
 */
const path = require('node:path')
const { PAYMENT_APIS, PRIVACY_APIS, PRIVACY_OPEN_TYPES, RETIRED_APIS } = require('./api-lists')

const TARO_MODULE = '@tarojs/taro'
const DEFAULT_ALLOWED_DIR = 'src/services/privacy/'

/** @param {any} node */
function staticName(node) {
  if (!node) return null
  if (node.type === 'Identifier') return node.name
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked
  return null
}

/** @param {any} member */
function memberName(member) {
  return member.computed ? staticName(member.property) : member.property.name
}

/** @param {any} context */
function relativeFilename(context) {
  const filename = context.filename ?? context.getFilename()
  const cwd = context.cwd ?? context.getCwd?.() ?? process.cwd()
  return path.relative(cwd, filename).split(path.sep).join('/')
}

/**
 * True when `identifier` (Taro/wx) resolves to a local variable that is not an import, e.g. a
 * test double named wx: then it is not WeChat's API.
 * @param {any} context
 * @param {any} identifier
 */
function isLocalNonTaro(context, identifier) {
  let scope = context.sourceCode?.getScope?.(identifier) ?? context.getScope()
  while (scope) {
    const variable = scope.set.get(identifier.name)
    if (variable && variable.defs.length > 0) return variable.defs.every((def) => def.type !== 'ImportBinding')
    scope = scope.upper
  }
  return false
}

/**
 * Tracks the local names under which @tarojs/taro is imported and calls `onApi(name, node)` for
 * every Taro/wx API reached by member access, named import or destructuring.
 * @param {any} context
 * @param {(name: string, node: any) => void} onApi
 */
function taroApiVisitors(context, onApi) {
  const taroNames = new Set(['Taro', 'wx'])
  return {
    /** @param {any} node */
    ImportDeclaration(node) {
      if (node.source.value !== TARO_MODULE) return
      for (const specifier of node.specifiers) {
        if (specifier.type === 'ImportSpecifier') onApi(staticName(specifier.imported) ?? '', specifier)
        else taroNames.add(specifier.local.name)
      }
    },
    /** @param {any} node */
    MemberExpression(node) {
      if (node.object.type !== 'Identifier' || !taroNames.has(node.object.name)) return
      if (isLocalNonTaro(context, node.object)) return
      const name = memberName(node)
      if (name) onApi(name, node)
    },
    /** @param {any} node */
    VariableDeclarator(node) {
      if (node.id.type !== 'ObjectPattern' || node.init?.type !== 'Identifier' || !taroNames.has(node.init.name)) return
      for (const property of node.id.properties) {
        if (property.type === 'Property') onApi(staticName(property.key) ?? '', property)
      }
    },
  }
}

/** @param {any} node */
function jsxName(node) {
  if (node.type === 'JSXIdentifier') return node.name
  if (node.type === 'JSXMemberExpression') return `${jsxName(node.object)}.${node.property.name}`
  if (node.type === 'JSXNamespacedName') return `${node.namespace.name}:${node.name.name}`
  return ''
}

/** @param {any} value */
function jsxStringValue(value) {
  if (!value) return null
  if (value.type === 'Literal' && typeof value.value === 'string') return value.value
  if (value.type === 'JSXExpressionContainer') return staticName(value.expression)
  return null
}

/** @type {import('eslint').Rule.RuleModule} */
const privacyApiBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'Privacy and auth APIs only inside the privacy service (WX-PRIV-7)' },
    schema: [{ type: 'object', properties: { allowedDir: { type: 'string' } }, additionalProperties: false }],
    messages: {
      api: '{{name}} is a privacy/auth API: call it through src/services/privacy (WX-PRIV-7).',
      wxGlobal: 'The wx global is used only inside src/services/privacy; use Taro APIs through the privacy service (WX-PRIV-7).',
      openType: 'openType="{{name}}" collects personal data: render it from a privacy-service component (WX-PRIV-7).',
      nickname: '<Input type="nickname"> collects personal data: render it from a privacy-service component (WX-PRIV-7).',
    },
  },
  create(context) {
    const allowedDir = context.options[0]?.allowedDir ?? DEFAULT_ALLOWED_DIR
    if (relativeFilename(context).startsWith(allowedDir)) return {}
    return {
      ...taroApiVisitors(context, (name, node) => {
        if (PRIVACY_APIS.has(name)) context.report({ node, messageId: 'api', data: { name } })
      }),
      /** @param {any} node */
      JSXOpeningElement(node) {
        for (const attribute of node.attributes) {
          if (attribute.type !== 'JSXAttribute') continue
          const attributeName = jsxName(attribute.name)
          const value = jsxStringValue(attribute.value)
          if (value === null) continue
          if (attributeName === 'openType' || attributeName === 'open-type') {
            const privacyType = value.split('|').find((part) => PRIVACY_OPEN_TYPES.has(part.trim()))
            if (privacyType) context.report({ node: attribute, messageId: 'openType', data: { name: privacyType } })
          }
          if (attributeName === 'type' && value === 'nickname' && /^(Input|input)$/.test(jsxName(node.name))) {
            context.report({ node: attribute, messageId: 'nickname' })
          }
        }
      },
      /** @param {any} node */
      'Program:exit'(node) {
        const scope = context.sourceCode?.getScope?.(node) ?? context.getScope()
        for (const reference of scope.through) {
          if (reference.identifier.name === 'wx') context.report({ node: reference.identifier, messageId: 'wxGlobal' })
        }
      },
    }
  },
}

/** @type {import('eslint').Rule.RuleModule} */
const noRetiredApi = {
  meta: {
    type: 'problem',
    docs: { description: 'No retired or forbidden WeChat APIs anywhere' },
    schema: [],
    messages: {
      retired: '{{reason}}',
      openData: '<{{name}}> is retired for user info: show what the user gave through chooseAvatar / nickname (WX-PROFILE-5).',
      decryption: 'Decrypting encryptedData is not used: phone numbers come from the getPhoneNumber code flow on the server (WX-PHONE-5).',
    },
  },
  create(context) {
    return {
      ...taroApiVisitors(context, (name, node) => {
        const reason = RETIRED_APIS.get(name)
        if (reason) context.report({ node, messageId: 'retired', data: { reason } })
      }),
      /** @param {any} node */
      JSXOpeningElement(node) {
        const name = jsxName(node.name)
        if (name === 'OpenData' || name === 'open-data') context.report({ node, messageId: 'openData', data: { name } })
      },
      /** @param {any} node */
      Identifier(node) {
        if (node.name === 'encryptedData') context.report({ node, messageId: 'decryption' })
      },
      /** @param {any} node  obj['encryptedData'] and { 'encryptedData': … } */
      Literal(node) {
        if (node.value !== 'encryptedData') return
        const parent = node.parent
        const isKey = (parent.type === 'MemberExpression' && parent.computed && parent.property === node) ||
          (parent.type === 'Property' && parent.key === node)
        if (isKey) context.report({ node, messageId: 'decryption' })
      },
      /** @param {any} node */
      ImportSpecifier(node) {
        if (node.parent.source.value === '@tarojs/components' && staticName(node.imported) === 'OpenData') {
          context.report({ node, messageId: 'openData', data: { name: 'OpenData' } })
        }
      },
    }
  },
}

/** @type {import('eslint').Rule.RuleModule} */
const paymentApiBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'Payment APIs only inside the payment adapter (WX-PAY-1)' },
    schema: [],
    messages: {
      api: '{{name}} takes money: call it through src/services/payment, which pays only with parameters the server signed (WX-PAY-1).',
    },
  },
  create(context) {
    if (relativeFilename(context).startsWith('src/services/payment/')) return {}
    return taroApiVisitors(context, (name, node) => {
      if (PAYMENT_APIS.has(name)) context.report({ node, messageId: 'api', data: { name } })
    })
  },
}

module.exports = {
  meta: { name: 'eslint-plugin-wx-compliance' },
  rules: {
    'privacy-api-boundary': privacyApiBoundary,
    'no-retired-api': noRetiredApi,
    'payment-api-boundary': paymentApiBoundary,
  },
}
