// Atelier web console: submit by dropping an image, watch jobs live, steer them.
// Plain ES modules, no build step, no framework: the gateway serves these files as they are.
/* global document, window, FormData, setTimeout */
import { apiJson, apiKey } from './api.js';
import { showJob } from './job-detail.js';
import { renderJobs } from './jobs-table.js';

const $ = (id) => document.getElementById(id);
const jobs = new Map(); // id -> job, newest first by createdAt
const references = new Map(); // id -> object URL of the image dropped in this browser
let selectedId = null;
let file = null;

function message(text, isError = false) {
  $('submit-message').textContent = text;
  $('submit-message').className = `message${isError ? ' error' : ''}`;
}

function render() {
  const list = [...jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  $('jobs-empty').hidden = list.length > 0;
  renderJobs($('jobs').tBodies[0], list, selectedId, { onAction: act, onSelect: select });
  if (selectedId && jobs.has(selectedId))
    showJob(jobs.get(selectedId), references.get(selectedId), onProgress);
}

function select(job) {
  selectedId = job.id;
  render();
}

/** Progress from the selected job's stream: fresher than the list's polling. */
function onProgress(id, p) {
  const job = jobs.get(id);
  if (job && job.status !== 'succeeded') {
    jobs.set(id, { ...job, status: 'running', progress: p, eta: p.eta });
    render();
  }
}

async function act(job, action) {
  try {
    jobs.set(job.id, await apiJson(`/v1/trainings/${job.id}/${action}`, { method: 'POST' }));
    render();
  } catch (err) {
    message(`${action} failed: ${err.message}`, true);
  }
}

async function refresh() {
  try {
    const page = await apiJson('/v1/trainings?limit=20');
    for (const job of page.data) jobs.set(job.id, job);
    // The list comes from visibility, which may lag a moment behind a fresh submission.
    const missing = [...references.keys()].filter(
      (id) => !page.data.some((j) => j.id === id) && jobs.get(id)?.status !== 'succeeded',
    );
    for (const id of missing) jobs.set(id, await apiJson(`/v1/trainings/${id}`));
    render();
  } catch (err) {
    message(err.message, true);
  }
  setTimeout(refresh, 1000);
}

function choose(f) {
  if (!f || !f.type.startsWith('image/')) return message('That is not an image.', true);
  file = f;
  $('drop-preview').src = URL.createObjectURL(f);
  $('drop-preview').hidden = false;
  $('drop-text').hidden = true;
  $('submit-button').disabled = false;
  message(`${f.name} (${Math.round(f.size / 1024)} KiB)`);
}

async function submit(e) {
  e.preventDefault();
  const form = new FormData();
  form.set('image', file, file.name);
  form.set('styleName', $('style-name').value);
  form.set('baseModel', $('base-model').value);
  form.set('priority', $('priority').value);
  if ($('iterations').value)
    form.set('params', JSON.stringify({ iterations: Number($('iterations').value) }));
  $('submit-button').disabled = true;
  try {
    const job = await apiJson('/v1/trainings', { method: 'POST', body: form });
    jobs.set(job.id, job);
    references.set(job.id, $('drop-preview').src);
    selectedId = job.id;
    message(`Submitted ${job.id}.`);
    render();
  } catch (err) {
    message(err.message, true);
  } finally {
    $('submit-button').disabled = false;
  }
}

async function init() {
  $('api-key').value = apiKey.get();
  $('api-key').addEventListener('change', () => apiKey.set($('api-key').value.trim()));
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => (e.preventDefault(), zone.classList.add('over')));
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', () => choose($('file').files[0]));
  $('submit-form').addEventListener('submit', submit);
  try {
    const models = await apiJson('/v1/base-models');
    $('base-model').replaceChildren(
      ...models.data.map((m) =>
        Object.assign(document.createElement('option'), { value: m.name, textContent: m.name }),
      ),
    );
  } catch (err) {
    message(err.message, true);
  }
  void refresh();
}

window.addEventListener('DOMContentLoaded', () => void init());
