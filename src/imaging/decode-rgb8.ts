/**
 * The one sharp pipeline from image bytes to interleaved RGB8 in sRGB, shared by the
 * decode activity (training pixels) and apply (grading an upload). Transparency is
 * flattened onto white: a transparent background then counts as the paper colour it is
 * shown on, instead of the arbitrary RGB values hidden under alpha 0.
 */
import sharp from 'sharp';
import { ImageDecodeError } from './image-decode-error.ts';

/** Interleaved RGB, 8 bits per channel, no alpha: `data.length === width * height * 3`. */
export interface RgbPixels {
  width: number;
  height: number;
  data: Buffer;
}

export interface DecodeRgb8Options {
  /** sharp's own pixel cap: a second guard behind inspectImage's header check. */
  maxInputPixels: number;
  /** Exact output size; the image's own (auto-oriented) size when absent. */
  resizeTo?: { width: number; height: number };
  /** Names the format in error messages ("PNG", "image", …). */
  label?: string;
}

export async function decodeRgb8(bytes: Uint8Array, opts: DecodeRgb8Options): Promise<RgbPixels> {
  let pipeline = sharp(bytes, {
    limitInputPixels: opts.maxInputPixels,
    failOn: 'error', // truncated or corrupt data fails; mere warnings (common in camera JPEGs) do not
    autoOrient: true, // EXIF orientation, so the pixels match what the client saw
    pages: 1, // first frame of an animated WebP
  });
  if (opts.resizeTo) {
    // lanczos3 without JPEG shrink-on-load keeps one deterministic resampling path,
    // independent of the decoder's DCT scaling.
    pipeline = pipeline.resize({
      ...opts.resizeTo,
      fit: 'fill',
      kernel: 'lanczos3',
      fastShrinkOnLoad: false,
    });
  }
  const { data, info } = await pipeline
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb') // also converts CMYK, greyscale and 16-bit input, honouring ICC profiles
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
    .catch((err: unknown) => {
      throw decodeFailure(opts.label ?? 'image', err);
    });
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw new Error(`decoder returned ${info.width}×${info.height}×${info.channels} in ${data.length} bytes`);
  }
  return { width: info.width, height: info.height, data };
}

function decodeFailure(label: string, err: unknown): ImageDecodeError {
  const detail = err instanceof Error ? err.message.trim() : String(err);
  if (/exceeds pixel limit/i.test(detail)) {
    return new ImageDecodeError('ImageTooLarge', `the image exceeds the pixel limit (${detail})`, {
      cause: err,
    });
  }
  return new ImageDecodeError(
    'InvalidImage',
    `the ${label} data is corrupt or truncated (${detail}); re-export the image and upload it again`,
    { cause: err },
  );
}
