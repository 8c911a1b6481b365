/**
 * A minimal server-sent events reader over a fetch body (Node 20 has no EventSource):
 * fields per the WHATWG SSE parsing rules — `event`, `data` (multi-line joined), `id`,
 * comments ignored, a blank line dispatches. Reconnecting is the caller's choice, with
 * the last `id` seen.
 */
export interface SseMessage {
  event: string;
  data: string;
  /** The `id:` of this message, if it carried one. */
  id: string | null;
}

export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let message = { event: '', data: [] as string[], id: null as string | null };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (message.data.length)
            yield { event: message.event || 'message', data: message.data.join('\n'), id: message.id };
          message = { event: '', data: [], id: null };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') message.event = value;
        else if (field === 'data') message.data.push(value);
        else if (field === 'id') message.id = value;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
