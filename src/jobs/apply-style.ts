/**
 * Applies a job's trained `style.cube` to an image: sharp decodes to sRGB RGB8 (pixel
 * cap enforced by sharp too), the LUT is applied in slices with a yield to the event
 * loop between them — so one large image never stalls other requests, the very failure
 * of the old service — and sharp encodes the result as PNG. Transparency is flattened
 * onto white, as in training.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import sharp from 'sharp';
import { parseCube } from '../training/cube-format.ts';
import { applyLutToRgb8 } from '../training/lut-apply.ts';
import { type JobRef, type Storage } from '../storage/types.ts';
import { ApiError } from '../http/errors.ts';

/** Pixels per slice: a few milliseconds of work each. */
const SLICE_PIXELS = 128 * 1024;

export async function applyStyle(
  storage: Storage,
  job: JobRef,
  image: Uint8Array,
  maxInputPixels: number,
): Promise<Buffer> {
  const lut = parseCube((await storage.readArtifact(job, 'style.cube')).toString('utf8'));
  const { data, info } = await sharp(image, {
    limitInputPixels: maxInputPixels,
    failOn: 'error',
    autoOrient: true,
    pages: 1,
  })
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
    .catch((err: unknown) => {
      const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new ApiError('invalid_image', `the image cannot be decoded (${detail})`, {
        errors: [{ field: 'image', message: 'corrupt or truncated' }],
      });
    });
  const out = Buffer.alloc(data.length);
  for (let start = 0; start < data.length; start += SLICE_PIXELS * 3) {
    const end = Math.min(data.length, start + SLICE_PIXELS * 3);
    out.set(applyLutToRgb8(data.subarray(start, end), lut.data, lut.size), start);
    await yieldToLoop();
  }
  return sharp(out, { raw: { width: info.width, height: info.height, channels: 3 } })
    .png()
    .toBuffer();
}
