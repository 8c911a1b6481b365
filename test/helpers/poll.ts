/** The one "wait until" of the tests, on vitest's own retry loop. */
import { vi } from 'vitest';

export interface PollOptions {
  /** Named in the failure, with the last value read. */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Reads until `done(value)` holds (a read that throws counts as "not yet"); fails with the last value read. */
export function pollUntil<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  o: PollOptions,
): Promise<T> {
  const timeout = o.timeoutMs ?? 60_000;
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value))
        throw new Error(`${o.what} not reached in ${timeout} ms; last: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout, interval: o.intervalMs ?? 100 },
  );
}
