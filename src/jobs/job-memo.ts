/**
 * The memo the gateway writes when it starts a job: the facts a job view needs that
 * describe() would not otherwise give without a worker (the workflow input is only in
 * history). The workflow adds `startedAt` when training first starts.
 */
import { z } from 'zod';

export const JobMemoSchema = z.object({
  tenantId: z.string(),
  /** What the creating request asked for; absent on a job no HTTP request created. */
  fingerprint: z.string().optional(),
  /** Unique per accepted request: tells the request that created the job from its replays. */
  submissionId: z.string().optional(),
  createdAt: z.string(),
  styleName: z.string(),
  baseModel: z.string(),
  priority: z.number().int(),
  params: z.record(z.string(), z.unknown()).default({}),
  metadata: z.record(z.string(), z.string()).default({}),
  /** Planned iterations (trainer.totalIterations of the parsed params). */
  total: z.number().int().nonnegative().default(0),
  /** ISO time of a delayed start (`startAt`), if any. */
  scheduledFor: z.string().nullable().default(null),
  startedAt: z.string().nullable().default(null),
});
export type JobMemo = z.infer<typeof JobMemoSchema>;
export type JobMemoInput = z.input<typeof JobMemoSchema>;

/** Parses a workflow's memo; null when it is not an Atelier job memo. */
export function parseJobMemo(memo: Record<string, unknown> | undefined): JobMemo | null {
  const parsed = JobMemoSchema.safeParse(memo ?? {});
  return parsed.success ? parsed.data : null;
}
