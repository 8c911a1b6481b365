/** The storage figures (storage-speed.ts): checkpoint write and artifact download p50, per backend. */
import { type MetricRow } from './results.ts';
import { type StorageSpeedResult } from './storage-speed.ts';

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;

export function storageRows(r: StorageSpeedResult | undefined): MetricRow[] {
  const mb = (bytes: number | undefined) => (bytes ? `${(bytes / 1e6).toFixed(2)} MB` : '?');
  return (['fs', 's3'] as const).flatMap((backend) => {
    const big = r?.[backend].lut65;
    const small = r?.[backend].lut33;
    const where = backend === 'fs' ? 'local disk' : 'SeaweedFS on loopback';
    return [
      {
        name: `checkpoint_write_p50_ms_${backend}`,
        value: num(big?.checkpointWriteMs.p50),
        unit: 'ms',
        how: `Storage.writeCheckpoint of a lutSize 65 checkpoint (${mb(big?.bytes)}), ${where}, ${big?.checkpointWriteMs.n ?? 0} writes; lutSize 33 (${mb(small?.bytes)}): ${num(small?.checkpointWriteMs.p50)} ms`,
      },
      {
        name: `artifact_download_p50_ms_${backend}`,
        value: num(big?.artifactDownloadMs.p50),
        unit: 'ms',
        how: `Storage.openArtifact streamed to its end, ${mb(big?.bytes)}, ${where}, ${big?.artifactDownloadMs.n ?? 0} reads; ${mb(small?.bytes)}: ${num(small?.artifactDownloadMs.p50)} ms`,
      },
    ];
  });
}
