import { defineConfig } from 'vitest/config';

// Pure unit tests only (no Temporal server): handy while working on maths and formats.
export default defineConfig({
  test: { pool: 'forks', include: ['test/**/*.unit.test.ts'], testTimeout: 60_000 },
});
