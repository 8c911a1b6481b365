/**
 * The training target: reference pixels as RGB8 points (standing for c / 255, see
 * projection.ts), deterministically subsampled so that an iteration's cost does not grow
 * with the image size.
 */
import { type TrainingPixels } from '../trainer.ts';
import { Stream, mix32 } from './prng.ts';

/** Colour statistics are stable long before this many samples (~ a 512×512 image). */
export const DEFAULT_MAX_TARGET_SAMPLES = 262_144;

export interface TargetOptions {
  maxTargetSamples?: number;
}

/** RGB8 (interleaved) → Float64 RGB in [0, 1]; pixel order is kept. */
export function rgb8ToUnit(data: Uint8Array): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return out;
}

/**
 * Reference pixels → target samples (interleaved RGB8, a copy).
 * With P pixels and a budget M < P, the raster is cut into M consecutive strata
 * [⌊jP/M⌋, ⌊(j+1)P/M⌋) and one pixel is taken from each, at an offset given by a hash of
 * j. Stratifying keeps every part of the image represented; the hashed offset avoids
 * the aliasing of a plain stride (e.g. taking only every 4th column of an image whose
 * width is a multiple of 4). The choice depends on the pixel count only, never on the
 * seed, so one image always yields the same target.
 */
export function prepareTarget(pixels: TrainingPixels, options: TargetOptions = {}): Uint8Array {
  const { width, height, data } = pixels;
  const budget = options.maxTargetSamples ?? DEFAULT_MAX_TARGET_SAMPLES;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`reference image must have a positive integer size, got ${width}×${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(
      `reference pixels must be RGB8: expected ${width * height * 3} bytes, got ${data.length}`,
    );
  }
  if (!(Number.isInteger(budget) && budget > 0))
    throw new RangeError(`maxTargetSamples must be a positive integer`);
  const total = width * height;
  if (total <= budget) return Uint8Array.from(data);

  const out = new Uint8Array(budget * 3);
  for (let j = 0; j < budget; j++) {
    const start = Math.floor((j * total) / budget);
    const end = Math.floor(((j + 1) * total) / budget);
    const pick = start + (mix32(j ^ Stream.targetSubsample) % (end - start));
    out[3 * j] = data[3 * pick];
    out[3 * j + 1] = data[3 * pick + 1];
    out[3 * j + 2] = data[3 * pick + 2];
  }
  return out;
}
