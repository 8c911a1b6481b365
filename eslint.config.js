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
      '@typescript-eslint/no-restricted-imports': ['error', workflowImportRules({ allowZod: false })],
    },
  },
  {
    // The contract's schemas: zod is pure and deterministic, and the workflows check their
    // own input with the very schemas the gateway uses (issue 10), so zod runs here; and the
    // admission workflow's own schemas (issue 14), for the same reason.
    files: ['workflows/contract-schemas.ts', 'workflows/tenant-admission-schemas.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', workflowImportRules({ allowZod: true })],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

/** Temporal's determinism boundary for workflow code (see the comment at the top). */
function workflowImportRules({ allowZod }) {
  return {
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
        group: ['hono', 'hono/*', '@hono/*', 'pino', 'sharp'],
        message: 'Not in the workflow sandbox.',
      },
      ...(allowZod
        ? []
        : [
            {
              group: ['zod', 'zod/*'],
              allowTypeImports: true,
              message: 'zod runs only in workflows/contract-schemas.ts.',
            },
          ]),
      {
        group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker'],
        allowTypeImports: true,
        message: 'Disallowed in workflow bundles.',
      },
    ],
    paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net'].map((name) => ({
      name,
      message: 'Workflows are deterministic: no Node built-ins.',
    })),
  };
}
