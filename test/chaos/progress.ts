/**
 * Watches the system make progress, from three independent vantage points, so the
 * recovery after each kill can be timed by what the killed member is needed for:
 *   checkpoint — a job's latest checkpoint moved on (only a live training worker does that;
 *                timed by the record's own createdAt);
 *   milestone  — a workflow changed phase or closed, per Temporal visibility (needs
 *                Temporal and the orchestration worker; resolution one poll, 500 ms);
 *   gateway    — the gateway answered a client 2xx.
 */
import { type Client } from '@temporalio/client';
import { type Storage } from '../../src/storage/types.ts';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { TrainingPhaseKey } from '../../workflows/search-attributes.ts';

export type ProgressKind = 'checkpoint' | 'milestone' | 'gateway';

export interface ProgressEvent {
  kind: ProgressKind;
  at: number;
  jobId?: string;
  detail?: string;
}

export interface WorkflowSighting {
  status: string;
  phase: string;
}

export interface ProgressTracker {
  events: ProgressEvent[];
  /** Latest visibility view: workflow id → status and phase. */
  workflows: Map<string, WorkflowSighting>;
  record(event: ProgressEvent): void;
  firstAfter(kinds: ProgressKind[], after: number, jobId?: string): ProgressEvent | undefined;
  waitFor(
    kinds: ProgressKind[],
    after: number,
    timeoutMs: number,
    isIdle: () => boolean,
  ): Promise<ProgressEvent | 'idle' | undefined>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function trackProgress(opts: {
  client: Client;
  /** Where the cluster keeps checkpoints (the fs data dir or the S3 prefix). */
  storage: Storage;
  jobIds: () => Iterable<string>;
}): ProgressTracker {
  const events: ProgressEvent[] = [];
  const { storage } = opts;
  const workflows = new Map<string, WorkflowSighting>();
  const latest = new Map<string, string>();
  let running = true;
  const record = (e: ProgressEvent) => void events.push(e);

  async function scanCheckpoints(): Promise<void> {
    for (const jobId of opts.jobIds()) {
      if (workflows.get(`training-${jobId}`)?.status === 'COMPLETED') continue;
      const rec = (await storage.listCheckpoints({ tenantId: LOCAL_TENANT, jobId }).catch(() => [])).at(-1);
      if (!rec || rec.key === latest.get(jobId)) continue;
      latest.set(jobId, rec.key);
      record({
        kind: 'checkpoint',
        at: Date.parse(rec.createdAt),
        jobId,
        detail: `iteration ${rec.iteration}`,
      });
    }
  }

  async function scanVisibility(): Promise<void> {
    const query = `WorkflowType = 'styleTrainingWorkflow'`;
    await opts.client.withDeadline(Date.now() + 3_000, async () => {
      for await (const wf of opts.client.workflow.list({ query, pageSize: 500 })) {
        const seen = { status: wf.status.name, phase: wf.typedSearchAttributes.get(TrainingPhaseKey) ?? '?' };
        const before = workflows.get(wf.workflowId);
        if (before?.status === seen.status && before.phase === seen.phase) continue;
        workflows.set(wf.workflowId, seen);
        record({
          kind: 'milestone',
          at: Date.now(),
          jobId: wf.workflowId.replace(/^training-/, ''),
          detail: `${seen.status}/${seen.phase}`,
        });
      }
    });
  }

  const loop = async (fn: () => Promise<void>, everyMs: number) => {
    while (running) {
      await fn().catch(() => undefined); // a member may be down right now; that is the point
      await sleep(everyMs);
    }
  };
  const loops = Promise.all([loop(scanCheckpoints, 200), loop(scanVisibility, 500)]);

  // The earliest, not the first recorded: checkpoint events carry the writer's own time.
  const firstAfter = (kinds: ProgressKind[], after: number, jobId?: string) =>
    events
      .filter((e) => e.at > after && kinds.includes(e.kind) && (jobId === undefined || e.jobId === jobId))
      .reduce<ProgressEvent | undefined>((best, e) => (!best || e.at < best.at ? e : best), undefined);

  return {
    events,
    workflows,
    record,
    firstAfter,
    async waitFor(kinds, after, timeoutMs, isIdle) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = firstAfter(kinds, after);
        if (hit) return hit;
        if (isIdle()) return 'idle';
        await sleep(100);
      }
      return undefined;
    },
    async stop() {
      running = false;
      await loops;
    },
  };
}
