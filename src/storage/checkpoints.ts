/**
 * Checkpoints with fencing (layout in checkpoint-layout.ts). An attempt first claims the
 * job's checkpoint line: the head records it as the writer, by compare-and-swap. From then
 * on only that writer may move the head; an older attempt that wakes up later (a worker
 * cut off from Temporal) is refused with `StaleWriterError` and cannot overwrite anything,
 * because every write goes to a fresh name and only the head decides what is latest.
 * A claim falls back past a damaged latest checkpoint to the newest usable one and says so.
 */
import {
  describeWriter,
  layout,
  newCheckpointName,
  parseCheckpointFile,
  sameWriter,
  supersedes,
  validWriter,
} from './checkpoint-layout.ts';
import { createCheckpointReads, isCheckpoint, type HeadState } from './checkpoint-reads.ts';
import type { ObjectStore } from './object-store.ts';
import { sha256Hex } from './sha256.ts';
import {
  InvalidStorageKeyError,
  StaleWriterError,
  StorageCorruptError,
  StorageNotFoundError,
  StorageUnavailableError,
} from './storage-errors.ts';
import type {
  Checkpoint,
  CheckpointClaim,
  CheckpointRecord,
  CheckpointWriter,
  JobRef,
  SkippedCheckpoint,
  Storage,
} from './types.ts';

type CheckpointStore = Pick<
  Storage,
  | 'claimCheckpoints'
  | 'writeCheckpoint'
  | 'readLatestCheckpoint'
  | 'listCheckpoints'
  | 'pruneCheckpoints'
  | 'deleteCheckpoints'
>;

/** Compare-and-swap rounds before giving up; losing one needs a concurrent writer of the same job. */
const CAS_ROUNDS = 8;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const label = (job: JobRef) => `${job.tenantId}/${job.jobId}`;

export function createCheckpoints(store: ObjectStore): CheckpointStore {
  const { readHead, load, listRecords } = createCheckpointReads(store);
  const contention = (job: JobRef) =>
    new StorageUnavailableError(
      `checkpoints of job ${label(job)}: the latest record kept changing (${CAS_ROUNDS} rounds)`,
      'ECONTENTION',
    );

  /** The checkpoint a claim continues from: the latest, else the newest usable one on record. */
  async function usable(l: ReturnType<typeof layout>, cur: HeadState): Promise<CheckpointClaim> {
    const skipped: SkippedCheckpoint[] = cur.problem ? [{ key: null, reason: cur.problem }] : [];
    const latest = cur.head?.checkpoint;
    if (latest) {
      const got = await load(l, latest);
      if (isCheckpoint(got)) return { checkpoint: got, skipped };
      skipped.push({ key: latest.key, reason: got.reason });
    } else if (cur.head) {
      return { checkpoint: null, skipped }; // claimed before, nothing written since
    }
    const { records, broken } = await listRecords(l);
    if (!cur.head && !cur.problem && records.length > 0)
      skipped.push({ key: null, reason: 'latest record is missing' });
    skipped.push(...broken);
    for (const record of records.reverse()) {
      if (record.key === latest?.key) continue;
      const got = await load(l, record);
      if (isCheckpoint(got)) return { checkpoint: got, skipped };
      skipped.push({ key: record.key, reason: got.reason });
    }
    return { checkpoint: null, skipped };
  }

  return {
    async claimCheckpoints(job, writer) {
      assertWriter(writer);
      const l = layout(job);
      for (let round = 0; round < CAS_ROUNDS; round++) {
        const cur = await readHead(l);
        if (cur.head && supersedes(cur.head.writer, writer)) {
          throw new StaleWriterError(
            `job ${label(job)}: ${describeWriter(writer)} is superseded by ${describeWriter(cur.head.writer)}`,
          );
        }
        const claim = await usable(l, cur);
        const head = {
          writer,
          checkpoint: claim.checkpoint?.record ?? null,
          claimedAt: new Date().toISOString(),
        };
        if (await store.swapVersioned(l.head, cur.version, json(head))) return claim;
      }
      throw contention(job);
    },

    async writeCheckpoint(job, writer, { iteration, loss, data }) {
      assertWriter(writer);
      if (!Number.isSafeInteger(iteration) || iteration < 0)
        throw new InvalidStorageKeyError(`invalid checkpoint iteration: ${iteration}`);
      // JSON would turn NaN/Infinity into null and break every later read of the record.
      if (loss !== null && !Number.isFinite(loss))
        throw new RangeError(`checkpoint loss must be finite or null, got ${loss}`);
      const l = layout(job);
      const key = newCheckpointName(iteration);
      const sha256 = sha256Hex(data);
      const record: CheckpointRecord = {
        key,
        iteration,
        loss,
        createdAt: new Date().toISOString(),
        bytes: data.byteLength,
        sha256,
        writer,
      };
      await store.put(l.data(key), data, { sha256 });
      await store.put(l.record(key), json(record), { contentType: 'application/json' });
      for (let round = 0; round < CAS_ROUNDS; round++) {
        const cur = await readHead(l);
        if (cur.problem) {
          throw new StorageUnavailableError(
            `checkpoints of job ${label(job)}: ${cur.problem}; the next attempt claims again`,
            'ECORRUPT',
          );
        }
        if (!cur.head || !sameWriter(cur.head.writer, writer)) {
          await Promise.all([store.delete(l.data(key)), store.delete(l.record(key))]);
          throw new StaleWriterError(
            `job ${label(job)}: ${describeWriter(writer)} may not write checkpoints: ${
              cur.head ? `taken over by ${describeWriter(cur.head.writer)}` : 'no claim (deleted)'
            }`,
          );
        }
        if (await store.swapVersioned(l.head, cur.version, json({ ...cur.head, checkpoint: record })))
          return record;
      }
      throw contention(job);
    },

    async readLatestCheckpoint(job): Promise<Checkpoint | null> {
      const l = layout(job);
      const cur = await readHead(l);
      if (cur.problem) throw new StorageCorruptError(`checkpoints of job ${label(job)}: ${cur.problem}`);
      const latest = cur.head?.checkpoint;
      if (!latest) return null;
      const got = await load(l, latest);
      if (isCheckpoint(got)) return got;
      const message = `latest checkpoint ${latest.key} of job ${label(job)}: ${got.reason}`;
      throw got.missing ? new StorageNotFoundError(message) : new StorageCorruptError(message);
    },

    listCheckpoints: async (job) => (await listRecords(layout(job))).records,

    async pruneCheckpoints(job, keep) {
      const l = layout(job);
      const latest = (await readHead(l)).head?.checkpoint;
      if (!latest) return 0; // nothing certain to keep: leave everything
      const byName = new Map<string, { iteration: number; modifiedMs: number; keys: string[] }>();
      for await (const o of store.list(l.dir)) {
        const file = parseCheckpointFile(o.key.slice(l.dir.length));
        if (!file || file.name === latest.key) continue;
        const entry = byName.get(file.name) ?? {
          iteration: file.iteration,
          modifiedMs: o.modifiedMs,
          keys: [],
        };
        entry.keys.push(o.key);
        entry.modifiedMs = Math.max(entry.modifiedMs, o.modifiedMs);
        byName.set(file.name, entry);
      }
      // Above the latest iteration may be a newer attempt's write in flight: never touched here.
      const older = [...byName.values()]
        .filter((e) => e.iteration <= latest.iteration)
        .sort((a, b) => b.iteration - a.iteration || b.modifiedMs - a.modifiedMs);
      const doomed = older.slice(Math.max(0, keep - 1));
      for (const e of doomed) await Promise.all(e.keys.map((k) => store.delete(k)));
      return doomed.length;
    },

    deleteCheckpoints: async (job) => store.deletePrefix(layout(job).dir),
  };
}

function assertWriter(writer: CheckpointWriter): void {
  if (!validWriter(writer))
    throw new InvalidStorageKeyError(`invalid checkpoint writer: ${JSON.stringify(writer)}`);
}
