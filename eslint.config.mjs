// ESLint: typescript-eslint's strict, type-checked rules on the whole tree; Prettier owns layout
// (eslint-config-prettier turns off the rules it would fight). `npm run lint` runs both; `npm test` runs it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/', '.pydeps/', '.scratch/', 'exports/', 'bench/', 'tests/artifacts/', '**/__generated__/', 'src/dashboard/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and booleans in messages and Cypher labels read as they should.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => void send(x)` and `() => set(y)` in callbacks say what they mean; so does the early exit
      // `return sendError(res, err)` / `return reject(field, why)` in a function that returns nothing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Resolvers, Apollo hooks and the gateway return promises by contract; `async` without `await` keeps a
      // throw a rejection there, as their callers expect.
      '@typescript-eslint/require-await': 'off',
      // Driver rows, CSV cells and JSON are `unknown`; `String(v ?? '')` prints their scalars, and the rule
      // takes `unknown ?? ''` for an object (all its reports here were that).
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess, `!` marks an index the code has just bounded (typed-array loops,
      // maps filled a line above); the compiler checks every other indexed read.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Overflows its stack on the recursive GraphQL types of src/access/cost.ts (typescript-eslint 8.74).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // @types/jest types the asymmetric matchers (expect.any, expect.stringMatching) as `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['*.js', '*.mjs', '*.cjs'], languageOptions: { globals: globals.node } },
  // Served to the browser as is (GraphiQL's page script).
  { files: ['src/http/*.js'], languageOptions: { globals: globals.browser } },
  prettier,
);
