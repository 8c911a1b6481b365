/**
 * The image check at the door, before anything is stored or started: magic bytes
 * (allow-list, whatever the name or content type claims), structural completeness
 * where it is cheap to tell, and the pixel count from the header (sharp reads only
 * the header here: a decompression bomb is refused without allocating its pixels).
 * The full decode happens later, in the `decodeImage` activity.
 */
import sharp from 'sharp';
import { megapixels } from '../../imaging/image-decode-error.ts';
import {
  formatLabel,
  isTrainingFormat,
  sniffImageFormat,
  type TrainingFormat,
} from '../../imaging/sniff-format.ts';
import { ApiError } from '../errors.ts';

export interface AdmittedImage {
  format: TrainingFormat;
  contentType: string;
  width: number;
  height: number;
}

const CONTENT_TYPES: Record<TrainingFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Truncation that the header alone would not reveal (PNG: IEND chunk; WebP: RIFF size). */
function looksTruncated(format: TrainingFormat, bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') return buf.length < PNG_IEND.length || buf.lastIndexOf(PNG_IEND) === -1;
  if (format === 'webp') return buf.length < 12 || buf.readUInt32LE(4) + 8 > buf.length;
  // JPEG: trailing data after EOI is common (camera and "motion" photos), so there is no
  // cheap reliable tail check; a truncated JPEG fails the decode activity as InvalidImage.
  return false;
}

export async function admitImage(
  bytes: Uint8Array,
  field: string,
  maxInputPixels: number,
): Promise<AdmittedImage> {
  if (bytes.length === 0)
    throw new ApiError('invalid_image', 'the image is empty (0 bytes)', {
      errors: [{ field, message: 'empty' }],
    });
  const format = sniffImageFormat(bytes);
  if (!isTrainingFormat(format)) {
    const what = format === null ? 'not a recognised image format' : `a ${formatLabel(format)} file`;
    throw new ApiError('unsupported_format', `the upload is ${what}; send a PNG, JPEG or WebP image`, {
      errors: [{ field, message: `unsupported format: ${format ?? 'unknown'}` }],
    });
  }
  const invalid = (message: string) =>
    new ApiError('invalid_image', message, { errors: [{ field, message }] });
  if (looksTruncated(format, bytes))
    throw invalid(`the ${formatLabel(format)} data is truncated; upload the complete file`);
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw invalid(`the ${formatLabel(format)} header is corrupt`);
    });
  if (meta.format !== format || !(meta.width > 0) || !(meta.height > 0))
    throw invalid(`the ${formatLabel(format)} header is not valid`);
  const pixels = meta.width * meta.height;
  if (pixels > maxInputPixels) {
    throw new ApiError(
      'image_too_large',
      `image is ${meta.width}×${meta.height} = ${megapixels(pixels)}; the limit is ${megapixels(maxInputPixels)}. Downscale it and upload again.`,
      {
        errors: [{ field, message: 'too many pixels' }],
        extra: { width: meta.width, height: meta.height, maxInputPixels },
      },
    );
  }
  return { format, contentType: CONTENT_TYPES[format], width: meta.width, height: meta.height };
}
