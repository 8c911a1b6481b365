/**
 * The memo of a pack workflow: what the API needs to show and guard a pack without a
 * worker. The gateway writes it at start; a pack started by another workflow writes it
 * itself (without fingerprint: no HTTP request created it).
 */
import { z } from 'zod';

export const PackMemoSchema = z.object({
  kind: z.literal('pack'),
  tenantId: z.string(),
  styles: z.number().int().nonnegative(),
  createdAt: z.string().optional(),
  /** What the creating request asked for; a re-post of the id must ask for the same. */
  fingerprint: z.string().optional(),
  /** Unique per accepted request: tells the request that created the pack from its replays. */
  submissionId: z.string().optional(),
});
export type PackMemo = z.infer<typeof PackMemoSchema>;

export function parsePackMemo(memo: Record<string, unknown> | undefined): PackMemo | null {
  const parsed = PackMemoSchema.safeParse(memo ?? {});
  return parsed.success ? parsed.data : null;
}
