/**
 * The one check of an untrusted image before anything decodes it, used at the door (the
 * gateway, before storing or starting anything) and again by the decode activity and
 * apply (they cannot trust that the door ran). Order matters for safety: magic bytes
 * first (so only the PNG, JPEG and WebP decoders ever see the input), a cheap
 * truncation check, then the header's dimensions — sharp reads only the header here,
 * so a decompression bomb is refused before a single pixel is allocated.
 */
import sharp from 'sharp';
import { ImageDecodeError, megapixels } from './image-decode-error.ts';
import { formatLabel, isTrainingFormat, sniffImageFormat, type TrainingFormat } from './sniff-format.ts';

export interface InspectedImage {
  format: TrainingFormat;
  contentType: string;
  /** Size as displayed, i.e. after EXIF orientation. */
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
  // cheap reliable tail check; a truncated JPEG fails the decode as InvalidImage.
  return false;
}

/**
 * Throws `ImageDecodeError`: `InvalidImage` for empty, truncated or corrupt data,
 * `UnsupportedFormat` for anything but PNG/JPEG/WebP (by content, whatever the name
 * says), `ImageTooLarge` above `maxInputPixels` (width × height as stored in the file).
 */
export async function inspectImage(bytes: Uint8Array, maxInputPixels: number): Promise<InspectedImage> {
  // Empty is InvalidImage rather than UnsupportedFormat: nothing was sent, so naming
  // formats would mislead; "the upload is empty" is what the client needs to hear.
  if (bytes.length === 0) throw new ImageDecodeError('InvalidImage', 'the image is empty (0 bytes)');
  const format = sniffImageFormat(bytes);
  if (!isTrainingFormat(format)) {
    const what = format === null ? 'not a recognised image format' : `a ${formatLabel(format)} file`;
    throw new ImageDecodeError('UnsupportedFormat', `the upload is ${what}; send a PNG, JPEG or WebP image`);
  }
  const label = formatLabel(format);
  if (looksTruncated(format, bytes))
    throw new ImageDecodeError('InvalidImage', `the ${label} data is truncated; upload the complete file`);
  // The limit is off for the header read so that we, not sharp, report the dimensions.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((err: unknown) => {
      throw new ImageDecodeError('InvalidImage', `the ${label} header is corrupt`, { cause: err });
    });
  if (meta.format !== format || !(meta.width > 0) || !(meta.height > 0))
    throw new ImageDecodeError('InvalidImage', `the ${label} header is not valid`);
  const pixels = meta.width * meta.height;
  if (pixels > maxInputPixels) {
    throw new ImageDecodeError(
      'ImageTooLarge',
      `image is ${meta.width}×${meta.height} = ${megapixels(pixels)}; the limit is ` +
        `${megapixels(maxInputPixels)}. Downscale it and upload again.`,
      { details: { width: meta.width, height: meta.height, maxInputPixels } },
    );
  }
  return {
    format,
    contentType: CONTENT_TYPES[format],
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
  };
}
