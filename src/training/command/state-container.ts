/**
 * The bytes a command trainer hands to storage: its checkpoints and its final state.
 * Only these bytes travel between workers (publishing may run elsewhere, a resumed run
 * surely does), so they carry everything needed later — the trainer's files and the
 * loss history — and are deterministic: same contents, same bytes.
 *
 *   magic    8 bytes  "ATLCMDS1"
 *   length   uint32 big-endian, bytes of the header
 *   header   UTF-8 JSON: { kind, iteration, total, losses: [[iteration, loss], …],
 *                          files: [{ name, bytes, sha256 }, …] }
 *   payload  the files' bytes, concatenated in header order
 *
 * A `checkpoint` holds exactly one file (the trainer's checkpoint file); a `final` state
 * holds the artifacts, sorted by name.
 */
import { sha256Hex } from '../../storage/sha256.ts';
import { z } from 'zod';

const MAGIC = Buffer.from('ATLCMDS1', 'ascii');
/** Node Buffers cap at 2^31-1 bytes on some platforms; storage writes the state in one piece. */
export const MAX_STATE_BYTES = 2 ** 31 - 1;

export type StateKind = 'checkpoint' | 'final';
/** `[iteration, loss]`, ascending by iteration. */
export type LossPoint = [number, number];

export interface StateFile {
  name: string;
  data: Uint8Array;
}

export interface CommandState {
  kind: StateKind;
  iteration: number;
  total: number;
  losses: LossPoint[];
  files: StateFile[];
}

export class StateContainerError extends Error {
  override name = 'StateContainerError';
}

const HeaderSchema = z.strictObject({
  kind: z.enum(['checkpoint', 'final']),
  iteration: z.number().int().min(0),
  total: z.number().int().min(0),
  losses: z.array(z.tuple([z.number().int().min(0), z.number()])),
  files: z.array(
    z.strictObject({
      name: z.string().min(1),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

/** Encodes a state; a final state's files are sorted by name so report order does not matter. */
export function encodeState(state: CommandState): Uint8Array {
  const files =
    state.kind === 'final'
      ? [...state.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : state.files;
  // Key order is fixed here, not taken from the caller's object: the bytes must not depend on it.
  const header = Buffer.from(
    JSON.stringify({
      kind: state.kind,
      iteration: state.iteration,
      total: state.total,
      losses: state.losses.map(([i, l]) => [i, l]),
      files: files.map((f) => ({ name: f.name, bytes: f.data.byteLength, sha256: sha256Hex(f.data) })),
    }),
    'utf8',
  );
  const size = MAGIC.length + 4 + header.length + files.reduce((n, f) => n + f.data.byteLength, 0);
  if (size > MAX_STATE_BYTES)
    throw new StateContainerError(`state of ${size} bytes exceeds the ${MAX_STATE_BYTES}-byte limit`);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([MAGIC, length, header, ...files.map((f) => f.data)]);
}

export function isStateContainer(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= MAGIC.length &&
    Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC)
  );
}

/** Decodes and verifies (lengths, sha256 of every file); throws `StateContainerError`. */
export function decodeState(bytes: Uint8Array): CommandState {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isStateContainer(buf)) throw new StateContainerError('not a command-trainer state (bad magic)');
  if (buf.length < MAGIC.length + 4) throw new StateContainerError('truncated state header');
  const headerLength = buf.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > buf.length) throw new StateContainerError('truncated state header');
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(buf.subarray(MAGIC.length + 4, headerEnd).toString('utf8')));
  } catch (err) {
    throw new StateContainerError(`invalid state header: ${(err as Error).message}`);
  }
  let offset = headerEnd;
  const files: StateFile[] = [];
  for (const f of header.files) {
    if (offset + f.bytes > buf.length)
      throw new StateContainerError(`truncated state: file ${f.name} is cut short`);
    const data = buf.subarray(offset, offset + f.bytes);
    if (sha256Hex(data) !== f.sha256)
      throw new StateContainerError(`corrupt state: sha256 of ${f.name} does not match`);
    files.push({ name: f.name, data });
    offset += f.bytes;
  }
  if (offset !== buf.length)
    throw new StateContainerError(`state has ${buf.length - offset} unexpected trailing bytes`);
  return {
    kind: header.kind,
    iteration: header.iteration,
    total: header.total,
    losses: header.losses,
    files,
  };
}
