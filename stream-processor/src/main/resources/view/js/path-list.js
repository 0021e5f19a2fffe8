// The list of paths in the sidebar: one page from the server (worst first, one line per
// agent -> target), "show more" for the next, redrawn only when what it shows has changed.

import { el, replaceChildren } from './dom.js';
import { codeLabel, severityClass, statusLabel } from './format.js';

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

function countText(page) {
  const total = page.totals ? page.totals.all : page.items.length;
  const matched = page.matched ?? page.items.length;
  const count = matched === total ? `${total} paths` : `${matched} of ${total} paths`;
  return page.items.length < matched ? `${count} · showing the first ${page.items.length}` : count;
}

/**
 * page: the server's answer; canShowMore: whether "show more" may grow the page (it has a limit).
 * Rebuilds the DOM only when the items or the selection changed, so focus and scrolling stay put.
 */
export function renderList(list, countLine, page, selectedId, onSelect, onMore, canShowMore) {
  countLine.textContent = countText(page);
  const signature = JSON.stringify([page.items, selectedId, Boolean(page.nextCursor && canShowMore)]);
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  if (page.items.length === 0) {
    const total = page.totals ? page.totals.all : 0;
    replaceChildren(list, el('li', { class: 'empty', text: total === 0 ? 'No diagnoses yet.' : 'No path matches the filters.' }));
    return;
  }
  replaceChildren(list, page.items.map((path) => item(path, path.pathId === selectedId, onSelect)),
    page.nextCursor ? el('li', { class: 'more' }, canShowMore
      ? el('button', { type: 'button', class: 'show-more', text: 'Show more', onclick: onMore })
      : el('span', { text: 'Narrow the filters to see more.' })) : null);
  // Keep the chosen path visible when it was chosen elsewhere (a bookmark, the hash).
  if (list.dataset.selected !== selectedId) {
    list.dataset.selected = selectedId || '';
    const selected = list.querySelector('.path-item.selected');
    if (selected) selected.scrollIntoView({ block: 'nearest' });
  }
}
