// The path view: polls one page of the query API's path list (filtered and ordered by the server,
// so only what is on screen travels) and the selected path every few seconds, and keeps the list,
// the filters and the selected path in step with it and with the URL hash (#path=…).

import { fetchPath, fetchPaths } from './api.js';
import { bindFilters, readHash, writeHash } from './filters.js';
import { renderList } from './path-list.js';
import { renderDetail, renderDetailError } from './path-detail.js';
import { renderConnection, renderSummary } from './summary.js';

const POLL_MS = 3000;
const PAGE = 100;
const MAX_SHOWN = 1000; // the API's largest page; past that, filters are the way to find a path

const state = readHash();
const view = {
  list: document.getElementById('path-list'),
  count: document.getElementById('list-count'),
  detail: document.getElementById('detail'),
  summary: document.getElementById('summary'),
  connection: document.getElementById('connection'),
};
let page = { items: [], matched: 0, totals: { all: 0 }, facets: {}, nextCursor: null };
let shown = PAGE;
let lastDetailJson = '';
let lastOk = 0;
let timer = null;
let generation = 0; // answers to requests made before the last filter change are dropped

const filters = bindFilters(document.getElementById('filters'), state, () => {
  writeHash(state);
  shown = PAGE;
  poll();
});

function renderPaths() {
  filters.update(page.facets);
  renderSummary(view.summary, page.totals);
  renderList(view.list, view.count, page, state.path, select, showMore, shown < MAX_SHOWN);
}

function showMore() {
  shown = Math.min(MAX_SHOWN, shown + PAGE);
  poll();
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
  const mine = ++generation;
  try {
    const answer = await fetchPaths(state, shown);
    if (mine !== generation) return; // a newer request is under way
    page = answer;
    lastOk = Date.now();
    if (!state.path && page.items.length > 0) {
      // Nothing chosen yet: show the worst path, so the page is useful at first sight.
      state.path = page.items[0].pathId;
      writeHash(state);
    }
    renderPaths();
    await refreshDetail();
    renderConnection(view.connection, lastOk, null);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    if (mine === generation) renderConnection(view.connection, lastOk, error);
  } finally {
    if (mine === generation) timer = setTimeout(poll, POLL_MS);
  }
}

window.addEventListener('hashchange', () => {
  Object.assign(state, readHash());
  lastDetailJson = '';
  shown = PAGE;
  poll();
});

poll();
