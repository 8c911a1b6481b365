/**
 * What a workflow does with its input before anything else: check it against the
 * published contract (the same zod schemas the gateway uses), check that the workflow
 * id is the one derived from (tenant, id) — so the job is reachable through the API of
 * its tenant — and that only a pack starts a pack's child ids. A failure is typed
 * (`InvalidInput`), non-retryable and names each bad field, so a caller in any
 * language learns at once what to fix.
 */
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import { DEFAULT_PRIORITY, describeIssues, type StyleTrainingInput } from './contract-schemas.ts';
import { FailureType } from './failures.ts';

export type Checked<T> = { ok: true; input: T } | { ok: false; failure: ApplicationFailure };

function invalid(
  workflow: string,
  message: string,
  issues: unknown[],
): { ok: false; failure: ApplicationFailure } {
  return {
    ok: false,
    failure: ApplicationFailure.create({
      type: FailureType.InvalidInput,
      message: `invalid ${workflow} input: ${message}`,
      nonRetryable: true,
      details: [{ issues }],
    }),
  };
}

/**
 * Parses `raw` with `schema`; then `expectedIds` gives the workflow id this input must
 * run under and, for a pack's child, the parent that must have started it.
 */
export function checkInput<T>(
  workflow: string,
  schema: z.ZodType<T>,
  raw: unknown,
  expectedIds: (input: T) => { workflowId: string; parentWorkflowId?: string | null },
): Checked<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return invalid(workflow, describeIssues(parsed.error), issues);
  }
  const info = workflowInfo();
  const expected = expectedIds(parsed.data);
  if (info.workflowId !== expected.workflowId) {
    const message = `workflow id must be '${expected.workflowId}' (derived from tenantId and the id), got '${info.workflowId}'`;
    return invalid(workflow, message, [{ path: '(workflowId)', message }]);
  }
  if (expected.parentWorkflowId && info.parent?.workflowId !== expected.parentWorkflowId) {
    const message = `a pack's job id may only be used by the pack '${expected.parentWorkflowId}'`;
    return invalid(workflow, message, [{ path: 'jobId', message }]);
  }
  return { ok: true, input: parsed.data };
}

/**
 * Enough of a rejected training input for the status query to answer with: string
 * fields as given (others empty), so even a garbage start reads as a failed job.
 */
export function displayableInput(raw: unknown): StyleTrainingInput {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : '');
  return {
    jobId: text('jobId'),
    tenantId: text('tenantId'),
    styleName: text('styleName'),
    baseModel: text('baseModel'),
    image: { sha256: '', bytes: 0, contentType: '' },
    params: {},
    priority: DEFAULT_PRIORITY,
    createdAt: text('createdAt'),
  };
}
