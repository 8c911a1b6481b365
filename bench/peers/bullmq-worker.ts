/**
 * Worker process of the BullMQ peer (started by bullmq-peer.ts): one BullMQ worker,
 * concurrency 1 (one slot, like Atelier's default training worker), BullMQ's default
 * lock and stalled-job settings (30 s), as a user would start it. Says "ready" over
 * IPC once connected.
 */
import { Worker } from 'bullmq';
import { runStyleJob, type StyleJobData } from './style-job.ts';

const port = Number(process.env.PEER_REDIS_PORT);
const queue = process.env.PEER_QUEUE;
const outDir = process.env.PEER_OUT_DIR;
if (!port || !queue || !outDir) throw new Error('PEER_REDIS_PORT, PEER_QUEUE and PEER_OUT_DIR must be set');

const worker = new Worker<StyleJobData>(
  queue,
  async (job) => {
    // Marks the start of this attempt, so a restart after a crash is visible.
    if (job.data.reportIterations) await job.updateProgress({ iteration: 0, attempt: job.attemptsStarted });
    return runStyleJob(job.id!, job.data, outDir, (iteration) =>
      job.updateProgress({ iteration, attempt: job.attemptsStarted }),
    );
  },
  { connection: { host: '127.0.0.1', port }, concurrency: 1 },
);
await worker.waitUntilReady();
const close = () => void worker.close().then(() => process.exit(0));
process.once('SIGTERM', close);
process.once('disconnect', close);
process.send?.('ready');
