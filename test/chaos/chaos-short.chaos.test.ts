/**
 * The short chaos run inside `npm test`: about ten jobs through the gateway while each
 * member of a real cluster (its own Temporal dev server, since Temporal gets killed
 * too) is SIGKILLed once and restarted on the same database and data dir. Same code
 * and invariants as `npm run chaos`, smaller numbers. Nothing here asserts on speed:
 * recovery times are reported, and only their absence (no recovery at all) fails.
 *
 * Multi-host: every member with a private, empty data dir, two training workers, and
 * the suite's SeaweedFS the only thing they share — the layout with the most to lose.
 * The fs backend's chaos run is `npm run chaos` (default storage fs); its crash paths are
 * also covered file by file (test/workflows/*.crash.test.ts). Running both here cost
 * npm test two minutes of its twenty.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runChaos } from './chaos-run.ts';
import { type ChaosStorageKind } from './chaos-storage.ts';
import { summarize } from './report.ts';

interface ShortRun {
  storage: ChaosStorageKind;
  kills: number;
  minKills: number;
  loadWindowMs: number;
  maxDurationMs: number;
}
const RUNS: ShortRun[] = [
  // Five members (the kill bag holds both training workers), five processes on a small machine.
  // 270 s: the clients poll until 75 s before it; at load 13 (other tests beside it) one job
  // finished just after a 135 s poll deadline, all jobs correct.
  { storage: 'multi-host', kills: 5, minKills: 4, loadWindowMs: 40_000, maxDurationMs: 270_000 },
];

describe.each(RUNS)(
  'chaos (short, $storage storage)',
  ({ storage, kills, minKills, loadWindowMs, maxDurationMs }) => {
    it('keeps every invariant while the training worker, orchestration worker, gateway and Temporal are SIGKILLed', async () => {
      const report = await runChaos({
        seed: 4,
        jobs: 10,
        loadWindowMs,
        kills,
        minKills,
        killGapMs: [2_000, 4_000],
        downMs: [300, 1_000],
        cancelShare: 0.1,
        submitBudgetMs: 60_000,
        maxDurationMs,
        reportFile: path.resolve(`test-output/chaos/report-short-${storage}.json`),
        keepRunDir: false,
        cliPath: inject('temporalCliPath'),
        storage,
        s3: storage === 'fs' ? undefined : inject('s3'),
        say: () => undefined,
      });
      console.log(summarize(report));
      expect(report.violations).toEqual([]);
      expect(report.jobs.acknowledged).toBe(10);
      expect(report.jobs.referencesMatched).toBe(report.jobs.deterministic);
      expect(new Set(report.kills.map((k) => k.component)).size).toBe(report.kills.length);
    }, 330_000);
  },
);
