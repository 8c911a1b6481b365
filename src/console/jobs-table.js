// The job list: one row per job with a live progress bar and the actions its state allows.
// Everything from the server goes in through textContent: style names are user input.
/* global document */

const ACTIONS = { queued: ['pause', 'cancel'], running: ['pause', 'cancel'], paused: ['resume', 'cancel'] };

function cell(tr, text, className) {
  const td = tr.insertCell();
  if (text !== undefined) td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function progressBar(progress) {
  const wrap = document.createElement('div');
  const bar = document.createElement('div');
  bar.className = 'bar';
  const fill = document.createElement('span');
  fill.style.width = `${progress ? progress.percent : 0}%`;
  bar.append(fill);
  const text = document.createElement('div');
  text.className = 'bar-text';
  text.textContent = progress
    ? `${progress.iteration}/${progress.total} · ${progress.percent}%${progress.loss == null ? '' : ` · loss ${Number(progress.loss).toPrecision(4)}`}`
    : '';
  wrap.append(bar, text);
  return wrap;
}

export function etaText(eta) {
  if (!eta) return '';
  const s = Math.max(0, Math.round((Date.parse(eta) - Date.now()) / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

export function badge(status) {
  const span = document.createElement('span');
  span.className = `badge ${status}`;
  span.textContent = status;
  return span;
}

/** Re-renders the table body; `onAction(job, action)` and `onSelect(job)` are the row's handlers. */
export function renderJobs(tbody, jobs, selectedId, { onAction, onSelect }) {
  tbody.replaceChildren();
  for (const job of jobs) {
    const tr = tbody.insertRow();
    tr.dataset.jobId = job.id;
    if (job.id === selectedId) tr.className = 'selected';
    tr.addEventListener('click', () => onSelect(job));
    cell(tr, job.id);
    cell(tr, `${job.styleName} · ${job.baseModel}`);
    cell(tr).append(badge(job.status));
    cell(tr).append(progressBar(job.progress));
    cell(tr, etaText(job.eta));
    const actions = cell(tr, undefined, 'actions');
    for (const action of ACTIONS[job.status] || []) {
      const button = document.createElement('button');
      button.textContent = action;
      button.dataset.action = action;
      button.addEventListener('click', (e) => {
        e.stopPropagation();
        onAction(job, action);
      });
      actions.append(button);
    }
  }
}
