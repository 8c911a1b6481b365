/**
 * Checkpoints on the filesystem:
 *   jobs/<jobId>/checkpoints/000042.ckpt   the trainer's bytes
 *   jobs/<jobId>/checkpoints/000042.json   its record (iteration, loss, createdAt), for listings
 *   jobs/<jobId>/checkpoints/latest.json   the record a retry or resume continues from
 * Write order is data → record → latest, each atomic, so whatever a crash interrupts,
 * `latest.json` only ever names a checkpoint whose bytes are already durable.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';
import { isMissing, nullIfMissing } from './fs-errors.ts';
import { resolveInside, validateKey } from './keys.ts';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  type CheckpointRecord,
  type Storage,
} from './types.ts';

type CheckpointStore = Pick<
  Storage,
  'writeCheckpoint' | 'readLatestCheckpoint' | 'listCheckpoints' | 'deleteCheckpoints'
>;

const RecordSchema = z.object({
  key: z.string(),
  iteration: z.number().int().nonnegative(),
  loss: z.number().nullable(),
  createdAt: z.string(),
});

const LATEST = 'latest.json';
const RECORD_FILE = /^\d{6,}\.json$/;

export function createFsCheckpoints(root: string): CheckpointStore {
  const dirOf = (jobId: string) => resolveInside(root, 'jobs', validateKey('jobId', jobId), 'checkpoints');
  const stem = (iteration: number) => String(iteration).padStart(6, '0');
  const dataPath = (jobId: string, iteration: number) =>
    resolveInside(dirOf(jobId), `${stem(iteration)}.ckpt`);

  async function readRecord(file: string): Promise<CheckpointRecord | null> {
    const text = await readFile(file, 'utf8').catch(nullIfMissing);
    if (text === null) return null;
    const parsed = RecordSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`corrupt checkpoint record ${file}: ${parsed.error.message}`);
    return parsed.data;
  }

  return {
    async writeCheckpoint(jobId, iteration, loss, data) {
      const dir = dirOf(jobId);
      if (!Number.isSafeInteger(iteration) || iteration < 0) {
        throw new InvalidStorageKeyError(`invalid checkpoint iteration: ${iteration}`);
      }
      // JSON would turn NaN/Infinity into null and break every later read of the record.
      if (loss !== null && !Number.isFinite(loss))
        throw new RangeError(`checkpoint loss must be finite or null, got ${loss}`);
      const record: CheckpointRecord = {
        key: `${jobId}/${stem(iteration)}.ckpt`,
        iteration,
        loss,
        createdAt: new Date().toISOString(),
      };
      const json = Buffer.from(JSON.stringify(record));
      await writeFileAtomic(dataPath(jobId, iteration), data);
      await writeFileAtomic(resolveInside(dir, `${stem(iteration)}.json`), json);
      await writeFileAtomic(resolveInside(dir, LATEST), json);
      return record;
    },

    async readLatestCheckpoint(jobId) {
      const record = await readRecord(resolveInside(dirOf(jobId), LATEST));
      if (record === null) return null;
      // Derive the path from validated parts instead of trusting the stored key.
      if (record.key !== `${jobId}/${stem(record.iteration)}.ckpt`) {
        throw new Error(`corrupt latest record for job ${jobId}: key ${JSON.stringify(record.key)}`);
      }
      const data = await readFile(dataPath(jobId, record.iteration)).catch(nullIfMissing);
      if (data === null)
        throw new StorageNotFoundError(`checkpoint ${record.key} named by latest.json is missing`);
      return { record, data };
    },

    async listCheckpoints(jobId) {
      const dir = dirOf(jobId);
      const names = await readdir(dir).catch((err: unknown) => (isMissing(err) ? [] : Promise.reject(err)));
      const records: CheckpointRecord[] = [];
      for (const name of names.filter((n) => RECORD_FILE.test(n))) {
        const record = await readRecord(resolveInside(dir, name));
        if (record !== null) records.push(record);
      }
      return records.sort((a, b) => a.iteration - b.iteration);
    },

    async deleteCheckpoints(jobId) {
      await rm(dirOf(jobId), { recursive: true, force: true });
    },
  };
}
