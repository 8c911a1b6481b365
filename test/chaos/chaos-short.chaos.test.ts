/**
 * The short chaos run inside `npm test`: about ten jobs through the gateway while each
 * member of a real cluster (its own Temporal dev server, since Temporal gets killed
 * too) is SIGKILLed once and restarted on the same database and data dir. Same code
 * and invariants as `npm run chaos`, smaller numbers. Nothing here asserts on speed:
 * recovery times are reported, and only their absence (no recovery at all) fails.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runChaos } from './chaos-run.ts';
import { summarize } from './report.ts';

describe('chaos (short)', () => {
  it('keeps every invariant while the training worker, orchestration worker, gateway and Temporal are SIGKILLed', async () => {
    const report = await runChaos({
      seed: 4,
      jobs: 10,
      loadWindowMs: 30_000,
      kills: 4,
      minKills: 3,
      killGapMs: [2_000, 4_000],
      downMs: [300, 1_000],
      cancelShare: 0.1,
      submitBudgetMs: 60_000,
      maxDurationMs: 170_000,
      reportFile: path.resolve('test-output/chaos/report-short.json'),
      keepRunDir: false,
      cliPath: inject('temporalCliPath'),
      say: () => undefined,
    });
    console.log(summarize(report));
    expect(report.violations).toEqual([]);
    expect(report.jobs.acknowledged).toBe(10);
    expect(report.jobs.referencesMatched).toBe(report.jobs.deterministic);
    expect(new Set(report.kills.map((k) => k.component)).size).toBe(report.kills.length);
  }, 240_000);
});
