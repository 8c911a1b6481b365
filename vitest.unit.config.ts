import { defineConfig } from 'vitest/config';

// `npm run test:unit`: the *.unit.test.ts files only, which need no Temporal server (no globalSetup
// here, so one that did would fail on inject()): the fast loop while working on maths and formats.
export default defineConfig({
  test: { pool: 'forks', include: ['test/**/*.unit.test.ts'], testTimeout: 60_000 },
});
