/**
 * Retention on a schedule: the orchestration worker collects unreferenced blobs and the
 * leftovers of interrupted writes once at start and then every ATELIER_GC_INTERVAL_MS.
 * Runs never overlap; a failed run is logged and the next one tries again.
 */
import { type Logger } from '../logger.ts';
import { type Storage } from '../storage/types.ts';

/** A temp file or multipart upload older than this belongs to a writer that is gone. */
export const TEMP_GRACE_MS = 15 * 60_000;

export interface StorageJanitor {
  /** Resolves once a run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startStorageJanitor(
  storage: Storage,
  opts: { intervalMs: number; blobGraceMs: number; log: Logger },
): StorageJanitor {
  let running: Promise<void> = Promise.resolve();
  const collect = () => {
    running = running.then(async () => {
      try {
        const report = await storage.collectGarbage({
          blobGraceMs: opts.blobGraceMs,
          tempGraceMs: TEMP_GRACE_MS,
        });
        opts.log.info({ ...report, storage: storage.kind }, 'storage garbage collected');
      } catch (err) {
        opts.log.warn({ error: String(err) }, 'storage garbage collection failed; next run will retry');
      }
    });
  };
  collect();
  const timer = setInterval(collect, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
