/**
 * LSD radix sort of Float64 values (16-bit digits, 4 passes), about 4× faster than
 * `Float64Array.prototype.sort` on the 262k-element projections sorted every iteration.
 * Each double is mapped to a 64-bit key whose unsigned order is the numeric order
 * (flip all bits of negatives, the sign bit of the rest), so -0 sorts before +0 and
 * the result is fully determined by the input. LSD radix is stable: `argsort` breaks
 * ties by ascending index, which the quantile transfer relies on for reproducibility.
 * Inputs must not contain NaN. Buffers are allocated once per sorter and reused.
 */

// The 32-bit halves of a double inside a Uint32Array view depend on the platform's byte order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const RADIX = 65536;

export class RadixSorter {
  private keyLo: Uint32Array;
  private keyHi: Uint32Array;
  private tmpLo: Uint32Array;
  private tmpHi: Uint32Array;
  private idx: Uint32Array;
  private tmpIdx: Uint32Array;
  private readonly hist = new Uint32Array(4 * RADIX);

  constructor(readonly capacity: number) {
    this.keyLo = new Uint32Array(capacity);
    this.keyHi = new Uint32Array(capacity);
    this.tmpLo = new Uint32Array(capacity);
    this.tmpHi = new Uint32Array(capacity);
    this.idx = new Uint32Array(capacity);
    this.tmpIdx = new Uint32Array(capacity);
  }

  /** Writes the values of `src` into `out` in ascending order (`out` may be `src`). */
  sortValues(src: Float64Array, out: Float64Array): void {
    const n = this.encode(src);
    this.passes(n, false);
    const words = new Uint32Array(out.buffer, out.byteOffset, n * 2);
    const lo = this.keyLo;
    const hi = this.keyHi;
    for (let i = 0; i < n; i++) {
      const h = hi[i];
      // Inverse of the key mapping in `encode`.
      if (h & 0x80000000) {
        words[2 * i + HI] = h & 0x7fffffff;
        words[2 * i + LO] = lo[i];
      } else {
        words[2 * i + HI] = ~h >>> 0;
        words[2 * i + LO] = ~lo[i] >>> 0;
      }
    }
  }

  /** Fills `order` with the indices of `src` sorted by value, ties by ascending index. */
  argsort(src: Float64Array, order: Uint32Array): void {
    const n = this.encode(src);
    const idx = this.idx;
    for (let i = 0; i < n; i++) idx[i] = i;
    this.passes(n, true);
    order.set(this.idx.subarray(0, n));
  }

  private encode(src: Float64Array): number {
    const n = src.length;
    if (n > this.capacity) throw new RangeError(`radix sorter holds ${this.capacity} values, got ${n}`);
    const words = new Uint32Array(src.buffer, src.byteOffset, n * 2);
    const lo = this.keyLo;
    const hi = this.keyHi;
    const hist = this.hist;
    hist.fill(0);
    for (let i = 0; i < n; i++) {
      let l = words[2 * i + LO];
      let h = words[2 * i + HI];
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else {
        h = (h | 0x80000000) >>> 0;
      }
      lo[i] = l;
      hi[i] = h;
      hist[l & 0xffff]++;
      hist[RADIX + (l >>> 16)]++;
      hist[2 * RADIX + (h & 0xffff)]++;
      hist[3 * RADIX + (h >>> 16)]++;
    }
    return n;
  }

  private passes(n: number, withIndex: boolean): void {
    const hist = this.hist;
    for (let pass = 0; pass < 4; pass++) {
      const base = pass * RADIX;
      // Exclusive prefix sums; a digit shared by every key (common in the exponent bits) needs no pass.
      let sum = 0;
      let trivial = false;
      for (let b = 0; b < RADIX; b++) {
        const c = hist[base + b];
        if (c === n) {
          trivial = true;
          break;
        }
        hist[base + b] = sum;
        sum += c;
      }
      if (trivial) continue;
      const digits = pass < 2 ? this.keyLo : this.keyHi;
      const shift = (pass & 1) * 16;
      const lo = this.keyLo;
      const hi = this.keyHi;
      const toLo = this.tmpLo;
      const toHi = this.tmpHi;
      if (withIndex) {
        const idx = this.idx;
        const toIdx = this.tmpIdx;
        for (let i = 0; i < n; i++) {
          const j = hist[base + ((digits[i] >>> shift) & 0xffff)]++;
          toLo[j] = lo[i];
          toHi[j] = hi[i];
          toIdx[j] = idx[i];
        }
        this.idx = toIdx;
        this.tmpIdx = idx;
      } else {
        for (let i = 0; i < n; i++) {
          const j = hist[base + ((digits[i] >>> shift) & 0xffff)]++;
          toLo[j] = lo[i];
          toHi[j] = hi[i];
        }
      }
      this.keyLo = toLo;
      this.keyHi = toHi;
      this.tmpLo = lo;
      this.tmpHi = hi;
    }
  }
}
