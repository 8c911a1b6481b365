/**
 * decode_mp_per_s: our decodeImage activity end to end (blob read, magic bytes,
 * header check, decode, resize to ≤ 1 MP training pixels, blob write) on a 12 MP
 * JPEG, next to sharp decoding the same file to raw pixels at full size. Median of
 * five runs after one warm-up; megapixels are those of the input image.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createDecodeActivities } from '../activities/decode-image.ts';
import { createFsStorage } from '../src/storage/fs-storage.ts';
import { photoJpeg } from '../test/harness/images.ts';
import { percentile } from './stats.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 5;

async function medianSeconds(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  return percentile(times, 50);
}

export async function decodeSpeed(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-bench-decode-'));
  try {
    const jpeg = await photoJpeg(WIDTH, HEIGHT);
    const storage = createFsStorage(dir);
    const image = await storage.putBlob(jpeg, 'image/jpeg');
    const { decodeImage } = createDecodeActivities({
      storage,
      maxInputPixels: 40_000_000,
      maxTrainingPixels: 1_048_576,
    });
    const mp = (WIDTH * HEIGHT) / 1e6;
    const ours = await medianSeconds(() => decodeImage({ jobId: 'bench', image }));
    const raw = await medianSeconds(() => sharp(jpeg).raw().toBuffer());
    return { decode_mp_per_s: mp / ours, sharp_raw_decode_mp_per_s: mp / raw, decode_input_mp: mp };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
