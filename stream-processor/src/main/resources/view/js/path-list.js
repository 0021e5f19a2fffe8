// The list of paths in the sidebar: worst first, one line per agent -> target.

import { el, replaceChildren } from './dom.js';
import { codeLabel, severityClass, severityRank, statusLabel } from './format.js';

/** Worst status first, then by agent and target, so what needs attention is on top. */
export function sortPaths(paths) {
  return [...paths].sort((a, b) => severityRank(b.status) - severityRank(a.status)
    || String(a.agent).localeCompare(String(b.agent))
    || String(a.target).localeCompare(String(b.target)));
}

function item(path, selected, onSelect) {
  const status = severityClass(path.status);
  const codes = (path.findings || []).filter((code) => code !== 'OK');
  return el('li', {
    class: 'path-item' + (selected ? ' selected' : ''),
    'data-path-id': path.pathId,
    'data-status': path.status,
    tabindex: 0,
    'aria-selected': selected ? 'true' : 'false',
    onclick: () => onSelect(path.pathId),
    onkeydown: (event) => { if (event.key === 'Enter') onSelect(path.pathId); },
  },
  el('span', { class: `bar ${status}`, title: statusLabel(path.status) }),
  el('div', { class: 'who' },
    el('div', { class: 'agent', text: path.agentName || path.agent },
      path.agentName ? el('small', { class: 'agent-id', text: path.agent }) : null),
    el('div', { class: 'target', text: '→ ' + path.target }),
    el('div', { class: 'codes' },
      codes.length === 0 ? el('span', { class: 'chip info', text: 'healthy' }) : null,
      codes.map((code) => el('span', { class: `chip ${status}`, 'data-code': code, text: codeLabel(code) })))),
  el('div', { class: 'pmtu' }, path.pmtu === null ? '—' : String(path.pmtu),
    el('small', { text: path.complete ? 'PMTU' : 'PMTU · partial' })));
}

export function renderList(list, countLine, paths, total, selectedId, onSelect) {
  countLine.textContent = paths.length === total ? `${total} paths` : `${paths.length} of ${total} paths`;
  if (paths.length === 0) {
    replaceChildren(list, el('li', { class: 'empty', text: total === 0 ? 'No diagnoses yet.' : 'No path matches the filters.' }));
    return;
  }
  replaceChildren(list, paths.map((path) => item(path, path.pathId === selectedId, onSelect)));
  // Keep the chosen path visible when it was chosen elsewhere (a bookmark, the hash).
  if (list.dataset.selected !== selectedId) {
    list.dataset.selected = selectedId || '';
    const selected = list.querySelector('.path-item.selected');
    if (selected) selected.scrollIntoView({ block: 'nearest' });
  }
}
