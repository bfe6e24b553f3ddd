// Lint: type-aware TypeScript rules, and the layer direction of the architecture:
// core <- store <- services <- api / cli / jobs. Each layer may import only the layers to its left.
// src/contracts (zod payload schemas) sits beside core: services, api and the web app share it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'coverage/**', 'bench/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
    },
  },
  layer(
    ['src/core/**/*.ts'],
    ['**/store/**', '**/services/**', '**/import/**', '**/api/**', '**/cli/**', '**/jobs/**', 'node:*', 'kysely', 'better-sqlite3', 'pg'],
    'core is pure domain: no I/O and nothing from the outer layers.',
  ),
  layer(
    ['src/contracts/**/*.ts'],
    ['**/store/**', '**/services/**', '**/import/**', '**/api/**', '**/cli/**', '**/jobs/**', 'node:*'],
    'contracts are the API payload schemas shared with the web app: zod and core only.',
  ),
  layer(
    ['src/store/**/*.ts'],
    ['**/services/**', '**/import/**', '**/api/**', '**/cli/**', '**/jobs/**'],
    'store may import only core.',
  ),
  layer(
    ['src/import/**/*.ts'],
    ['**/services/**', '**/api/**', '**/cli/**', '**/jobs/**'],
    'import may import only core and store.',
  ),
  // By depth, so that src/jobs is refused while the services' own jobs folder (src/services/jobs) is not.
  ...['', '*/', '*/*/'].map((depth) => {
    const up = '../'.repeat(depth.split('/').length);
    return layer(
      [`src/services/${depth}*.ts`],
      [`${up}api/**`, `${up}cli/**`, `${up}jobs/**`],
      'services may import only core, contracts, store and import.',
    );
  }),
  layer(
    ['src/api/**/*.ts', 'src/cli/**/*.ts', 'src/jobs/**/*.ts'],
    ['**/store/**', '**/import/**', '!**/store/testing/**'],
    'api, cli and jobs go through services.',
    // Tests set up their data directly in the store; the code under test still goes through services.
    ['**/*.test.ts', '**/testing/**'],
  ),
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', 'bench/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
