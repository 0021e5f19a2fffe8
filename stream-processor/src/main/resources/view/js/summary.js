// The header: how many paths are in each state across the fleet, and whether the view is up to date.

import { el, replaceChildren } from './dom.js';
import { statusLabel } from './format.js';

/** totals: the server's count per status, {CRITICAL, WARNING, INFO, UNKNOWN, all}. */
export function renderSummary(container, totals = {}) {
  const pill = (cls, label, n) => el('span', { class: `pill ${cls}`, 'data-count': cls }, el('b', { text: n ?? 0 }), label);
  replaceChildren(container,
    pill('total', 'paths', totals.all),
    pill('critical', statusLabel('CRITICAL').toLowerCase(), totals.CRITICAL),
    pill('warning', statusLabel('WARNING').toLowerCase(), totals.WARNING),
    pill('info', statusLabel('INFO').toLowerCase(), totals.INFO));
}

export function renderConnection(container, lastOk, error) {
  container.classList.toggle('down', Boolean(error));
  if (error) {
    container.textContent = `query API unreachable (${error.message}); retrying…`;
  } else if (lastOk) {
    container.textContent = `live · updated ${new Date(lastOk).toLocaleTimeString()}`;
  }
}
