/**
 * Activities throw permanent failures from the job's one failure vocabulary
 * (workflows/failures.ts), which the workflows and the API share.
 */
export { FailureType, permanentFailure } from '../workflows/failures.ts';
