/**
 * Is a 2.5 s heartbeat timeout safe on a busy machine? One long training job runs for a
 * fixed window while CPU burners (two per core, at the same priority as everything else)
 * compete with the training worker, the orchestration worker and the Temporal server.
 * Nothing is killed, so every heartbeat timeout the server records is a false takeover.
 *
 * Figures: false takeovers (the training attempt number going up), and the gaps between
 * the heartbeats the server recorded (the pending activity's lastHeartbeatTime, polled
 * every 100 ms), whose maximum must stay well under HEARTBEAT_TIMEOUT_MS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { type BenchStack } from './stack.ts';
import { summarize, type Summary } from './stats.ts';
import { submitLongJob, until } from './long-job.ts';

export interface TakeoverResult {
  windowS: number;
  burners: number;
  falseTakeovers: number;
  heartbeatGapsMs: Summary;
  iterations: number;
  loadAverage1m: { start: number; end: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A busy loop that ends by itself even if this process dies first. */
function burner(seconds: number): ChildProcess {
  const code = `const end = Date.now() + ${seconds * 1000}; let x = 0; while (Date.now() < end) x++;`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

export async function takeoversUnderLoad(stack: BenchStack, windowS = 60): Promise<TakeoverResult> {
  const job = await submitLongJob(stack, 'takeovers');
  const { training } = job;
  const first = await until('training to start', 60_000, 200, async () => {
    const t = await training();
    return t?.state === 'started' ? t : undefined;
  });
  const burners = Array.from({ length: 2 * os.availableParallelism() }, () => burner(windowS + 5));
  const loadStart = os.loadavg()[0];
  const gaps: number[] = [];
  let lastBeat = first.lastHeartbeatAt?.getTime();
  let attempt = first.attempt;
  let iteration = 0;
  try {
    const end = Date.now() + windowS * 1000;
    while (Date.now() < end) {
      await sleep(100);
      const t = await training().catch(() => null);
      if (!t) continue;
      attempt = Math.max(attempt, t.attempt);
      iteration = Math.max(iteration, t.heartbeat?.iteration ?? 0);
      const beat = t.lastHeartbeatAt?.getTime();
      if (beat !== undefined && lastBeat !== undefined && beat > lastBeat) gaps.push(beat - lastBeat);
      lastBeat = beat ?? lastBeat;
    }
  } finally {
    for (const b of burners) b.kill('SIGKILL');
  }
  const loadEnd = os.loadavg()[0];
  await job.cancel();
  return {
    windowS,
    burners: burners.length,
    falseTakeovers: attempt - first.attempt,
    heartbeatGapsMs: summarize(gaps),
    iterations: iteration,
    loadAverage1m: { start: loadStart, end: loadEnd },
  };
}
