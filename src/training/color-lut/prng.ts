/**
 * Small seeded PRNG for the colour-LUT trainer. Every random draw is derived from
 * `(seed, stream, index)` alone, so a resumed run needs no generator state in its
 * checkpoint: iteration i always sees the same rotation, however the run was split.
 * Integer-only arithmetic (Math.imul, shifts) keeps it bit-identical on every platform.
 */

/** Random-number streams, kept apart so that e.g. the loss directions never share draws with rotations. */
export const Stream = {
  rotation: 0x524f54, // "ROT"
  lossDirections: 0x4c4f53, // "LOS"
  targetSubsample: 0x545347, // "TSG"
} as const;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed for draw number `index` of `stream` under the user's `seed`. */
export function deriveSeed(seed: number, stream: number, index: number): number {
  // Chained mixing (not XOR of independent hashes) so that (seed, index) pairs do not collide trivially.
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(stream, 0x27d4eb2f));
  h = mix32(h + Math.imul(index, 0x165667b1));
  return h;
}

export interface Prng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), 32 bits of resolution (plenty for rotations and directions). */
  nextFloat(): number;
}

/** mulberry32 (Tommy Ettinger): tiny, fast and well distributed for the few dozen draws we need. */
export function createPrng(seed32: number): Prng {
  let a = seed32 | 0;
  const nextUint32 = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { nextUint32, nextFloat: () => nextUint32() / 4294967296 };
}
