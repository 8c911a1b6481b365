// Event-loop probe for benchmarks, preloaded into an atelier process with
// NODE_OPTIONS=--import=<this file>. Plain .mjs so it loads before tsx registers.
// Inert unless ATELIER_BENCH_PROBE_FILE is set. On SIGUSR2 it appends one JSON line
// {pid, p50, p99, max, mean (ms), rss (bytes)} about the main thread's event-loop delay
// since the previous SIGUSR2 (or start), then resets — so the bench can bracket exactly
// the interval it cares about. Worker threads (the trainer) are left alone.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.ATELIER_BENCH_PROBE_FILE;
if (file && isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.on('SIGUSR2', () => {
    const line = {
      pid: process.pid,
      at: Date.now(),
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
      rss: process.memoryUsage().rss,
    };
    appendFileSync(file, JSON.stringify(line) + '\n');
    histogram.reset();
  });
}
