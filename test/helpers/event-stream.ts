/** Reads a job's SSE stream from a gateway in tests, stamping each message with its arrival time. */
import { readSse, type SseMessage } from '../../src/cli/client/sse-reader.ts';
import { type Gateway } from './gateway-harness.ts';

export interface TimedMessage extends SseMessage {
  receivedAt: number;
  json: Record<string, unknown>;
}

export interface OpenStream {
  response: Response;
  messages: AsyncGenerator<TimedMessage>;
  close(): void;
}

export async function openEventStream(
  gw: Gateway,
  jobId: string,
  opts: { lastEventId?: string; key?: string } = {},
): Promise<OpenStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const response = await gw.fetch(`/v1/trainings/${jobId}/events`, {
    headers,
    key: opts.key,
    signal: abort.signal,
  });
  async function* timed(): AsyncGenerator<TimedMessage> {
    if (!response.body) return;
    for await (const m of readSse(response.body))
      yield { ...m, receivedAt: Date.now(), json: JSON.parse(m.data) as Record<string, unknown> };
  }
  return { response, messages: timed(), close: () => abort.abort() };
}

/** Collects messages until `until` says stop (inclusive) or the stream ends. */
export async function collect(
  stream: OpenStream,
  until: (m: TimedMessage) => boolean = () => false,
): Promise<TimedMessage[]> {
  const out: TimedMessage[] = [];
  for await (const m of stream.messages) {
    out.push(m);
    if (until(m)) break;
  }
  return out;
}
