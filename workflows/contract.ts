/**
 * The public contract of Atelier's jobs, for clients and for other teams' workflows
 * (README "Driving training from other workflows" and docs/contract/ import from here):
 * workflow types and ids, inputs and their schemas, signals, updates, queries, the job
 * view and the failure types. Everything in it is safe inside the workflow sandbox.
 * Names go over the wire: renaming one is a breaking change.
 */
export {
  pauseSignal,
  resumeSignal,
  setPriorityUpdate,
  statusQuery,
  type StyleTrainingResult,
} from './messages.ts';
export {
  MIN_PRIORITY,
  MAX_PRIORITY,
  DEFAULT_PRIORITY,
  MAX_PACK_STYLES,
  WEBHOOK_EVENTS,
  StyleTrainingInputSchema,
  StylePackInputSchema,
  BlobRefSchema,
  SetPriorityInputSchema,
  PauseInputSchema,
  ResumeInputSchema,
  JobViewSchema,
  type StyleTrainingInput,
  type StylePackInput,
  type PackStyleInput,
  type BlobRef,
  type WebhookTarget,
  type PauseInput,
  type ResumeInput,
  type SetPriorityInput,
  type SetPriorityResult,
} from './contract-schemas.ts';
export {
  trainingWorkflowId,
  packWorkflowId,
  packChildJobId,
  jobRefOfWorkflowId,
  TENANT_ID_PATTERN,
  CLIENT_JOB_ID_PATTERN,
  JOB_ID_PATTERN,
  PACK_ID_PATTERN,
  type JobRef,
} from './job-identity.ts';
export {
  packPauseSignal,
  packResumeSignal,
  packStatusQuery,
  type PackView,
  type PackStyleState,
} from './pack-messages.ts';
export {
  JOB_PHASES,
  JOB_STATUSES,
  isTerminalPhase,
  type JobView,
  type JobPhase,
  type JobStatus,
  type JobProgress,
} from './job-view.ts';
export { FailureType } from './failures.ts';
export { TaskQueue } from './task-queues.ts';
export { TrainingPhaseKey, TenantIdKey, StyleNameKey, BaseModelKey } from './search-attributes.ts';
/** Workflow type names (they go over the wire). */
export const WorkflowType = { training: 'styleTrainingWorkflow', pack: 'stylePackWorkflow' } as const;
