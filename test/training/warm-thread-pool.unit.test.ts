import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadStoppedError, WarmThreadPool } from '../../src/training/warm-thread-pool.ts';

const SPINNING = fileURLToPath(new URL('../fixtures/spinning-thread.mjs', import.meta.url));

describe('WarmThreadPool', () => {
  let pool: WarmThreadPool | undefined;
  const createPool = (options: { hangTimeoutMs?: number; cancelGraceMs?: number } = {}) =>
    (pool = new WarmThreadPool({ entry: async () => SPINNING, threads: 1, ...options }));
  const echo = (p: WarmThreadPool) => p.run<number>({ mode: 'echo' }, () => undefined).result;
  afterEach(async () => {
    await pool?.close();
  });

  it('runs every task on the same warm thread', async () => {
    const p = createPool();
    await p.warmUp();
    const [thread] = await p.threads();
    expect([await echo(p), await echo(p), await echo(p)]).toEqual([
      thread.threadId,
      thread.threadId,
      thread.threadId,
    ]);
  });

  it('replaces a thread that stops sending messages, and the next task runs on the new one', async () => {
    const p = createPool({ hangTimeoutMs: 300 });
    const first = await echo(p);
    const started = Date.now();
    await expect(p.run({ mode: 'spin' }, () => undefined).result).rejects.toEqual(
      new ThreadStoppedError('hang'),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const next = await echo(p);
    expect(next).not.toBe(first);
  });

  it('replaces a thread that ignores its cancellation after the grace period', async () => {
    const p = createPool({ hangTimeoutMs: 60_000, cancelGraceMs: 200 });
    const first = await echo(p);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const task = p.run({ mode: 'spin' }, () => started());
    await running;
    await task.cancel();
    await expect(task.result).rejects.toEqual(new ThreadStoppedError('cancel-timeout'));
    expect(await echo(p)).not.toBe(first);
  });

  it('reports a thread that dies under a task, and replaces it', async () => {
    const p = createPool({ hangTimeoutMs: 60_000 });
    const first = await echo(p);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const task = p.run({ mode: 'spin' }, () => started());
    await running;
    const [thread] = await p.threads();
    await thread.terminate();
    await expect(task.result).rejects.toThrow(Error);
    expect(await echo(p)).not.toBe(first);
  });

  it('retries a failed start on the next task', async () => {
    let attempts = 0;
    const p = (pool = new WarmThreadPool({
      threads: 1,
      entry: async () => {
        if (++attempts === 1) throw new Error('bundle could not be built');
        return SPINNING;
      },
    }));
    await expect(echo(p)).rejects.toThrow('bundle could not be built');
    expect(await echo(p)).toEqual(expect.any(Number));
  });

  it('refuses an empty pool', () => {
    expect(() => new WarmThreadPool({ entry: async () => SPINNING, threads: 0 })).toThrow(
      /at least one thread/,
    );
  });
});
