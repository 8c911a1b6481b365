/**
 * Follows a job's SSE stream to its end. A dropped connection (gateway restart, proxy)
 * is resumed with Last-Event-ID, so no event is shown twice or lost; the gateway needs
 * no memory of us. Gives up as "unreachable" after ~30 s without a connection.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiClient, dataOf, problemError } from './api-client.ts';
import { CliError, ExitCode } from './exit-codes.ts';
import { readSse } from './sse-reader.ts';
import type { JobEvent } from '../../events/job-event.ts';
import type { ProgressSample } from '../../jobs/api-job.ts';

export interface FollowHandlers {
  onEvent(e: JobEvent): void;
  onProgress(p: ProgressSample): void;
}

const RECONNECT_FOR_MS = 30_000;

/** Resolves with the terminal status: succeeded, failed or cancelled. */
export async function followJob(api: ApiClient, jobId: string, handlers: FollowHandlers): Promise<string> {
  let lastEventId: string | null = null;
  let lostSince: number | null = null;
  for (;;) {
    let res: Response;
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      res = await api.request(`/v1/trainings/${jobId}/events`, { headers });
    } catch (err) {
      lostSince ??= Date.now();
      if (!(err instanceof CliError) || Date.now() - lostSince > RECONNECT_FOR_MS) throw err;
      await sleep(1000);
      continue;
    }
    lostSince = null;
    if (res.status === 204)
      return dataOf(await api.typed.GET('/v1/trainings/{id}', { params: { path: { id: jobId } } })).status;
    if (!res.ok || !res.body) throw await problemError(res);
    try {
      for await (const m of readSse(res.body)) {
        if (m.event === 'event') {
          lastEventId = m.id ?? lastEventId;
          handlers.onEvent(JSON.parse(m.data) as JobEvent);
        } else if (m.event === 'progress') {
          handlers.onProgress(JSON.parse(m.data) as ProgressSample);
        } else if (m.event === 'end') {
          return (JSON.parse(m.data) as { status: string }).status;
        }
      }
    } catch {
      // The connection broke mid-stream: resume below from the last event id.
    }
    await sleep(500);
  }
}

export const exitCodeOfStatus = (status: string) =>
  status === 'succeeded' ? ExitCode.ok : status === 'cancelled' ? ExitCode.jobCancelled : ExitCode.jobFailed;
