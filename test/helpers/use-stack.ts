/**
 * A test file's stack in one line per part: `useHarness()`, `useGateway(h)` and
 * `useChromium()` register the beforeAll that starts the part and the afterAll that stops
 * it (vitest runs after-hooks in reverse order, so the gateway stops before its harness).
 * They return the part at once, usable inside hooks and tests once its beforeAll has run;
 * touching it earlier throws, instead of silently reading `undefined`.
 */
import { afterAll, beforeAll } from 'vitest';
import { type ActivityDeps } from '../../activities/index.ts';
import { type QueueSelection } from '../../src/worker/create-workers.ts';
import { startGateway, type Gateway, type GatewayOptions } from './gateway-harness.ts';
import { forwardTo } from './forward-to.ts';
import { createHarness, type Harness } from './harness.ts';

/** `start` in beforeAll and `stop` in afterAll; the value forwards to what `start` returned. */
export function startedInHooks<T extends object>(
  what: string,
  start: () => Promise<T>,
  stop: (value: T) => Promise<void>,
  timeoutMs?: number,
): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  }, timeoutMs);
  afterAll(async () => {
    if (value) await stop(value);
  });
  return forwardTo(what, () => value);
}

export interface HarnessOptions {
  /** In-process workers to start with the harness (none when omitted). */
  workers?: QueueSelection;
  /** Dependencies of those workers that differ from the harness's (e.g. test trainers). */
  deps?: Partial<ActivityDeps>;
}

export function useHarness(opts: HarnessOptions = {}): Harness {
  return startedInHooks(
    'the harness',
    async () => {
      const h = await createHarness();
      if (opts.workers) await h.startWorkers(opts.workers, opts.deps);
      return h;
    },
    (h) => h.close(),
  );
}

export function useGateway(h: Harness, opts: GatewayOptions = {}): Gateway {
  return startedInHooks(
    'the gateway',
    () => startGateway(h, opts),
    (gw) => gw.close(),
  );
}
