/**
 * ESLint (flat config on ESLint 8.57): Taro's React rules (eslint-config-taro, which brings the
 * TypeScript parser and rules for .ts/.tsx), React hooks rules, and the project's stricter rules.
 */
const { FlatCompat } = require('@eslint/eslintrc')

// ESLint's own default parser, as ESLint resolves it.
const espree = require(require.resolve('espree', { paths: [require.resolve('eslint')] }))
const functionComponentsOnly = require('./tools/eslint/function-components-only')
const wxCompliance = require('./tools/eslint-plugin-wx-compliance')

const compat = new FlatCompat({ baseDirectory: __dirname })

module.exports = [
  {
    ignores: ['dist/**', 'dist-h5/**', 'node_modules/**', 'coverage/**', 'server/.data/**', 'server/dist/**', 'test-results/**', '.tmp/**', 'packages/*/template/**', 'packages/*/lib/**'],
  },
  ...compat.extends('taro/react'),
  ...compat.config({
    plugins: ['react-hooks'],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  }),
  {
    // eslint-config-taro's import/no-named-as-default(-member) rules parse every imported module to
    // learn its exports, node_modules included (Taro, fastify, PGlite): ~88% of lint time. Our own
    // modules are still checked; TypeScript already checks what packages export.
    settings: { 'import/ignore': ['node_modules'] },
  },
  {
    // Our .js files are plain CommonJS configs and scripts: ESLint's own parser reads them. Taro's
    // config parses them with @babel/eslint-parser, which loads Babel and this repo's Babel config
    // (Taro's preset) for ten files.
    files: ['**/*.js'],
    languageOptions: { parser: espree, parserOptions: { ecmaVersion: 'latest' } },
  },
  {
    // Function components only (tools/eslint/function-components-only.js, tested in
    // test/compliance/eslint-rules.test.ts); the class-only rules it replaces are off.
    rules: {
      'no-restricted-syntax': ['error', ...functionComponentsOnly],
      'react/sort-comp': 'off',
      'react/no-direct-mutation-state': 'off',
      'react/require-render-return': 'off',
      'react/no-typos': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // React 17+ JSX transform: no React import needed.
      'react/jsx-uses-react': 'off',
      'react/react-in-jsx-scope': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  {
    // WeChat compliance guardrails (tools/eslint-plugin-wx-compliance, tested in test/compliance/).
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    plugins: { 'wx-compliance': wxCompliance },
    rules: { 'wx-compliance/no-retired-api': 'error' },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'wx-compliance/privacy-api-boundary': 'error', 'wx-compliance/payment-api-boundary': 'error' },
  },
  {
    // Node-side code may log through its logger only; scripts and tests run in Node.
    files: ['server/**/*.ts', 'config/**/*.ts', 'tools/**/*.{ts,js}', '**/*.config.js', 'test/utils/*.js', 'packages/**/*.{ts,js}'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    // Tool configs are CommonJS by convention of the tools that load them.
    files: ['*.config.js', 'test/utils/*.js', 'tools/**/*.js', 'test/compliance/**/*.ts', 'packages/*/bin/*.js'],
    rules: { 'import/no-commonjs': 'off' },
  },
]
