/**
 * The job contract as one JSON Schema document (docs/contract/contract.schema.json),
 * generated from the zod schemas the gateway and the workflows check with, so a caller
 * in any language validates against exactly what the workflow will accept. Checks zod
 * cannot express as JSON Schema (no control characters, well-formed Unicode) are said
 * in the descriptions.
 */
import { z } from 'zod';
import * as c from '../../workflows/contract-schemas.ts';
import { FailureType } from '../../workflows/failures.ts';
import {
  CLIENT_JOB_ID_PATTERN,
  JOB_ID_PATTERN,
  PACK_ID_PATTERN,
  TENANT_ID_PATTERN,
} from '../../workflows/job-identity.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';

const TEXT_RULE = 'Well-formed Unicode without control (Cc) or format (Cf) characters.';

const schemas = {
  StyleTrainingInput: c.StyleTrainingInputSchema,
  StylePackInput: c.StylePackInputSchema,
  BlobRef: c.BlobRefSchema,
  PauseInput: c.PauseInputSchema,
  ResumeInput: c.ResumeInputSchema,
  SetPriorityInput: c.SetPriorityInputSchema,
  SetPriorityResult: c.SetPriorityResultSchema,
  JobView: c.JobViewSchema,
};

export function contractDocument(): Record<string, unknown> {
  const $defs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
      return [name, json];
    }),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://atelier.dev/contract/contract.schema.json',
    title: 'Atelier job contract',
    description: `Workflow inputs, messages and views of Atelier's jobs. Text fields (styleName, metadata, reasons): ${TEXT_RULE}`,
    'x-atelier': {
      workflowTypes: { training: 'styleTrainingWorkflow', pack: 'stylePackWorkflow' },
      taskQueue: TaskQueue.orchestration,
      workflowIds: {
        training: 'training:<tenantId>:<jobId>',
        pack: 'pack:<tenantId>:<packId>',
        packStyleJobId: '<packId>.<n> (n = 1 … number of styles)',
      },
      patterns: {
        tenantId: TENANT_ID_PATTERN.source,
        clientJobId: CLIENT_JOB_ID_PATTERN.source,
        jobId: JOB_ID_PATTERN.source,
        packId: PACK_ID_PATTERN.source,
      },
      signals: { pause: '#/$defs/PauseInput', resume: '#/$defs/ResumeInput' },
      packSignals: { packPause: '#/$defs/PauseInput', packResume: '#/$defs/ResumeInput' },
      updates: { setPriority: { input: '#/$defs/SetPriorityInput', result: '#/$defs/SetPriorityResult' } },
      queries: { status: '#/$defs/JobView' },
      cancel: 'the workflow cancellation itself (RequestCancelWorkflowExecution)',
      failureTypes: Object.values(FailureType),
      webhookEvents: c.WEBHOOK_EVENTS,
    },
    $defs,
  };
}

/** Where the document is published, relative to the repository root. */
export const CONTRACT_FILE = 'docs/contract/contract.schema.json';

export function contractDocumentText(): string {
  return `${JSON.stringify(contractDocument(), null, 2)}\n`;
}
