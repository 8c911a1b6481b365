/**
 * Identifies an upload by its leading bytes, never by file name or declared content type
 * (clients routinely send SVG or HTML named `.png`). Only PNG, JPEG and WebP reach the
 * decoder; the other formats are recognised only so the error can name what was sent.
 * Rejecting SVG here also keeps untrusted XML away from sharp's SVG renderer.
 */
export type TrainingFormat = 'png' | 'jpeg' | 'webp';
export type SniffedFormat =
  TrainingFormat | 'gif' | 'bmp' | 'tiff' | 'heic' | 'avif' | 'pdf' | 'svg' | 'html';

export const TRAINING_FORMATS: readonly TrainingFormat[] = ['png', 'jpeg', 'webp'];

export function isTrainingFormat(format: SniffedFormat | null): format is TrainingFormat {
  return format !== null && (TRAINING_FORMATS as readonly string[]).includes(format);
}

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const MAGIC: ReadonlyArray<[SniffedFormat, readonly number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', ascii('GIF87a')],
  ['gif', ascii('GIF89a')],
  ['tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
  ['tiff', [0x49, 0x49, 0x2b, 0x00]], // BigTIFF
  ['pdf', ascii('%PDF-')],
  ['bmp', ascii('BM')],
];

// ISO-BMFF brands (bytes 8..11 after `ftyp`) of the HEIF family.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The format the bytes claim to be, or null when nothing is recognised. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat | null {
  for (const [format, magic] of MAGIC) if (startsWith(bytes, magic)) return format;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = Buffer.from(bytes.subarray(8, 12)).toString('latin1');
    if (AVIF_BRANDS.has(brand)) return 'avif';
    if (HEIC_BRANDS.has(brand)) return 'heic';
  }
  return sniffMarkup(bytes);
}

/** SVG and HTML are text: look past a BOM, whitespace, XML prolog and comments. */
function sniffMarkup(bytes: Uint8Array): 'svg' | 'html' | null {
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!head.startsWith('<')) return null;
  const text = head.toLowerCase();
  if (/<svg[\s>/]/.test(text)) return 'svg';
  if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]/.test(text)) return 'html';
  return null;
}

/** Human name for error messages. */
export function formatLabel(format: SniffedFormat): string {
  return format === 'jpeg' ? 'JPEG' : format === 'webp' ? 'WebP' : format.toUpperCase();
}
