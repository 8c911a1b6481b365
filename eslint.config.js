// Flat ESLint config. The workflow rules enforce Temporal's determinism boundary:
// workflow code is bundled into a sandbox and replayed, so it must not reach Node
// built-ins, activities at runtime, or gateway-side libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.atelier/**', 'dist/**', 'test-output/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows are deterministic: no Node built-ins.' },
            {
              group: ['**/activities/**', '../activities/*'],
              allowTypeImports: true,
              message: 'Import activities as types only.',
            },
            {
              group: ['**/src/**', '../src/*'],
              allowTypeImports: true,
              message: 'Workflows must not load gateway/worker code.',
            },
            {
              group: ['zod', 'zod/*', 'hono', 'hono/*', '@hono/*', 'pino', 'sharp'],
              message: 'Not in the workflow sandbox.',
            },
            {
              group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker'],
              allowTypeImports: true,
              message: 'Disallowed in workflow bundles.',
            },
          ],
          paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net'].map(
            (name) => ({
              name,
              message: 'Workflows are deterministic: no Node built-ins.',
            }),
          ),
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
