import { describe, expect, it } from 'vitest';
import { isTrainingFormat, sniffImageFormat } from '../../src/imaging/sniff-format.ts';
import { solid } from '../harness/images.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffImageFormat', () => {
  it.each([
    ['png', bytes([0x89], 'PNG\r\n\x1a\n', 'rest')],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['gif', bytes('GIF89a')],
    ['gif', bytes('GIF87a')],
    ['bmp', bytes('BM', [0, 0, 0, 0])],
    ['tiff', bytes('II*\0')],
    ['tiff', bytes('MM\0*')],
    ['heic', bytes([0, 0, 0, 24], 'ftypheic')],
    ['heic', bytes([0, 0, 0, 24], 'ftypmif1')],
    ['avif', bytes([0, 0, 0, 24], 'ftypavif')],
    ['pdf', bytes('%PDF-1.7')],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['svg', bytes([0xef, 0xbb, 0xbf], '  <?xml version="1.0"?>\n<!-- logo -->\n<svg width="1">')],
    ['svg', bytes('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>')],
    ['html', bytes('<!doctype html><title>x</title>')],
    ['html', bytes('\n\n<HTML><body>hi</body></HTML>')],
    ['html', bytes('<script>alert(1)</script>')],
  ] as const)('recognises %s', (format, data) => {
    expect(sniffImageFormat(data)).toBe(format);
  });

  it.each([
    ['empty', bytes()],
    ['too short for any magic', bytes([0x89, 0x50])],
    ['RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['plain text', bytes('hello world')],
    ['JSON', bytes('{"styleRefBase64":"iVBOR"}')],
    ['base64 text of a PNG', bytes('iVBORw0KGgoAAAANSUhEUgAA')],
    ['other XML', bytes('<?xml version="1.0"?><note/>')],
  ] as const)('returns null for %s', (_label, data) => {
    expect(sniffImageFormat(data)).toBeNull();
  });

  it('agrees with real encoder output', async () => {
    const img = () => solid(8, 8, { r: 10, g: 20, b: 30 });
    expect(sniffImageFormat(await img().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await img().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await img().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await img().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await img().tiff().toBuffer())).toBe('tiff');
    expect(sniffImageFormat(await img().avif().toBuffer())).toBe('avif');
  });

  it('only png, jpeg and webp are training formats', () => {
    expect(
      ['png', 'jpeg', 'webp', 'gif', 'svg', 'heic', null].map((f) => isTrainingFormat(f as never)),
    ).toEqual([true, true, true, false, false, false, false]);
  });
});
