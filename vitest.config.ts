import { defineConfig } from 'vitest/config';

// One real Temporal dev server for the whole run (test/helpers/global-setup.ts);
// forks, not threads, because the SDK's native module misbehaves in worker threads.
export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
