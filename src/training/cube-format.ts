/**
 * Adobe Cube LUT Specification 1.0, 3-D tables only: a writer whose output is a pure
 * function of its input (fixed decimals, "\n" line ends, no timestamps), so identical
 * LUTs give identical files; and a strict reader for LUTs we load back (apply endpoint,
 * tests). Data lines hold "R G B", red varying fastest, then green, then blue.
 */

export interface CubeLut {
  title: string | null;
  /** Points per axis (LUT_3D_SIZE), 2..256. */
  size: number;
  domainMin: [number, number, number];
  domainMax: [number, number, number];
  /** size³ × RGB, interleaved, red fastest. */
  data: Float64Array;
}

export interface WriteCubeInput {
  title?: string;
  size: number;
  data: Float64Array;
  /** Digits after the decimal point; 6 resolves 1/1e6, far below a 16-bit code value. */
  decimals?: number;
}

export class CubeFormatError extends Error {
  override name = 'CubeFormatError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

const MIN_SIZE = 2;
const MAX_SIZE = 256;

function formatValue(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  // toFixed keeps the sign of tiny negatives ("-0.000000"): normalise so equal LUTs print
  // equally. The regex only for negatives: it ran for every one of a 65³ LUT's 824k values.
  return s.charCodeAt(0) === 45 && /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** The title as the spec allows it: one line, no double quotes. */
function sanitiseTitle(title: string): string {
  return title
    .replace(/[\p{Cc}"]/gu, ' ')
    .trim()
    .slice(0, 200);
}

/** Serialises a 3-D LUT (domain [0, 1]) as .cube text. */
export function writeCube({ title, size, data, decimals = 6 }: WriteCubeInput): string {
  if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE)
    throw new RangeError(`LUT_3D_SIZE must be ${MIN_SIZE}..${MAX_SIZE}`);
  if (data.length !== size ** 3 * 3)
    throw new RangeError(`a ${size}³ LUT needs ${size ** 3 * 3} values, got ${data.length}`);
  const lines: string[] = [];
  if (title !== undefined) lines.push(`TITLE "${sanitiseTitle(title)}"`);
  lines.push(`LUT_3D_SIZE ${size}`, 'DOMAIN_MIN 0.0 0.0 0.0', 'DOMAIN_MAX 1.0 1.0 1.0');
  for (let i = 0; i < data.length; i += 3) {
    lines.push(
      `${formatValue(data[i], decimals)} ${formatValue(data[i + 1], decimals)} ${formatValue(data[i + 2], decimals)}`,
    );
  }
  return lines.join('\n') + '\n';
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function parseTriple(fields: string[], line: number, what: string): [number, number, number] {
  if (fields.length !== 3 || !fields.every((f) => NUMBER.test(f))) {
    throw new CubeFormatError(`${what} needs three numbers, got "${fields.join(' ')}"`, line);
  }
  const values: [number, number, number] = [Number(fields[0]), Number(fields[1]), Number(fields[2])];
  if (!values.every(Number.isFinite)) throw new CubeFormatError(`${what} has a value out of range`, line);
  return values;
}

/** Parses and validates .cube text; throws `CubeFormatError` naming the offending line. */
export function parseCube(text: string): CubeLut {
  let title: string | null = null;
  let size: number | null = null;
  let domainMin: [number, number, number] = [0, 0, 0];
  let domainMax: [number, number, number] = [1, 1, 1];
  let data: Float64Array | null = null;
  let count = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line)?.[0];
    if (keyword !== undefined) {
      // The spec requires all keywords before the first data line.
      if (count > 0) throw new CubeFormatError(`keyword ${keyword} after the table data`, lineNo);
      const rest = line.slice(keyword.length).trim();
      if (keyword === 'TITLE') {
        const m = /^"([^"]*)"$/.exec(rest);
        if (!m) throw new CubeFormatError('TITLE must be a double-quoted string', lineNo);
        title = m[1];
      } else if (keyword === 'LUT_3D_SIZE') {
        const n = Number(rest);
        if (!/^\d+$/.test(rest) || n < MIN_SIZE || n > MAX_SIZE) {
          throw new CubeFormatError(
            `LUT_3D_SIZE must be an integer in ${MIN_SIZE}..${MAX_SIZE}, got "${rest}"`,
            lineNo,
          );
        }
        if (size !== null) throw new CubeFormatError('LUT_3D_SIZE given twice', lineNo);
        size = n;
        // Grown as lines arrive: a header alone must not make us allocate 256³ entries.
        data = new Float64Array(Math.min(n ** 3, 4096) * 3);
      } else if (keyword === 'DOMAIN_MIN') {
        domainMin = parseTriple(rest.split(/\s+/), lineNo, 'DOMAIN_MIN');
      } else if (keyword === 'DOMAIN_MAX') {
        domainMax = parseTriple(rest.split(/\s+/), lineNo, 'DOMAIN_MAX');
      } else if (keyword === 'LUT_1D_SIZE') {
        throw new CubeFormatError('1-D LUTs are not supported; expected LUT_3D_SIZE', lineNo);
      } else {
        throw new CubeFormatError(`unknown keyword ${keyword}`, lineNo);
      }
      continue;
    }
    if (size === null || data === null) throw new CubeFormatError('table data before LUT_3D_SIZE', lineNo);
    if (count === size ** 3) throw new CubeFormatError(`more than ${size ** 3} data lines`, lineNo);
    let table: Float64Array = data;
    if (table.length === count * 3) {
      table = new Float64Array(Math.min(size ** 3 * 3, table.length * 2));
      table.set(data);
      data = table;
    }
    table.set(parseTriple(line.split(/\s+/), lineNo, 'a data line'), count * 3);
    count++;
  }
  if (size === null || data === null) throw new CubeFormatError('missing LUT_3D_SIZE');
  if (count !== size ** 3)
    throw new CubeFormatError(`expected ${size ** 3} data lines for LUT_3D_SIZE ${size}, found ${count}`);
  for (let c = 0; c < 3; c++) {
    if (!(domainMin[c] < domainMax[c]))
      throw new CubeFormatError('DOMAIN_MIN must be below DOMAIN_MAX on every channel');
  }
  return { title, size, domainMin, domainMax, data };
}
