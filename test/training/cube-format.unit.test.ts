import { describe, expect, it } from 'vitest';
import { CubeFormatError, parseCube, writeCube } from '../../src/training/cube-format.ts';
import { identityLattice } from '../../src/training/color-lut/state.ts';

const lut2 = Float64Array.of(0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1);

describe('writeCube', () => {
  it('writes the Cube 1.0 header and one "R G B" line per point, red fastest', () => {
    const text = writeCube({ title: 'Warm', size: 2, data: lut2 });
    expect(text.split('\n')).toEqual([
      'TITLE "Warm"',
      'LUT_3D_SIZE 2',
      'DOMAIN_MIN 0.0 0.0 0.0',
      'DOMAIN_MAX 1.0 1.0 1.0',
      '0.000000 0.000000 0.000000',
      '1.000000 0.000000 0.000000',
      '0.000000 1.000000 0.000000',
      '1.000000 1.000000 0.000000',
      '0.000000 0.000000 1.000000',
      '1.000000 0.000000 1.000000',
      '0.000000 1.000000 1.000000',
      '1.000000 1.000000 1.000000',
      '',
    ]);
  });

  it('is deterministic, prints no negative zero, and keeps the title on one quoted line', () => {
    const data = identityLattice(3).map((v, i) => (i === 0 ? -1e-12 : v / 3));
    const a = writeCube({ title: 'A "quoted"\nname', size: 3, data });
    expect(writeCube({ title: 'A "quoted"\nname', size: 3, data })).toBe(a);
    expect(a.split('\n')[0]).toBe('TITLE "A  quoted  name"');
    expect(a).not.toContain('-0.000000');
    expect(a.split('\n')[5]).toBe('0.166667 0.000000 0.000000'); // 0.5 / 3, rounded to 6 decimals
  });

  it('refuses data that does not match the size', () => {
    expect(() => writeCube({ size: 2, data: new Float64Array(23) })).toThrow(/needs 24 values/);
    expect(() => writeCube({ size: 1, data: new Float64Array(3) })).toThrow(/LUT_3D_SIZE/);
  });
});

describe('parseCube', () => {
  it('round-trips what writeCube writes, to 6 decimals', () => {
    const data = identityLattice(17).map((v, i) => (v * 0.8 + (i % 7) * 0.01) ** 1.1);
    const lut = parseCube(writeCube({ title: 'Round trip', size: 17, data }));
    expect(lut.title).toBe('Round trip');
    expect(lut.size).toBe(17);
    expect(lut.domainMin).toEqual([0, 0, 0]);
    expect(lut.domainMax).toEqual([1, 1, 1]);
    expect(lut.data).toHaveLength(data.length);
    lut.data.forEach((v, i) => expect(Math.abs(v - data[i])).toBeLessThanOrEqual(5e-7));
  });

  it('accepts comments, blank lines, CRLF, a BOM, no title and no domain', () => {
    const text =
      '\uFEFF# made by hand\r\n\r\nLUT_3D_SIZE 2\r\n' +
      '0 0 0\r\n1 0 0\r\n0 1 0\r\n1 1 0\r\n0 0 1\r\n1 0 1\r\n0 1 1\r\n1e0 1.0 +1\r\n';
    const lut = parseCube(text);
    expect(lut.title).toBeNull();
    expect(lut.data).toEqual(lut2);
  });

  const body = '0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n';
  it.each([
    ['no size', body, /missing LUT_3D_SIZE|before LUT_3D_SIZE/],
    ['too few lines', 'LUT_3D_SIZE 2\n0 0 0\n', /expected 8 data lines.*found 1/],
    ['too many lines', 'LUT_3D_SIZE 2\n' + body + '1 1 1\n', /line 10: more than 8 data lines/],
    ['two values on a line', 'LUT_3D_SIZE 2\n0 0\n', /line 2: a data line needs three numbers/],
    ['a non-number', 'LUT_3D_SIZE 2\n0 0 x\n', /line 2: a data line needs three numbers/],
    ['an overflowing number', 'LUT_3D_SIZE 2\n0 0 1e999\n', /line 2: .*out of range/],
    ['size 1', 'LUT_3D_SIZE 1\n0 0 0\n', /LUT_3D_SIZE must be an integer in 2..256/],
    ['size 257', 'LUT_3D_SIZE 257\n', /LUT_3D_SIZE must be an integer in 2..256/],
    ['a fractional size', 'LUT_3D_SIZE 2.5\n', /LUT_3D_SIZE must be an integer/],
    ['a 1-D LUT', 'LUT_1D_SIZE 4\n', /1-D LUTs are not supported/],
    ['an unknown keyword', 'LUT_3D_SIZE 2\nFOO 1\n' + body, /line 2: unknown keyword FOO/],
    [
      'a keyword after data',
      'LUT_3D_SIZE 2\n0 0 0\nTITLE "x"\n',
      /line 3: keyword TITLE after the table data/,
    ],
    ['an unquoted title', 'TITLE x\nLUT_3D_SIZE 2\n' + body, /TITLE must be a double-quoted string/],
    [
      'an empty domain',
      'LUT_3D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 0 1\n' + body,
      /DOMAIN_MIN must be below DOMAIN_MAX/,
    ],
    ['an empty file', '', /missing LUT_3D_SIZE/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseCube(text)).toThrow(CubeFormatError);
    expect(() => parseCube(text)).toThrow(message);
  });
});
