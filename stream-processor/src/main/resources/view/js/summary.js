// The header: how many paths are in each state, and whether the view is up to date.

import { el, replaceChildren } from './dom.js';
import { statusLabel } from './format.js';

export function renderSummary(container, paths) {
  const count = (status) => paths.filter((p) => p.status === status).length;
  const pill = (cls, label, n) => el('span', { class: `pill ${cls}`, 'data-count': cls }, el('b', { text: n }), label);
  replaceChildren(container,
    pill('total', 'paths', paths.length),
    pill('critical', statusLabel('CRITICAL').toLowerCase(), count('CRITICAL')),
    pill('warning', statusLabel('WARNING').toLowerCase(), count('WARNING')),
    pill('info', statusLabel('INFO').toLowerCase(), count('INFO')));
}

export function renderConnection(container, lastOk, error) {
  container.classList.toggle('down', Boolean(error));
  if (error) {
    container.textContent = `query API unreachable (${error.message}); retrying…`;
  } else if (lastOk) {
    container.textContent = `live · updated ${new Date(lastOk).toLocaleTimeString()}`;
  }
}
