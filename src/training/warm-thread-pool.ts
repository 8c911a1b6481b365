/**
 * Long-lived worker threads for CPU-bound trainers (piscina underneath): one per training
 * slot, started once, reused by every job, so a job pays no thread start, module loading
 * or JIT warm-up. Each task talks to its caller over its own MessagePort and is stopped
 * cooperatively through a shared flag, so a cancelled thread stays warm for the next job.
 * A thread that dies is replaced by piscina; one that stops sending messages for
 * `hangTimeoutMs`, or ignores a cancellation for `cancelGraceMs`, is terminated (which
 * also replaces it), so a stuck task can never hold a slot.
 *
 * The thread module's default export receives `{ ...payload, port, cancelled }` and must
 * post at least one message when it starts (the watchdog runs from there), check
 * `Atomics.load(cancelled, 0)` between units of work, and close `port` when it returns.
 */
import { MessageChannel, type Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

export interface WarmThreadPoolOptions {
  /** The thread module; resolved once, when the pool first starts (e.g. after building it). */
  entry: () => Promise<string>;
  threads: number;
  /** A running task silent for this long is stuck: its thread is terminated and replaced. */
  hangTimeoutMs?: number;
  /** How long a cancelled task may take to stop by itself before its thread is terminated. */
  cancelGraceMs?: number;
}

export interface ThreadTaskHandle<R> {
  /** The task's return value, once it returned and all its messages were delivered. */
  result: Promise<R>;
  /** Asks the task to stop; settles once it has (or its thread was replaced). */
  cancel(): Promise<void>;
}

/** Why the pool terminated a task's thread. */
export class ThreadStoppedError extends Error {
  override name = 'ThreadStoppedError';
  constructor(readonly reason: 'hang' | 'cancel-timeout') {
    super(
      reason === 'hang'
        ? 'training thread stopped responding and was replaced'
        : 'training thread ignored cancellation and was replaced',
    );
  }
}

export class WarmThreadPool {
  private piscina?: Promise<Piscina>;
  private readonly hangTimeoutMs: number;
  private readonly cancelGraceMs: number;

  constructor(private readonly options: WarmThreadPoolOptions) {
    if (!(Number.isInteger(options.threads) && options.threads >= 1))
      throw new RangeError(`a thread pool needs at least one thread, got ${options.threads}`);
    this.hangTimeoutMs = options.hangTimeoutMs ?? 30_000;
    this.cancelGraceMs = options.cancelGraceMs ?? 10_000;
  }

  /** Starts every thread now rather than on the first task; rejects if the module cannot be had. */
  async warmUp(): Promise<void> {
    await this.pool();
  }

  /** The pool's threads (for observation and tests). */
  async threads(): Promise<Worker[]> {
    return (await this.pool()).threads;
  }

  async close(): Promise<void> {
    const pool = this.piscina;
    this.piscina = undefined;
    if (pool) await (await pool).destroy();
  }

  run<R>(payload: object, onMessage: (message: unknown) => void): ThreadTaskHandle<R> {
    const { port1, port2 } = new MessageChannel();
    const cancelled = new Int32Array(new SharedArrayBuffer(4));
    const abort = new AbortController();
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (ms: number, reason: ThreadStoppedError['reason']) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => abort.abort(new ThreadStoppedError(reason)), ms);
    };
    const closed = new Promise<void>((resolve) => port1.once('close', resolve));
    port1.on('message', (message: unknown) => {
      if (Atomics.load(cancelled, 0) === 0) arm(this.hangTimeoutMs, 'hang');
      onMessage(message);
    });

    const task = this.pool().then((pool) =>
      pool.run({ ...payload, port: port2, cancelled }, { transferList: [port2], signal: abort.signal }),
    );
    const result = task.then(
      async (value: R) => {
        await closed; // every message posted before the thread returned has been handled
        return value;
      },
      (err: unknown) => {
        port1.close();
        throw abort.signal.aborted ? abort.signal.reason : err;
      },
    );
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    void settled.finally(() => clearTimeout(watchdog));

    return {
      result,
      cancel: async () => {
        if (Atomics.compareExchange(cancelled, 0, 0, 1) === 0) arm(this.cancelGraceMs, 'cancel-timeout');
        await settled;
      },
    };
  }

  private pool(): Promise<Piscina> {
    if (this.piscina) return this.piscina;
    const starting = this.options.entry().then(
      (filename) =>
        new Piscina({
          filename,
          minThreads: this.options.threads,
          maxThreads: this.options.threads,
          idleTimeout: Infinity,
          concurrentTasksPerWorker: 1,
          // Idle threads then wait in their event loop, not in Atomics.wait, so a task's
          // port.close() reaches us (our `closed` promise) and nothing is left half-delivered.
          atomics: 'disabled',
          // Not the parent's flags (e.g. `--import tsx`): the module is plain JavaScript, and a
          // bundle's inline source map then puts the original sources in stack traces.
          execArgv: ['--enable-source-maps'],
        }),
    );
    // A failed start (e.g. the module could not be built) is retried by the next task.
    starting.catch(() => {
      if (this.piscina === starting) this.piscina = undefined;
    });
    this.piscina = starting;
    return starting;
  }
}
