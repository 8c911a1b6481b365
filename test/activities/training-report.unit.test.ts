/**
 * How often a training attempt reports checkpoints to its workflow: every signal is
 * history, so a long attempt must stay far below the server's limits, while a short job
 * reports every checkpoint (its query view follows each one).
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_REPORTS, checkpointReportDue } from '../../activities/training-report.ts';

/** Reports sent for an attempt that writes a checkpoint every `everyMs` for `forMs`. */
function reportsOf(forMs: number, everyMs: number): number[] {
  const sent = { count: 0, lastAt: undefined as number | undefined };
  const at: number[] = [];
  for (let now = everyMs; now <= forMs; now += everyMs) {
    if (!checkpointReportDue(sent, now)) continue;
    sent.count += 1;
    sent.lastAt = now;
    at.push(now);
  }
  return at;
}

describe('checkpoint reports of one training attempt', () => {
  it('reports every checkpoint of a short job', () => {
    expect(reportsOf(20_000, 1_000)).toHaveLength(20);
  });

  it('keeps a 12-hour attempt with a checkpoint every second under 1,500 reports (6,000 history events)', () => {
    const reports = reportsOf(12 * 3600_000, 1_000);
    expect(reports.length).toBeGreaterThan(1_400);
    expect(reports.length).toBeLessThan(1_500);
  });

  it('after the first ones, never reports twice within the interval', () => {
    const reports = reportsOf(3600_000, 250).slice(CHECKPOINT_REPORTS.everyOneFirst);
    const gaps = reports.slice(1).map((t, i) => t - reports[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(CHECKPOINT_REPORTS.thenEveryMs);
  });
});
