/**
 * The seeded kill schedule: which member dies next, how long the quiet gap before it
 * lasts, and how long it stays dead. Members come from a shuffled bag, so every one
 * of them is killed before any is killed twice.
 */
import { type Component, COMPONENTS } from '../harness/components.ts';
import { type Rng } from './prng.ts';

export interface PlannedKill {
  component: Component;
  /** Quiet time after the previous recovery (or the start of the load). */
  gapMs: number;
  /** How long the member stays down before it is started again. */
  downMs: number;
}

export interface KillPlanOptions {
  count: number;
  gapMs: [number, number];
  downMs: [number, number];
  components?: readonly Component[];
}

export function planKills(rng: Rng, opts: KillPlanOptions): PlannedKill[] {
  const pool = opts.components ?? COMPONENTS;
  const order: Component[] = [];
  while (order.length < opts.count) order.push(...rng.shuffle(pool));
  return order.slice(0, opts.count).map((component) => ({
    component,
    gapMs: Math.round(rng.between(...opts.gapMs)),
    downMs: Math.round(rng.between(...opts.downMs)),
  }));
}
