/**
 * Reads a job's workflow history page by page, as facts. With `follow`, the request
 * long-polls (`waitNewEvent`): the server answers at once while there are events to
 * page through, then holds the call until new events arrive, and returns an empty
 * next-page token only once the workflow has closed — the same mechanism as
 * `temporal workflow show --follow`. No polling interval, no state outside this loop.
 */
import { type Client, isGrpcDeadlineError } from '@temporalio/client';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { factOf, type HistoryFact } from './history-facts.ts';

export interface ReadHistoryOptions {
  follow: boolean;
  /** Ends an in-flight long poll (the SSE client went away). */
  signal?: AbortSignal;
}

/** Plain reads get the usual per-request bound; a long poll may legitimately wait ~20 s server-side. */
const READ_DEADLINE_MS = 10_000;
const LONG_POLL_DEADLINE_MS = 60_000;

export async function* readHistoryFacts(
  client: Client,
  job: JobRef,
  opts: ReadHistoryOptions,
): AsyncGenerator<HistoryFact[]> {
  let nextPageToken: Uint8Array | undefined;
  for (;;) {
    const request = () =>
      client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId: trainingWorkflowId(job) },
        nextPageToken,
        waitNewEvent: opts.follow,
        skipArchival: true,
      });
    // An explicit deadline replaces the request-wide one of the gateway's middleware:
    // a stream outlives any single request deadline, each call within it must not.
    const deadline = Date.now() + (opts.follow ? LONG_POLL_DEADLINE_MS : READ_DEADLINE_MS);
    const call = () => client.withDeadline(deadline, request);
    let response;
    try {
      response = await (opts.signal ? abortable(client, opts.signal, call) : call());
    } catch (err) {
      // A long poll that outlived our own deadline just starts again from the same place.
      if (opts.follow && isGrpcDeadlineError(err) && !opts.signal?.aborted) continue;
      throw err;
    }
    const facts = await Promise.all((response.history?.events ?? []).map((e) => factOf(client, e)));
    yield facts.filter((f): f is HistoryFact => f !== null);
    if (!response.nextPageToken?.length) return;
    nextPageToken = response.nextPageToken;
  }
}

/**
 * The client adds an abort listener per call and never removes it; a long stream makes
 * many calls, so each gets its own short-lived signal, linked to the stream's by one
 * listener that is removed when the call ends.
 */
async function abortable<R>(client: Client, signal: AbortSignal, fn: () => Promise<R>): Promise<R> {
  const call = new AbortController();
  const forward = () => call.abort();
  signal.addEventListener('abort', forward, { once: true });
  try {
    return await client.withAbortSignal(call.signal, fn);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}
