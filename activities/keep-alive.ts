/**
 * Heartbeats once a second while a short activity runs, so that with a heartbeat
 * timeout a worker that dies mid-activity is noticed in seconds instead of after the
 * whole start-to-close timeout.
 */
import { heartbeat } from '@temporalio/activity';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withKeepAlive<F extends (...args: any[]) => Promise<unknown>>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    heartbeat();
    const ticker = setInterval(() => heartbeat(), 1_000);
    try {
      return await fn(...args);
    } finally {
      clearInterval(ticker);
    }
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped as F;
}

/** Wraps every function of an activities object. */
export function keepAliveAll<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, withKeepAlive(fn as never)]),
  ) as unknown as T;
}
