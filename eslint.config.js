// The lint gate (`npm run lint`, docs/ARCHITECTURE.md): TypeScript and Vue recommended rules,
// no warnings allowed. Formatting is not linted; unused code is also found by knip.
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    // Migrations are frozen in time and schema-less (Kysely<any>), as is the dialect helper they use.
    files: ['bff/db/migrations/**', 'bff/db/dialect.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // docs/ARCHITECTURE.md "The layers of the BFF": repositories are the only place with SQL.
    // Routes, services, jobs and scripts call a repository function instead of building a query.
    files: ['bff/**/*.ts', 'scripts/**/*.ts'],
    ignores: [
      '**/repository.ts',
      'bff/db/**', // the schema, migrations and dialect helpers
      'bff/audit/write.ts', // the audit log's write half: writeAudit, which accepts only a transaction
      'bff/test/**',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
          message: 'SQL belongs in a repository.ts (docs/ARCHITECTURE.md): add a function there and call it.',
        },
        {
          selector: 'TaggedTemplateExpression[tag.name="sql"]',
          message: 'SQL belongs in a repository.ts (docs/ARCHITECTURE.md): add a function there and call it.',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Layout rules fight the existing formatting without catching bugs.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/attributes-order': 'off',
    },
  },
)
