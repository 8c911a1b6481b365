/**
 * The seeded job mix of a chaos run. Every job is a real `POST /v1/trainings` body with
 * its own Idempotency-Key. About a quarter are "deterministic": one of a few fixed
 * (image, params with an explicit seed, style name) combinations whose .cube must equal
 * the in-process reference. The rest vary lattice size, iterations, seed, strength,
 * smoothing and priority; a few are cancelled mid-flight, some deterministic ones are
 * paused and resumed (same bytes required), and some clients repeat an acknowledged
 * request (a lost response), which must return the same job.
 */
import { type CreateTraining } from '../../src/client/index.ts';
import { type Rng } from './prng.ts';
import { paletteImage } from '../harness/images.ts';
import { type ReferenceInput } from '../harness/reference-trainer.ts';

/** The API's request body (from the typed client), with every field the chaos run sets. */
export type TrainingBody = Required<
  Pick<CreateTraining, 'styleName' | 'baseModel' | 'styleRefBase64' | 'params' | 'priority'>
>;

export interface JobSpec {
  index: number;
  idempotencyKey: string;
  /** When the client starts, from the beginning of the load. */
  submitAtMs: number;
  body: TrainingBody;
  /** Set for deterministic jobs: the reference their style.cube must equal. */
  referenceId?: string;
  /** Cancel this long after the acknowledgement. */
  cancelAfterMs?: number;
  /** Pause this long after the acknowledgement, resume `forMs` later; the LUT must not change. */
  pause?: { afterMs: number; forMs: number };
  /** Send the acknowledged request once more: same job, `Idempotent-Replayed: true`. */
  resendAfterAck: boolean;
}

export interface JobPlan {
  specs: JobSpec[];
  references: Map<string, ReferenceInput>;
}

export interface JobMixOptions {
  runSeed: number;
  jobs: number;
  loadWindowMs: number;
  cancelShare: number;
}

/**
 * Fixed combinations: explicit seeds, and long enough (2–4 s of training) that kills
 * land in the middle of them; patience 100 lets all iterations run.
 */
const DETERMINISTIC = [
  { styleName: 'Deterministic A', params: { lutSize: 17, iterations: 120, seed: 7, patience: 100 } },
  {
    styleName: 'Deterministic B',
    params: { lutSize: 33, iterations: 60, seed: 1234, strength: 0.8, patience: 100 },
  },
  { styleName: 'Deterministic C', params: { lutSize: 17, iterations: 150, seed: 99, smoothing: 0.3 } },
];

/** Jobs that will be cancelled train long enough (~15 s) for the cancel to find them running or queued. */
const CANCELLED_PARAMS = { lutSize: 33, iterations: 300, patience: 100 };

function variedParams(rng: Rng): Record<string, unknown> {
  const big = rng.chance(0.3);
  const params: Record<string, unknown> = {
    lutSize: big ? 33 : 17,
    iterations: big ? rng.int(10, 60) : rng.int(20, 120),
    seed: rng.int(0, 2 ** 31 - 1),
  };
  if (rng.chance(0.5)) params.patience = 100;
  if (rng.chance(0.3)) params.strength = Math.round(rng.between(0.4, 1) * 100) / 100;
  if (rng.chance(0.2)) params.smoothing = 0.2;
  return params;
}

export async function planJobs(rng: Rng, opts: JobMixOptions): Promise<JobPlan> {
  const pool = await Promise.all(Array.from({ length: 6 }, () => paletteImage(rng)));
  const references = new Map<string, ReferenceInput>(
    DETERMINISTIC.map((d, i) => [d.styleName, { image: pool[i], params: d.params, styleName: d.styleName }]),
  );
  const spacing = opts.loadWindowMs / opts.jobs;
  const specs: JobSpec[] = [];
  for (let index = 0; index < opts.jobs; index++) {
    const deterministic = index % 4 === 1;
    const combo = DETERMINISTIC[Math.floor(index / 4) % DETERMINISTIC.length];
    const image = deterministic ? references.get(combo.styleName)!.image : rng.pick(pool);
    // Jobs 1 and 2 always pause and cancel, so that even a short run covers both.
    const cancel = !deterministic && (rng.chance(opts.cancelShare) || index === 2);
    specs.push({
      index,
      idempotencyKey: `chaos-${opts.runSeed}-${index}`,
      // A third arrive together with the previous job: bursts make kills meet requests in flight.
      submitAtMs:
        index > 0 && rng.chance(0.33)
          ? specs[index - 1].submitAtMs
          : Math.round(index * spacing + rng.between(0, spacing)),
      body: {
        styleName: deterministic ? combo.styleName : `Chaos ${index}`,
        baseModel: 'color-lut',
        styleRefBase64: image.toString('base64'),
        params: deterministic
          ? combo.params
          : cancel
            ? { ...CANCELLED_PARAMS, seed: index }
            : variedParams(rng),
        priority: rng.int(1, 5),
      },
      referenceId: deterministic ? combo.styleName : undefined,
      cancelAfterMs: cancel ? rng.int(500, 6_000) : undefined,
      pause:
        deterministic && (rng.chance(0.35) || index === 1)
          ? { afterMs: rng.int(300, 2_500), forMs: rng.int(1_000, 4_000) }
          : undefined,
      resendAfterAck: rng.chance(0.25),
    });
  }
  return { specs, references };
}
