/**
 * From the trained lattice to the output LUT. The learned map is kept as a displacement
 * from the identity, so `strength` blends it linearly (0 = identity exactly) and
 * `smoothing` can low-pass it: distribution transfer on a finite lattice leaves small
 * irregularities between neighbouring points, which show as banding in smooth gradients.
 */
import { type ColorLutParams } from './params.ts';
import { type ColorLutState, identityLattice } from './state.ts';

/**
 * One pass of the binomial kernel [1, 2, 1]/4 along one lattice axis, edges replicated.
 * `stride` is the distance (in points) between neighbours along that axis.
 */
function blurAxis(field: Float64Array, size: number, stride: number, out: Float64Array): void {
  const points = field.length / 3;
  for (let p = 0; p < points; p++) {
    const coord = Math.floor(p / stride) % size;
    const prev = coord > 0 ? p - stride : p;
    const next = coord < size - 1 ? p + stride : p;
    for (let c = 0; c < 3; c++) {
      out[3 * p + c] = 0.25 * field[3 * prev + c] + 0.5 * field[3 * p + c] + 0.25 * field[3 * next + c];
    }
  }
}

/** A 3×3×3 separable binomial blur of an interleaved RGB vector field on the lattice. */
export function blurDisplacement(field: Float64Array, size: number): Float64Array {
  const a = new Float64Array(field.length);
  const b = new Float64Array(field.length);
  blurAxis(field, size, 1, a); // r
  blurAxis(a, size, size, b); // g
  blurAxis(b, size, size * size, a); // b
  return a;
}

/**
 * The LUT (lutSize³ × RGB, r fastest, values in [0, 1]):
 * identity + strength · (d + smoothing · (blur(d) − d)), with d = trained − identity,
 * clamped to [0, 1].
 */
export function buildLut(
  state: ColorLutState,
  params: Pick<ColorLutParams, 'strength' | 'smoothing'>,
): Float64Array {
  const size = state.lutSize;
  const identity = identityLattice(size);
  const displacement = new Float64Array(identity.length);
  for (let i = 0; i < identity.length; i++) displacement[i] = state.samples[i] - identity[i];
  const blurred = params.smoothing > 0 ? blurDisplacement(displacement, size) : displacement;
  const out = new Float64Array(identity.length);
  for (let i = 0; i < identity.length; i++) {
    const d = displacement[i] + params.smoothing * (blurred[i] - displacement[i]);
    const v = identity[i] + params.strength * d;
    // `v > 0` is false for NaN and for -0, so both become +0 rather than leaking into the .cube.
    out[i] = v > 0 ? (v < 1 ? v : 1) : 0;
  }
  return out;
}
