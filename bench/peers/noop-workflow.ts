/**
 * The bare Temporal floor: the shape of an Atelier job (three activities one after
 * the other, like decode → train → publish) with nothing in them, so what it costs
 * is Temporal alone: workflow tasks, activity dispatch, history writes.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { noopActivities } from './noop-worker.ts';

const { noop } = proxyActivities<typeof noopActivities>({ startToCloseTimeout: '1 minute' });

export async function noopThreeActivitiesWorkflow(): Promise<void> {
  await noop();
  await noop();
  await noop();
}
