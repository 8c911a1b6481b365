/**
 * Binary checkpoint format of a colour-LUT run (all numbers little-endian):
 *
 *   0   8 bytes  magic "ATLUTCKP"
 *   8   u32      format version (2)
 *   12  u32      seed            16 u32 lutSize        20 u32 iteration
 *   24  u32      staleIterations 28 u32 flags (bit 0 = done)
 *   32  f64      bestLoss (+Infinity before the first iteration)
 *   40  u32      number of losses (= iteration)   44 u32 reserved, 0
 *   48  f64 × iteration          loss history
 *   ..  f64 × lutSize³ × 3       samples, interleaved RGB, r fastest
 *   ..  32 bytes                 SHA-256 of everything before it
 *
 * Float64 values are stored bit-exactly, which is what makes a resumed run byte-identical.
 * The checksum catches truncated or corrupted checkpoint files before they poison a run.
 * Version 2 (trainer 2) has the same layout as 1, but its losses are rounded differently
 * (binned-wasserstein.ts), so a run resumed across versions would match neither: version 1
 * checkpoints are refused, and the job restarts to exactly the bytes of a version-2 run.
 */
import { createHash } from 'node:crypto';
// Not from params.ts: the training thread's bundle must not pull in zod.
import { LUT_SIZES } from './lut-sizes.ts';
import { type ColorLutState } from './state.ts';

const MAGIC = Buffer.from('ATLUTCKP', 'ascii');
const VERSION = 2;
const HEADER_BYTES = 48;
const CHECKSUM_BYTES = 32;

export class ColorLutStateError extends Error {
  override name = 'ColorLutStateError';
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function serializeState(state: ColorLutState): Uint8Array {
  const points = state.lutSize ** 3;
  if (state.samples.length !== points * 3) throw new RangeError('state samples do not match its lutSize');
  const body = HEADER_BYTES + 8 * (state.losses.length + state.samples.length);
  const bytes = new Uint8Array(body + CHECKSUM_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, state.seed, true);
  view.setUint32(16, state.lutSize, true);
  view.setUint32(20, state.iteration, true);
  view.setUint32(24, state.staleIterations, true);
  view.setUint32(28, state.done ? 1 : 0, true);
  view.setFloat64(32, state.bestLoss, true);
  view.setUint32(40, state.losses.length, true);
  let at = HEADER_BYTES;
  for (let i = 0; i < state.losses.length; i++, at += 8) view.setFloat64(at, state.losses[i], true);
  for (let i = 0; i < state.samples.length; i++, at += 8) view.setFloat64(at, state.samples[i], true);
  bytes.set(sha256(bytes.subarray(0, body)), body);
  return bytes;
}

export function deserializeState(bytes: Uint8Array): ColorLutState {
  const fail = (why: string): never => {
    throw new ColorLutStateError(`invalid color-lut checkpoint: ${why}`);
  };
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) fail(`too short (${bytes.length} bytes)`);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC)) fail('wrong magic header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION) fail(`unsupported format version ${version} (this build reads ${VERSION})`);
  const body = bytes.length - CHECKSUM_BYTES;
  if (!sha256(bytes.subarray(0, body)).equals(bytes.subarray(body)))
    fail('checksum mismatch (corrupt or truncated)');

  const seed = view.getUint32(12, true);
  const lutSize = view.getUint32(16, true);
  const iteration = view.getUint32(20, true);
  const staleIterations = view.getUint32(24, true);
  const flags = view.getUint32(28, true);
  const bestLoss = view.getFloat64(32, true);
  const lossCount = view.getUint32(40, true);
  if (!(LUT_SIZES as readonly number[]).includes(lutSize))
    fail(`lutSize ${lutSize} is not one of ${LUT_SIZES.join(', ')}`);
  if (seed > 2 ** 31 - 1) fail(`seed ${seed} out of range`);
  if (lossCount !== iteration) fail(`${lossCount} losses recorded for ${iteration} iterations`);
  if (staleIterations > iteration || flags > 1) fail('inconsistent early-stopping fields');
  const sampleCount = lutSize ** 3 * 3;
  const expected = HEADER_BYTES + 8 * (lossCount + sampleCount) + CHECKSUM_BYTES;
  if (bytes.length !== expected) fail(`length ${bytes.length}, expected ${expected} for lutSize ${lutSize}`);

  const losses: number[] = [];
  let at = HEADER_BYTES;
  for (let i = 0; i < lossCount; i++, at += 8) losses.push(view.getFloat64(at, true));
  const samples = new Float64Array(sampleCount);
  for (let i = 0; i < sampleCount; i++, at += 8) samples[i] = view.getFloat64(at, true);
  if (!losses.every(Number.isFinite) || !samples.every(Number.isFinite)) fail('non-finite values');
  const best = losses.length ? Math.min(...losses) : Infinity;
  if (!Object.is(bestLoss, best)) fail(`best loss ${bestLoss} does not match the loss history (${best})`);
  return { seed, lutSize, iteration, samples, losses, bestLoss, staleIterations, done: flags === 1 };
}
