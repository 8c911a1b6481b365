/**
 * Turns an untrusted upload into the trainer's input: RGB8 pixels in sRGB, at most
 * `maxTrainingPixels` of them. The checks are inspectImage's (before any decode), the
 * decode is decodeRgb8's; this module only decides the training size.
 */
import { decodeRgb8, type RgbPixels } from './decode-rgb8.ts';
import { inspectImage } from './inspect-image.ts';
import { formatLabel, type TrainingFormat } from './sniff-format.ts';
import { trainingSize } from './training-size.ts';

export type { RgbPixels } from './decode-rgb8.ts';

export interface DecodeLimits {
  /** Largest accepted width × height as stored in the file (default config: 40 MP). */
  maxInputPixels: number;
  /** The training pixels are shrunk to at most this many (default 1_048_576). */
  maxTrainingPixels?: number;
}

export interface DecodedImage {
  format: TrainingFormat;
  /** Size of the image as displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  pixels: RgbPixels;
}

export const DEFAULT_MAX_TRAINING_PIXELS = 1_048_576;

/** Decodes PNG/JPEG/WebP bytes for training; throws `ImageDecodeError` (see inspectImage). */
export async function decodeForTraining(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedImage> {
  const { format, width, height } = await inspectImage(bytes, limits.maxInputPixels);
  const target = trainingSize({ width, height }, limits.maxTrainingPixels ?? DEFAULT_MAX_TRAINING_PIXELS);
  const pixels = await decodeRgb8(bytes, {
    maxInputPixels: limits.maxInputPixels,
    resizeTo: target.width !== width || target.height !== height ? target : undefined,
    label: formatLabel(format),
  });
  return { format, width, height, pixels };
}
