// The console's access to the Atelier API: the optional API key (kept in this browser's
// localStorage) goes on every request, including the event stream — which is why the
// stream is read with fetch and not EventSource (EventSource cannot send headers).
/* global fetch, localStorage, Headers, TextDecoder, document, setTimeout */

const KEY = 'atelier.apiKey';

export const apiKey = {
  get: () => localStorage.getItem(KEY) || '',
  set: (value) => (value ? localStorage.setItem(KEY, value) : localStorage.removeItem(KEY)),
};

export async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  if (apiKey.get()) headers.set('authorization', `Bearer ${apiKey.get()}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok && res.status !== 204) {
    const problem = await res.json().catch(() => ({}));
    const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new Error(`${problem.detail || `HTTP ${res.status}`}${fields ? ` (${fields})` : ''}`);
  }
  return res;
}

export const apiJson = async (path, init) => (await api(path, init)).json();

/** Server-sent events over fetch: yields { event, data, id } until the stream ends or `signal` aborts. */
export async function* eventStream(path, signal, lastEventId) {
  const headers = { accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await api(path, { headers, signal });
  if (res.status === 204 || !res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let msg = { event: '', data: [], id: null };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (msg.data.length) yield { event: msg.event || 'message', data: msg.data.join('\n'), id: msg.id };
        msg = { event: '', data: [], id: null };
      } else if (!line.startsWith(':')) {
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'event') msg.event = val;
        else if (field === 'data') msg.data.push(val);
        else if (field === 'id') msg.id = val;
      }
    }
  }
}

/** Fetches a file with the API key and hands it to the browser as a download. */
export async function download(path, name) {
  const blob = await (await api(path)).blob();
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
