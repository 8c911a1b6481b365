/**
 * stylePackWorkflow: trains several styles as child `styleTrainingWorkflow`s with
 * bounded parallelism. Each child is a first-class job of the pack's tenant, with the
 * job id `<packId>.<n>` (a '.' no client id can contain, so a pack never meets an
 * existing job); the pack reads each finished child's final job view through an
 * activity, the documented way to query from a workflow. A failed style does not stop
 * the others; the outcome lists each style. State and handlers: pack-state.ts.
 */
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { lightActivityOptions } from './activity-options.ts';
import { StylePackInputSchema } from './contract-schemas.ts';
import { jobErrorOf } from './failures.ts';
import { checkInput } from './input-check.ts';
import { packChildJobId, packWorkflowId, trainingWorkflowId } from './job-identity.ts';
import { adoptPackVisibility, baseJobMemo } from './job-memo.ts';
import { statusOfPhase } from './job-view.ts';
import { pauseSignal, type StyleTrainingInput } from './messages.ts';
import type { PackView, StylePackInput } from './pack-messages.ts';
import { PackState, type ChildNaming } from './pack-state.ts';
import { trainingSearchAttributes } from './search-attributes.ts';
import { styleTrainingWorkflow } from './style-training.ts';

const { readJobStatus } = proxyActivities<ReturnType<typeof createActivities>>(lightActivityOptions);

/** See style-training.ts: histories from before the checked contract keep their child names. */
const CHECKED_CONTRACT_PATCH = 'checked-contract';
const namingOf = (input: StylePackInput, checked: boolean): ChildNaming =>
  checked
    ? {
        jobId: (i) => packChildJobId(input.packId, i),
        workflowId: (jobId) => trainingWorkflowId({ tenantId: input.tenantId, jobId }),
      }
    : { jobId: (i) => `${input.packId}-s${i + 1}`, workflowId: (jobId) => `training-${jobId}` };

/** Trains every style of a pack; see the module comment. */
export async function stylePackWorkflow(input: StylePackInput): Promise<PackView> {
  const checkedContract = patched(CHECKED_CONTRACT_PATCH);
  if (checkedContract) {
    const checked = checkInput('stylePackWorkflow', StylePackInputSchema, input, (i) => ({
      workflowId: packWorkflowId(i.tenantId, i.packId),
    }));
    if (!checked.ok) throw checked.failure;
    adoptPackVisibility(checked.input);
  }
  const pack = new PackState(input, namingOf(input, checkedContract));
  pack.registerHandlers();
  // Bounded parallelism: a fixed number of lanes, each taking the next style.
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(input.maxParallel ?? 2, input.styles.length)) },
    async () => {
      while (next < input.styles.length) await trainOne(pack, next++, checkedContract);
    },
  );
  try {
    await Promise.all(lanes);
  } catch (err) {
    if (isCancellation(err)) throw err;
    throw ApplicationFailure.nonRetryable(String(err), 'PackFailed');
  }
  await condition(allHandlersFinished);
  return pack.view();
}

async function trainOne(pack: PackState, index: number, checkedContract: boolean): Promise<void> {
  const { input } = pack;
  const style = input.styles[index];
  const state = pack.styles[index];
  const workflowId = pack.naming.workflowId(state.jobId);
  const args = childInput(input, index, state.jobId, checkedContract);
  await condition(() => !pack.paused);
  pack.running.add(workflowId);
  try {
    const child = await startChild(styleTrainingWorkflow, {
      workflowId,
      taskQueue: workflowInfo().taskQueue,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      // The '.' in the id makes it the pack's alone; never adopt a closed run of it either.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [args],
      staticSummary: `Train style '${style.styleName}' with ${style.baseModel} (pack ${input.packId})`,
      // The memo and search attributes the gateway gives a job, so each style is a
      // first-class job in the API and the Temporal UI from its first moment.
      typedSearchAttributes: trainingSearchAttributes({ ...style, tenantId: input.tenantId }),
      memo: { ...baseJobMemo(args), total: style.total ?? 0, packId: input.packId },
      priority: { priorityKey: input.priority, fairnessKey: input.tenantId },
    });
    if (pack.paused) void child.signal(pauseSignal, {});
    await child.result();
    state.phase = 'succeeded';
  } catch (err) {
    // The pack itself cancelled: propagate. One child cancelled on its own: record it, go on.
    if (isCancellation(err) && CancellationScope.current().consideredCancelled) throw err;
    state.phase = isCancellation(err) ? 'cancelled' : 'failed';
    state.error = state.phase === 'failed' ? jobErrorOf(err) : null;
  } finally {
    pack.running.delete(workflowId);
  }
  state.status = statusOfPhase(state.phase);
  if (state.phase === 'succeeded') {
    // Reading another workflow's state from a workflow: through an activity (queries are client calls).
    const final = await readJobStatus({ workflowId });
    state.artifacts = final.artifacts;
    state.progress = final.progress;
  }
}

function childInput(
  input: StylePackInput,
  index: number,
  jobId: string,
  notifyParent: boolean,
): StyleTrainingInput {
  const style = input.styles[index];
  return {
    jobId,
    tenantId: input.tenantId,
    styleName: style.styleName,
    baseModel: style.baseModel,
    image: style.image,
    params: style.params,
    priority: input.priority,
    createdAt: input.createdAt,
    heartbeatTimeoutMs: input.heartbeatTimeoutMs,
    // Before the checked contract children always pushed to their parent (no flag needed).
    ...(notifyParent ? { notifyParent: true } : {}),
  };
}
