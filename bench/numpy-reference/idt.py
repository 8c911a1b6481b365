"""Iterative distribution transfer in numpy: the peer of Atelier's `color-lut` trainer.

The same algorithm, step for step, as src/training/color-lut (DESIGN.md §3), so that the
iterations per second of the two can be compared fairly:

  lattice   lutSize³ points of the identity LUT, r fastest                 (state.ts)
  target    the very samples Atelier trains on (read from --target, m×3)   (target.ts)
  rotation  per iteration, from the same seeded generator, bit for bit     (prng.ts, rotation.ts)
  transfer  per axis: project both clouds, sort the target, stable-argsort
            the lattice, move each point by (target quantile − projection)  (quantile-transfer.ts)
  quantiles rank k ↦ target position ((2k+1)m − n) / 2n, linear
            interpolation, clamped at both ends                              (quantile-plan.ts)
  loss      sliced Wasserstein-1 over 16 fixed seeded directions, the
            target's quantiles precomputed once                              (sliced-wasserstein.ts)

Only the floating-point evaluation order differs (BLAS dot products), so the lattices of
the two agree to rounding, not bit for bit. Prints one JSON line.
"""
import argparse
import json
import time

import numpy as np

M32 = 0xFFFFFFFF
STREAM_ROTATION = 0x524F54
STREAM_LOSS_DIRECTIONS = 0x4C4F53
LOSS_DIRECTION_COUNT = 16


def mix32(x):
    h = x & M32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def derive_seed(seed, stream, index):
    h = mix32(seed ^ 0x9E3779B9)
    h = mix32(h ^ ((stream * 0x27D4EB2F) & M32))
    return mix32(h + ((index * 0x165667B1) & M32))


class Mulberry32:
    def __init__(self, seed32):
        self.a = seed32 & M32

    def next_float(self):
        self.a = (self.a + 0x6D2B79F5) & M32
        a = self.a
        t = ((a ^ (a >> 15)) * (1 | a)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296


def random_in_ball(prng):
    while True:
        x, y, z = (2 * prng.next_float() - 1 for _ in range(3))
        r2 = x * x + y * y + z * z
        if 1e-12 < r2 <= 1:
            return [x, y, z]


def random_unit_vector(prng):
    v = random_in_ball(prng)
    length = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) ** 0.5
    return [c / length for c in v]


def rotation_for_iteration(seed, iteration):
    prng = Mulberry32(derive_seed(seed, STREAM_ROTATION, iteration))
    a = random_unit_vector(prng)
    while True:
        b = random_in_ball(prng)
        dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
        b = [b[i] - dot * a[i] for i in range(3)]
        length = (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]) ** 0.5
        if length > 1e-6:
            b = [c / length for c in b]
            break
    c = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    return np.array([a, b, c])


def loss_directions(seed):
    prng = Mulberry32(derive_seed(seed, STREAM_LOSS_DIRECTIONS, 0))
    return np.array([random_unit_vector(prng) for _ in range(LOSS_DIRECTION_COUNT)])


def identity_lattice(size):
    step = np.arange(size) / (size - 1)
    b, g, r = np.meshgrid(step, step, step, indexing="ij")
    return np.stack([r.ravel(), g.ravel(), b.ravel()], axis=1)


class QuantilePlan:
    def __init__(self, n, m):
        k = np.arange(n, dtype=np.float64)
        p = ((2 * k + 1) * m - n) / (2 * n)
        lo = np.clip(np.floor(p), 0, m - 1).astype(np.intp)
        self.lo = lo
        self.hi = np.minimum(lo + 1, m - 1)
        self.frac = np.where((p > 0) & (p < m - 1), p - lo, 0.0)

    def quantiles(self, sorted_target):
        a = sorted_target[self.lo]
        return a + self.frac * (sorted_target[self.hi] - a)


class Trainer:
    def __init__(self, target, lut_size, seed):
        self.target = target
        self.seed = seed
        self.samples = identity_lattice(lut_size)
        n, m = len(self.samples), len(target)
        self.plan = QuantilePlan(n, m)
        self.directions = loss_directions(seed)
        projected = np.sort(self.directions @ target.T, axis=1)
        self.target_quantiles = np.stack([self.plan.quantiles(row) for row in projected])
        self.iteration = 0

    def step(self):
        rotation = rotation_for_iteration(self.seed, self.iteration)
        for axis in rotation:
            sorted_target = np.sort(self.target @ axis)
            projection = self.samples @ axis
            # numpy's fastest argsort (introsort) breaks exact ties in another order than
            # Atelier's stable radix sort; they are measure-zero, the maths is the same.
            order = np.argsort(projection)
            matched = np.empty_like(projection)
            matched[order] = self.plan.quantiles(sorted_target)
            self.samples += (matched - projection)[:, None] * axis
        self.iteration += 1
        projected = np.sort(self.directions @ self.samples.T, axis=1)
        return float(np.abs(projected - self.target_quantiles).mean())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="float64 little-endian, m×3 interleaved RGB")
    parser.add_argument("--lut-size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--min-seconds", type=float, default=4.0)
    parser.add_argument("--min-iterations", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=0, help="run exactly this many, then dump")
    parser.add_argument("--dump", help="write the final lattice (float64, n×3) here")
    args = parser.parse_args()

    target = np.fromfile(args.target, dtype="<f8").reshape(-1, 3)
    trainer = Trainer(target, args.lut_size, args.seed)
    losses = []
    if args.iterations:
        for _ in range(args.iterations):
            losses.append(trainer.step())
        elapsed, cpu, measured = 0.0, 0.0, 0
    else:
        for _ in range(args.warmup):
            losses.append(trainer.step())
        start, cpu_start = time.perf_counter(), time.process_time()
        measured = 0
        while measured < args.min_iterations or time.perf_counter() - start < args.min_seconds:
            losses.append(trainer.step())
            measured += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if args.dump:
        trainer.samples.astype("<f8").tofile(args.dump)
    print(json.dumps({
        "numpy": np.__version__,
        "lutSize": args.lut_size,
        "targetSamples": len(target),
        "iterations": measured,
        "seconds": elapsed,
        "cpuSeconds": cpu,
        "iterationsPerS": measured / elapsed if elapsed else None,
        "iterationsPerCpuS": measured / cpu if cpu else None,
        "losses": losses,
    }))


if __name__ == "__main__":
    main()
