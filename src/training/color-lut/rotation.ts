/**
 * Random directions and rotations in 3-D colour space. Only +, ×, / and sqrt are used
 * (all correctly rounded in IEEE 754), never sin/cos/log, so the same seed gives
 * bit-identical bases on every machine and runtime.
 */
import { type Prng, Stream, createPrng, deriveSeed } from './prng.ts';

/** A 3×3 rotation, row-major: rows are the orthonormal axes the samples are projected on. */
export type Rotation = Float64Array;

/** Uniform random point in the unit ball (by rejection from the cube), never at the centre. */
function randomInBall(prng: Prng, out: Float64Array): void {
  for (;;) {
    const x = 2 * prng.nextFloat() - 1;
    const y = 2 * prng.nextFloat() - 1;
    const z = 2 * prng.nextFloat() - 1;
    const r2 = x * x + y * y + z * z;
    // Accepts ~52% of draws. The lower bound keeps the later normalisation well conditioned.
    if (r2 <= 1 && r2 > 1e-12) {
      out[0] = x;
      out[1] = y;
      out[2] = z;
      return;
    }
  }
}

/** Uniformly distributed unit vector: the ball is isotropic, so its normalised points are uniform on the sphere. */
export function randomUnitVector(prng: Prng): Float64Array {
  const v = new Float64Array(3);
  randomInBall(prng, v);
  const len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  v[0] /= len;
  v[1] /= len;
  v[2] /= len;
  return v;
}

/**
 * Haar-uniform random rotation: Gram-Schmidt on independent isotropic vectors is uniform
 * over orthonormal frames; the third axis is the cross product, so det = +1.
 */
export function randomRotation(prng: Prng): Rotation {
  const a = randomUnitVector(prng);
  const b = new Float64Array(3);
  for (;;) {
    randomInBall(prng, b);
    const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    b[0] -= dot * a[0];
    b[1] -= dot * a[1];
    b[2] -= dot * a[2];
    const len = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    // Redraw when b was (nearly) parallel to a: its orthogonal part would be mostly rounding error.
    if (len > 1e-6) {
      b[0] /= len;
      b[1] /= len;
      b[2] /= len;
      break;
    }
  }
  const c0 = a[1] * b[2] - a[2] * b[1];
  const c1 = a[2] * b[0] - a[0] * b[2];
  const c2 = a[0] * b[1] - a[1] * b[0];
  return Float64Array.of(a[0], a[1], a[2], b[0], b[1], b[2], c0, c1, c2);
}

/** The rotation of iteration `iteration` (0-based): a function of (seed, iteration) only. */
export function rotationForIteration(seed: number, iteration: number): Rotation {
  return randomRotation(createPrng(deriveSeed(seed, Stream.rotation, iteration)));
}

/** `count` fixed unit directions (flattened xyz) for the sliced-Wasserstein loss. */
export function lossDirections(seed: number, count: number): Float64Array {
  const prng = createPrng(deriveSeed(seed, Stream.lossDirections, 0));
  const out = new Float64Array(count * 3);
  for (let d = 0; d < count; d++) out.set(randomUnitVector(prng), d * 3);
  return out;
}
