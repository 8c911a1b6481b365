// The selected job: its event log, live from the SSE stream (resumed with the last event id
// if the connection drops), before/after images and artifact downloads.
/* global document, AbortController, setTimeout */
import { api, download, eventStream } from './api.js';
import { badge } from './jobs-table.js';

const $ = (id) => document.getElementById(id);
let current = null; // { id, abort, status }

function addEvent(e) {
  const li = document.createElement('li');
  li.textContent = `${e.at.slice(11, 19)}  ${e.message}`;
  li.dataset.type = e.type;
  $('events').append(li);
  $('events').scrollTop = $('events').scrollHeight;
}

async function follow(id, signal, onProgress) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      for await (const m of eventStream(`/v1/trainings/${id}/events`, signal, lastId)) {
        if (m.event === 'event') {
          lastId = m.id;
          addEvent(JSON.parse(m.data));
        } else if (m.event === 'progress') onProgress(id, JSON.parse(m.data));
        else if (m.event === 'end') return;
      }
      return; // 204: nothing more will come
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function showAfter(job) {
  if (job.status !== 'succeeded' || $('after').src || $('downloads').childElementCount) return;
  $('downloads').replaceChildren(
    ...job.artifacts.map((a) => {
      const b = document.createElement('button');
      b.textContent = `⬇ ${a.name}`;
      b.addEventListener('click', () => download(a.href, a.name));
      return b;
    }),
  );
  if (!job.artifacts.some((a) => a.name === 'preview.png')) {
    $('after-missing').textContent = 'This trainer publishes no preview.';
    return;
  }
  const blob = await (await api(`/v1/trainings/${job.id}/artifacts/preview.png`)).blob();
  $('after').src = URL.createObjectURL(blob);
  $('after').hidden = false;
  $('after-missing').hidden = true;
}

/** Shows `job` in the detail panel; `reference` is the dropped image's object URL, if this browser has it. */
export function showJob(job, reference, onProgress) {
  $('detail').hidden = false;
  $('detail-status').replaceWith(Object.assign(badge(job.status), { id: 'detail-status' }));
  if (current?.id !== job.id) {
    current?.abort.abort();
    current = { id: job.id, abort: new AbortController() };
    $('detail-id').textContent = job.id;
    $('events').replaceChildren();
    $('downloads').replaceChildren();
    $('after').removeAttribute('src');
    $('after').hidden = true;
    $('after-missing').hidden = false;
    $('after-missing').textContent = 'The preview appears when the job succeeds.';
    $('before').hidden = !reference;
    $('before-missing').hidden = !!reference;
    if (reference) $('before').src = reference;
    void follow(job.id, current.abort.signal, onProgress);
  }
  showAfter(job).catch(() => undefined);
}
