/**
 * Turns an untrusted upload into the trainer's input: RGB8 pixels in sRGB. Order matters
 * for safety: magic bytes first (so only the PNG, JPEG and WebP decoders ever see the
 * input), then the header's dimensions (so a decompression bomb is refused before a
 * single pixel is allocated), and only then a decode.
 */
import sharp from 'sharp';
import { ImageDecodeError, megapixels } from './image-decode-error.ts';
import { formatLabel, isTrainingFormat, sniffImageFormat, type TrainingFormat } from './sniff-format.ts';
import { trainingSize } from './training-size.ts';

export interface DecodeLimits {
  /** Largest accepted width × height as stored in the file (default config: 40 MP). */
  maxInputPixels: number;
  /** The training pixels are shrunk to at most this many (default 1_048_576). */
  maxTrainingPixels?: number;
}

/** Interleaved RGB, 8 bits per channel, no alpha: `data.length === width * height * 3`. */
export interface RgbPixels {
  width: number;
  height: number;
  data: Buffer;
}

export interface DecodedImage {
  format: TrainingFormat;
  /** Size of the image as displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  pixels: RgbPixels;
}

export const DEFAULT_MAX_TRAINING_PIXELS = 1_048_576;

/**
 * Decodes PNG/JPEG/WebP bytes for training. Throws `ImageDecodeError`:
 * `UnsupportedFormat` for anything else (by content, whatever the name says),
 * `ImageTooLarge` above `maxInputPixels`, `InvalidImage` for empty, corrupt or truncated data.
 * Transparency is flattened onto white: a transparent background then counts as the
 * paper colour it is shown on, instead of the arbitrary RGB values hidden under alpha 0.
 */
export async function decodeForTraining(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedImage> {
  // Empty is InvalidImage rather than UnsupportedFormat: nothing was sent, so naming
  // formats would mislead; "the upload is empty" is what the client needs to hear.
  if (bytes.length === 0) throw new ImageDecodeError('InvalidImage', 'the image is empty (0 bytes)');
  const sniffed = sniffImageFormat(bytes);
  if (!isTrainingFormat(sniffed)) {
    const what = sniffed === null ? 'not a recognised image format' : `a ${formatLabel(sniffed)} file`;
    throw new ImageDecodeError('UnsupportedFormat', `the upload is ${what}; send a PNG, JPEG or WebP image`);
  }

  // Header only: sharp/libvips read dimensions lazily without decoding pixels. The limit is
  // off here so that we, not sharp, report the dimensions in the error.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((err: unknown) => {
      throw corrupt(sniffed, err);
    });
  if (meta.format !== sniffed || !(meta.width > 0) || !(meta.height > 0)) {
    throw new ImageDecodeError('InvalidImage', `the ${formatLabel(sniffed)} header is not valid`);
  }
  const inputPixels = meta.width * meta.height;
  if (inputPixels > limits.maxInputPixels) {
    throw new ImageDecodeError(
      'ImageTooLarge',
      `image is ${meta.width}×${meta.height} = ${megapixels(inputPixels)}; the limit is ` +
        `${megapixels(limits.maxInputPixels)}. Downscale it and upload again.`,
    );
  }

  const width = meta.autoOrient.width;
  const height = meta.autoOrient.height;
  const target = trainingSize({ width, height }, limits.maxTrainingPixels ?? DEFAULT_MAX_TRAINING_PIXELS);
  let pipeline = sharp(bytes, {
    limitInputPixels: limits.maxInputPixels, // second guard, should the header check ever be bypassed
    failOn: 'error', // truncated or corrupt data fails; mere warnings (common in camera JPEGs) do not
    autoOrient: true, // EXIF orientation, so the pixels match what the client saw
    pages: 1, // first frame of an animated WebP
  });
  if (target.width !== width || target.height !== height) {
    // Exact size from trainingSize (see there); lanczos3 without JPEG shrink-on-load keeps one
    // deterministic resampling path, independent of the decoder's DCT scaling.
    pipeline = pipeline.resize({ ...target, fit: 'fill', kernel: 'lanczos3', fastShrinkOnLoad: false });
  }
  const { data, info } = await pipeline
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb') // also converts CMYK, greyscale and 16-bit input, honouring ICC profiles
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
    .catch((err: unknown) => {
      throw corrupt(sniffed, err);
    });
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw new Error(`decoder returned ${info.width}×${info.height}×${info.channels} in ${data.length} bytes`);
  }
  return { format: sniffed, width, height, pixels: { width: info.width, height: info.height, data } };
}

function corrupt(format: TrainingFormat, err: unknown): ImageDecodeError {
  const detail = err instanceof Error ? err.message.trim() : String(err);
  if (/exceeds pixel limit/i.test(detail)) {
    return new ImageDecodeError('ImageTooLarge', `the image exceeds the pixel limit (${detail})`, {
      cause: err,
    });
  }
  return new ImageDecodeError(
    'InvalidImage',
    `the ${formatLabel(format)} data is corrupt or truncated (${detail}); re-export the image and upload it again`,
    { cause: err },
  );
}
