/**
 * Activity type names as they appear in histories and describe(): the gateway and the
 * event log look activities up by these. Checked against the activity factory at
 * compile time, so a rename cannot leave a reader behind.
 */
import type { createActivities } from '../activities/index.ts';

type ActivityName = keyof ReturnType<typeof createActivities>;

export const DECODE_ACTIVITY = 'decodeImage' satisfies ActivityName;
export const TRAIN_ACTIVITY = 'trainStyle' satisfies ActivityName;
export const PUBLISH_ACTIVITY = 'publishArtifacts' satisfies ActivityName;
export const CLEANUP_ACTIVITY = 'cleanupJob' satisfies ActivityName;
export const WEBHOOK_ACTIVITY = 'deliverWebhook' satisfies ActivityName;

/** The activities a job waits on: a retry of one of them holds the job up (webhooks never do). */
export const JOB_ACTIVITIES: readonly string[] = [
  DECODE_ACTIVITY,
  TRAIN_ACTIVITY,
  PUBLISH_ACTIVITY,
  CLEANUP_ACTIVITY,
];
