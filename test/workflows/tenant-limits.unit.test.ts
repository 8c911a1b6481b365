/** The limits' arithmetic: rate settings, the token bucket and the ledger of active jobs (pure, no Temporal). */
import { describe, expect, it } from 'vitest';
import {
  MISSING_GRACE_MS,
  applyObservations,
  ledgerWeight,
  parseRateSpec,
  takeToken,
  type LedgerEntry,
} from '../../workflows/tenant-limits.ts';

describe('parseRateSpec', () => {
  it.each([
    ['10/m', { tokens: 10, periodSeconds: 60, burst: 10 }],
    ['10/m,20', { tokens: 10, periodSeconds: 60, burst: 20 }],
    [' 1 / h , 3 ', { tokens: 1, periodSeconds: 3600, burst: 3 }],
    ['5/s', { tokens: 5, periodSeconds: 1, burst: 5 }],
  ])('%s → %o', (text, spec) => expect(parseRateSpec(text)).toEqual(spec));

  it.each(['', '10', '10/d', '0/m', '10/m,0', '-1/m', '10/m,', 'ten/m', '1.5/m', '10/m,20,30'])(
    'refuses %j',
    (text) => expect(parseRateSpec(text)).toBeNull(),
  );
});

describe('takeToken', () => {
  const spec = { tokens: 10, periodSeconds: 60, burst: 3 }; // one token per 6 s, bursts of 3

  it('starts full, spends one token per call and refuses when empty, saying when the next one comes', () => {
    let bucket = null;
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = takeToken(bucket, spec, 1_000);
      expect(t.taken).toBe(true);
      remaining.push(t.state.remaining);
      bucket = t.bucket;
    }
    expect(remaining).toEqual([2, 1, 0]);
    const refused = takeToken(bucket, spec, 1_000);
    expect(refused.taken).toBe(false);
    expect(refused.retryAfterSeconds).toBe(6);
    expect(refused.state).toEqual({ limit: 3, remaining: 0, resetSeconds: 18, windowSeconds: 18 });
  });

  it('refills with time, never above the burst', () => {
    const empty = { tokens: 0, atMs: 0 };
    expect(takeToken(empty, spec, 5_999).taken).toBe(false);
    const t = takeToken(empty, spec, 6_000);
    expect(t.taken).toBe(true);
    expect(takeToken(empty, spec, 10 * 60_000).state.remaining).toBe(2); // capped at 3, one spent
  });

  it('never answers a Retry-After below 1 s', () => {
    const almost = { tokens: 0.9999, atMs: 0 };
    expect(takeToken(almost, spec, 0).retryAfterSeconds).toBe(1);
  });
});

describe('the ledger', () => {
  const entries: LedgerEntry[] = [
    { workflowId: 'training:t:a', weight: 1, admittedAtMs: 0 },
    { workflowId: 'pack:t:p', weight: 3, admittedAtMs: 0 },
    { workflowId: 'training:t:new', weight: 1, admittedAtMs: 100_000 },
    { workflowId: 'training:t:gone', weight: 1, admittedAtMs: 0 },
    { workflowId: 'training:t:unasked', weight: 1, admittedAtMs: 0 },
  ];

  it('drops closed entries, shrinks packs, keeps a missing one only during the grace period', () => {
    const now = 100_000 + MISSING_GRACE_MS - 1;
    const next = applyObservations(
      entries,
      [
        { workflowId: 'training:t:a', state: 'closed' },
        { workflowId: 'pack:t:p', state: 'running', active: 2 },
        { workflowId: 'training:t:new', state: 'missing' },
        { workflowId: 'training:t:gone', state: 'missing' },
      ],
      now,
    );
    expect(next.map((e) => [e.workflowId, e.weight])).toEqual([
      ['pack:t:p', 2],
      ['training:t:new', 1],
      ['training:t:unasked', 1],
    ]);
    expect(ledgerWeight(next)).toBe(4);
  });

  it('keeps the weight when the count is unknown, and drops a pack with nothing left to do', () => {
    const next = applyObservations(
      entries.slice(0, 2),
      [
        { workflowId: 'training:t:a', state: 'running' },
        { workflowId: 'pack:t:p', state: 'running', active: 0 },
      ],
      0,
    );
    expect(next.map((e) => [e.workflowId, e.weight])).toEqual([['training:t:a', 1]]);
  });
});
