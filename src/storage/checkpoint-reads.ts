/** Reading a job's checkpoint head, records and data, reporting damage instead of trusting it. */
import { type layout, parseCheckpointFile, parseHead, parseRecord, type Head } from './checkpoint-layout.ts';
import type { ObjectStore } from './object-store.ts';
import { sha256Hex } from './sha256.ts';
import type { Checkpoint, CheckpointRecord, SkippedCheckpoint } from './types.ts';

type Layout = ReturnType<typeof layout>;

export interface HeadState {
  head: Head | null;
  /** For the compare-and-swap; null when there is no head. */
  version: string | null;
  /** Why an existing head is unusable. */
  problem: string | null;
}

export type Loaded = Checkpoint | { missing: boolean; reason: string };
export const isCheckpoint = (l: Loaded): l is Checkpoint => 'record' in l;

const firstLine = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);

export function createCheckpointReads(store: ObjectStore) {
  async function readHead(l: Layout): Promise<HeadState> {
    const cur = await store.readVersioned(l.head);
    if (!cur) return { head: null, version: null, problem: null };
    try {
      return { head: parseHead(cur.data), version: cur.version, problem: null };
    } catch (err) {
      return { head: null, version: cur.version, problem: `latest record is unreadable: ${firstLine(err)}` };
    }
  }

  async function load(l: Layout, record: CheckpointRecord): Promise<Loaded> {
    const data = await store.get(l.data(record.key));
    if (!data) return { missing: true, reason: 'its data is missing' };
    if (data.length !== record.bytes || sha256Hex(data) !== record.sha256) {
      return {
        missing: false,
        reason: `its data does not match its record (${data.length} of ${record.bytes} bytes, sha256 differs)`,
      };
    }
    return { record, data };
  }

  /** Every readable record, oldest first, and the ones that could not be read. */
  async function listRecords(
    l: Layout,
  ): Promise<{ records: CheckpointRecord[]; broken: SkippedCheckpoint[] }> {
    const records: CheckpointRecord[] = [];
    const broken: SkippedCheckpoint[] = [];
    for await (const o of store.list(l.dir)) {
      const file = parseCheckpointFile(o.key.slice(l.dir.length));
      if (file?.kind !== 'json') continue;
      const text = await store.get(o.key);
      if (!text) continue; // pruned meanwhile
      try {
        records.push(parseRecord(text));
      } catch (err) {
        broken.push({ key: file.name, reason: `its record is unreadable: ${firstLine(err)}` });
      }
    }
    records.sort((a, b) => a.iteration - b.iteration || a.createdAt.localeCompare(b.createdAt));
    return { records, broken };
  }

  return { readHead, load, listRecords };
}
