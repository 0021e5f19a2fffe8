// The list's filters (agent, target, finding, status, free text) and their place in the URL hash,
// so a filtered view, or one path, can be bookmarked and shared: #path=…&agent=…&finding=…

import { el, replaceChildren } from './dom.js';
import { statusLabel } from './format.js';

const KEYS = ['agent', 'target', 'finding', 'status', 'q'];

/** The view's state as the hash says it: {path, agent, target, finding, status, q}. */
export function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const state = { path: params.get('path') || '' };
  for (const key of KEYS) state[key] = params.get(key) || '';
  return state;
}

export function writeHash(state) {
  const params = new URLSearchParams();
  if (state.path) params.set('path', state.path);
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  const hash = '#' + params.toString();
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** True when a path summary passes every filter. */
export function matches(path, state) {
  if (state.agent && path.agent !== state.agent) return false;
  if (state.target && path.target !== state.target) return false;
  if (state.finding && !(path.findings || []).includes(state.finding)) return false;
  if (state.status && path.status !== state.status) return false;
  if (state.q) {
    const haystack = [path.agent, path.agentName, path.agentLocation, path.target, path.pathId, ...(path.findings || [])].join(' ').toLowerCase();
    if (!haystack.includes(state.q.toLowerCase())) return false;
  }
  return true;
}

/** Fills a select with "all" plus the given values, keeping the current choice even if it vanished. */
function fill(select, allLabel, values, current, label = (v) => v) {
  const options = [...new Set(values)].sort();
  if (current && !options.includes(current)) options.push(current);
  const signature = JSON.stringify([options, options.map(label), current]);
  if (select.dataset.signature === signature) return; // unchanged: keep the open dropdown alone
  select.dataset.signature = signature;
  replaceChildren(select, el('option', { value: '', text: allLabel }),
    options.map((v) => el('option', { value: v, text: label(v) })));
  select.value = current;
}

/** Binds the form's controls to the state; onChange gets the new state. */
export function bindFilters(form, state, onChange) {
  const controls = {
    agent: form.querySelector('#filter-agent'),
    target: form.querySelector('#filter-target'),
    finding: form.querySelector('#filter-finding'),
    status: form.querySelector('#filter-status'),
    q: form.querySelector('#filter-text'),
  };
  controls.q.value = state.q;
  for (const [key, control] of Object.entries(controls)) {
    control.addEventListener(key === 'q' ? 'input' : 'change', () => {
      state[key] = control.value;
      onChange(state);
    });
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    /** Offers the agents, targets and findings of the current paths. */
    update(paths) {
      const names = new Map(paths.map((p) => [p.agent, p.agentName ? `${p.agentName} (${p.agent})` : p.agent]));
      fill(controls.agent, 'All agents', paths.map((p) => p.agent), state.agent, (id) => names.get(id) || id);
      fill(controls.target, 'All targets', paths.map((p) => p.target), state.target);
      fill(controls.finding, 'All findings', paths.flatMap((p) => p.findings || []), state.finding);
      fill(controls.status, 'All statuses', ['CRITICAL', 'WARNING', 'INFO'], state.status, statusLabel);
    },
  };
}
