import { type Points } from './projection.ts';

/**
 * The target as distinct colours with their multiplicities. A reference photo repeats
 * many colours (the 1024×768 benchmark photo: 124k distinct among 262k samples), and
 * equal colours project to equal values, so sorting the distinct ones and expanding by
 * count yields exactly the sorted projection of all samples, for a fraction of the work.
 */
/** Points each standing for `counts[i]` samples. */
export interface WeightedPoints {
  points: Points;
  counts: Uint32Array;
  /** Σ counts: the number of samples they stand for. */
  total: number;
}

/** Every point once. */
export function unweighted(points: Points): WeightedPoints {
  const count = points.length / 3;
  return { points, counts: new Uint32Array(count).fill(1), total: count };
}

/** Distinct colours of RGB8 samples (in ascending 0xRRGGBB order) with their counts. */
export function distinctColours(rgb: Uint8Array): WeightedPoints {
  const total = rgb.length / 3;
  if (!Number.isInteger(total)) throw new RangeError('colours must be RGB8 triples');
  const packed = new Uint32Array(total);
  for (let i = 0, p = 0; i < total; i++, p += 3) packed[i] = (rgb[p] << 16) | (rgb[p + 1] << 8) | rgb[p + 2];
  packed.sort();
  let distinct = 0;
  for (let i = 0; i < total; i++) if (i === 0 || packed[i] !== packed[i - 1]) distinct++;
  const colours = new Uint8Array(distinct * 3);
  const counts = new Uint32Array(distinct);
  for (let i = 0, d = -1; i < total; i++) {
    const c = packed[i];
    if (i === 0 || c !== packed[i - 1]) {
      d++;
      colours[3 * d] = c >>> 16;
      colours[3 * d + 1] = (c >>> 8) & 0xff;
      colours[3 * d + 2] = c & 0xff;
    }
    counts[d]++;
  }
  return { points: colours, counts, total };
}
