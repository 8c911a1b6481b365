/**
 * Hostile uploads for the door checks, generated: a decompression bomb, a header that
 * lies about the size, a truncated file, formats we refuse and non-images posing as PNGs.
 */
import { createDeflate } from 'node:zlib';
import { solid, styleImage } from './images.ts';

// zlib.crc32 needs Node ≥ 20.15; package.json allows 20.3.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A real, valid 1-bit greyscale PNG of black pixels: a decompression bomb. 20000×20000 is
 * 1.2 GB once decoded as RGB but compresses to well under 2 MB. Rows are streamed through
 * deflate, so building it never holds the raw image in memory.
 */
export async function pngBomb(width = 20_000, height = width): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const row = Buffer.alloc(1 + Math.ceil(width / 8)); // filter byte 0 + packed pixels
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Rewrites a PNG's IHDR dimensions (and its CRC): a header that lies about the size. */
export function withPngDimensions(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

/** A real PNG cut in the middle of its pixel data. */
export async function truncatedPng(): Promise<Buffer> {
  const png = await styleImage(128, 96);
  return png.subarray(0, Math.floor(png.length * 0.6));
}

export const htmlAsPng = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
export const svgAsPng = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
);

export function gifImage(): Promise<Buffer> {
  return solid(8, 8, { r: 255, g: 136, b: 0 }).gif().toBuffer();
}
