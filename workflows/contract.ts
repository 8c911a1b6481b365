/**
 * The public contract for clients and for other teams' workflows: workflow names and
 * ids, signals, updates, queries and their types. Import from here only; everything
 * in it is safe inside the workflow sandbox.
 */
export {
  pauseSignal,
  resumeSignal,
  setPriorityUpdate,
  statusQuery,
  trainingWorkflowId,
  MIN_PRIORITY,
  MAX_PRIORITY,
  type StyleTrainingInput,
  type StyleTrainingResult,
  type PauseInput,
  type ResumeInput,
  type SetPriorityInput,
  type SetPriorityResult,
  type WebhookTarget,
} from './messages.ts';
export {
  packPauseSignal,
  packResumeSignal,
  packStatusQuery,
  packWorkflowId,
  packJobId,
  type StylePackInput,
  type PackStyleInput,
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
export { TaskQueue } from './task-queues.ts';
export { TrainingPhaseKey, TenantIdKey, StyleNameKey, BaseModelKey } from './search-attributes.ts';
/** Workflow type names (they go over the wire). */
export const WorkflowType = { training: 'styleTrainingWorkflow', pack: 'stylePackWorkflow' } as const;
