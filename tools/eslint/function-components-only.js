/**
 * React components here are functions with hooks: a class extending React's Component or
 * PureComponent is an error (options for ESLint's core no-restricted-syntax rule).
 *
 * This one selector stands in for eslint-plugin-react's class-component rules (sort-comp,
 * no-direct-mutation-state, require-render-return, no-typos), which check code this project must
 * not contain and each ran React's component detection over every file: about a quarter of lint time.
 */
const message = 'Write React components as functions with hooks: class components are not used in this project.'
const aClass = ':matches(ClassDeclaration, ClassExpression)'

module.exports = [
  { selector: `${aClass}[superClass.name=/^(Pure)?Component$/]`, message },
  { selector: `${aClass}[superClass.property.name=/^(Pure)?Component$/]`, message },
]
