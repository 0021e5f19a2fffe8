// The path view: polls the query API every few seconds, keeps the list, the filters and the
// selected path in step with it, and with the URL hash (#path=…).

import { fetchPath, fetchPaths } from './api.js';
import { bindFilters, matches, readHash, writeHash } from './filters.js';
import { renderList, sortPaths } from './path-list.js';
import { renderDetail, renderDetailError } from './path-detail.js';
import { renderConnection, renderSummary } from './summary.js';

const POLL_MS = 3000;

const state = readHash();
const view = {
  list: document.getElementById('path-list'),
  count: document.getElementById('list-count'),
  detail: document.getElementById('detail'),
  summary: document.getElementById('summary'),
  connection: document.getElementById('connection'),
};
let paths = [];
let lastDetailJson = '';
let lastOk = 0;
let timer = null;

const filters = bindFilters(document.getElementById('filters'), state, () => {
  writeHash(state);
  renderPaths();
});

function visiblePaths() {
  return sortPaths(paths.filter((p) => matches(p, state)));
}

function renderPaths() {
  const visible = visiblePaths();
  filters.update(paths);
  renderSummary(view.summary, paths);
  renderList(view.list, view.count, visible, paths.length, state.path, select);
}

function select(pathId) {
  state.path = pathId;
  writeHash(state);
  lastDetailJson = '';
  renderPaths();
  refreshDetail();
}

async function refreshDetail() {
  if (!state.path) return;
  const pathId = state.path;
  try {
    const answer = await fetchPath(pathId);
    const json = JSON.stringify(answer);
    if (pathId === state.path && json !== lastDetailJson) { // unchanged: keep the DOM (and any selection) as is
      lastDetailJson = json;
      renderDetail(view.detail, answer);
    }
  } catch (error) {
    if (pathId === state.path) {
      lastDetailJson = '';
      renderDetailError(view.detail, pathId, error);
    }
  }
}

async function poll() {
  clearTimeout(timer);
  try {
    paths = await fetchPaths();
    lastOk = Date.now();
    if (!state.path || !paths.some((p) => p.pathId === state.path)) {
      // Nothing chosen yet: show the worst path, so the page is useful at first sight.
      const first = visiblePaths()[0];
      if (first && !state.path) {
        state.path = first.pathId;
        writeHash(state);
      }
    }
    renderPaths();
    await refreshDetail();
    renderConnection(view.connection, lastOk, null);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    renderConnection(view.connection, lastOk, error);
  } finally {
    timer = setTimeout(poll, POLL_MS);
  }
}

window.addEventListener('hashchange', () => {
  Object.assign(state, readHash());
  lastDetailJson = '';
  poll();
});

poll();
