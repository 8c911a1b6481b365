/**
 * Input and messages of the per-tenant admission workflow, checked by the workflow
 * itself (its update validator and its start): internal to Atelier — only the gateway
 * sends them — so not part of the published job contract (contract-schemas.ts).
 */
import { z } from 'zod';
import { TenantIdSchema } from './contract-schemas.ts';

const count = z.number().int().min(1).max(1_000_000);

export const RateLimitSpecSchema = z.object({
  tokens: count,
  periodSeconds: z.number().int().min(1).max(86_400),
  burst: count,
});

const LedgerEntrySchema = z.object({
  workflowId: z.string().min(1).max(200),
  weight: z.number().int().min(0),
  admittedAtMs: z.number(),
});

/** What a run carries into the next one (continue-as-new). */
export const TenantAdmissionStateSchema = z.object({
  bucket: z.object({ tokens: z.number().min(0), atMs: z.number() }).nullable(),
  entries: z.array(LedgerEntrySchema),
  /** Whether the tenant's running jobs were read from visibility once (see tenant-admission-state.ts). */
  discovered: z.boolean(),
});

export const TenantAdmissionInputSchema = z.object({
  tenantId: TenantIdSchema,
  state: TenantAdmissionStateSchema.optional(),
  /** Admissions per run before continue-as-new (default 500; tests make it small). */
  admissionsPerRun: z.number().int().min(1).max(10_000).optional(),
});

export const AdmitSubmissionInputSchema = z.object({
  /** The training or pack workflow the submission starts (its slot's name). */
  workflowId: z.string().min(1).max(200),
  /** Slots it takes: 1 for a job, the number of styles for a pack. */
  weight: z.number().int().min(1).max(1000),
  /** The gateway's settings, sent with each request: the workflow keeps none of its own. */
  maxActive: z.number().int().min(1).nullable(),
  rate: RateLimitSpecSchema.nullable(),
});

export type TenantAdmissionState = z.infer<typeof TenantAdmissionStateSchema>;
export type TenantAdmissionInput = z.infer<typeof TenantAdmissionInputSchema>;
export type AdmitSubmissionInput = z.infer<typeof AdmitSubmissionInputSchema>;
