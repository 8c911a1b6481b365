/**
 * The two measurements every system in the peer table gets, with the same code, so
 * their figures compare: submissions at concurrency 20 (latency as the client sees
 * it, CPU of every process involved per submission), and sustained closed-loop
 * throughput (20 clients, each submitting its next job as soon as the last one
 * finished; jobs finished inside the window, CPU of every process per job).
 */
import { startCpuWindow, totalMs } from '../process-cpu.ts';
import { summarize, timedConcurrent, type Summary } from '../stats.ts';

export const PEER_CONCURRENCY = 20;

/** Named process trees that do the work, sampled when a window opens (pids change on restarts). */
export type Processes = () => Record<string, number | undefined>;

export interface SubmitFigures {
  latencyMs: Summary;
  cpuMsPerSubmission: number;
  cpuMsByProcess: Record<string, number>;
}

export async function measureSubmissions(
  submit: (i: number) => Promise<void>,
  processes: Processes,
  total = 300,
): Promise<SubmitFigures> {
  await timedConcurrent(40, PEER_CONCURRENCY, (i) => submit(-1 - i)); // warm-up: connections, JIT
  const cpu = await startCpuWindow(processes());
  const latencies = await timedConcurrent(total, PEER_CONCURRENCY, submit);
  const byProcess = await cpu.stop();
  return {
    latencyMs: summarize(latencies),
    cpuMsPerSubmission: totalMs(byProcess) / total,
    cpuMsByProcess: byProcess,
  };
}

export interface SustainedFigures {
  jobsPerS: number;
  completedInWindow: number;
  windowS: number;
  endToEndMs: Summary;
  cpuMsPerJob: number;
  cpuMsByProcess: Record<string, number>;
}

/**
 * Jobs finished inside [warm-up, warm-up + window); CPU over the same window divided
 * by them (in a steady state the jobs straddling either edge cancel out).
 */
export async function measureSustained(
  runJob: (key: string) => Promise<void>,
  processes: Processes,
  opts: { warmupMs: number; windowMs: number },
): Promise<SustainedFigures> {
  const start = Date.now();
  const windowStart = start + opts.warmupMs;
  const windowEnd = windowStart + opts.windowMs;
  const latencies: number[] = [];
  let n = 0;
  const lane = async () => {
    while (Date.now() < windowEnd) {
      const t = Date.now();
      await runJob(`${start}-${n++}`);
      const done = Date.now();
      if (done >= windowStart && done < windowEnd) latencies.push(done - t);
    }
  };
  const opened = (async () => {
    await new Promise((r) => setTimeout(r, opts.warmupMs));
    const cpu = await startCpuWindow(processes());
    await new Promise((r) => setTimeout(r, windowEnd - Date.now()));
    return cpu.stop();
  })();
  await Promise.all(Array.from({ length: PEER_CONCURRENCY }, lane));
  const byProcess = await opened;
  const completed = latencies.length;
  return {
    jobsPerS: completed / (opts.windowMs / 1000),
    completedInWindow: completed,
    windowS: opts.windowMs / 1000,
    endToEndMs: summarize(latencies),
    cpuMsPerJob: completed ? totalMs(byProcess) / completed : NaN,
    cpuMsByProcess: byProcess,
  };
}
