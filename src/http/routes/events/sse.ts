/**
 * The SSE side of GET /v1/trainings/{id}/events. Job events carry `id:` (their history
 * based id) so EventSource resumes with Last-Event-ID; progress samples and keep-alives
 * carry none, so they never move the resume point. After the terminal event an `end`
 * event tells clients to stop; a reconnect past the terminal event gets 204, which makes
 * EventSource stop reconnecting (per the SSE spec).
 */
import { type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { compareEventIds, isTerminalEvent } from '../../../events/job-event.ts';
import { readEventLog } from '../../../events/event-log.ts';
import { streamJobEvents } from '../../../events/event-stream.ts';
import { type JobFacts } from '../../../jobs/describe-job.ts';
import { isTerminalPhase } from '../../../../workflows/job-view.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';

/** How long EventSource waits before reconnecting after a dropped connection. */
const RECONNECT_MS = 2_000;

export function wantsEventStream(accept: string | undefined): boolean {
  return /(^|,)\s*text\/event-stream\b/i.test(accept ?? '');
}

export async function eventStreamResponse(
  c: Context<AppEnv>,
  gw: Gateway,
  facts: JobFacts,
  after: string | null,
) {
  const { jobId } = facts;
  // Terminal by phase too: the workflow may stay open a while for webhook deliveries.
  const finished = facts.executionStatus !== 'RUNNING' || isTerminalPhase(facts.phase ?? 'queued');
  if (after && finished) {
    const terminal = (await readEventLog(gw, facts)).events.find(isTerminalEvent);
    if (terminal && compareEventIds(terminal.id, after) <= 0) return c.body(null, 204);
  }
  const log = c.get('log').child({ jobId });
  return streamSSE(c, async (stream) => {
    const aborted = new AbortController();
    stream.onAbort(() => aborted.abort());
    await stream.write(`retry: ${RECONNECT_MS}\n\n`);
    try {
      const terminal = await streamJobEvents({
        deps: gw,
        job: facts,
        after,
        signal: aborted.signal,
        sink: {
          event: (e) => stream.writeSSE({ event: 'event', id: e.id, data: JSON.stringify(e) }),
          progress: (p) => stream.writeSSE({ event: 'progress', data: JSON.stringify(p) }),
          keepAlive: () => stream.write(': keep-alive\n\n').then(() => undefined),
        },
      });
      if (terminal)
        await stream.writeSSE({
          event: 'end',
          data: JSON.stringify({ status: terminal.type, lastEventId: terminal.id }),
        });
    } catch (err) {
      // Headers are gone: report in-band; the client reconnects from its Last-Event-ID.
      log.warn({ err }, 'event stream interrupted');
      await stream.writeSSE({
        event: 'error',
        data: JSON.stringify({
          code: 'temporal_unavailable',
          message: 'the event stream was interrupted; reconnect to resume',
        }),
      });
    }
  });
}
