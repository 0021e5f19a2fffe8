// The list's filters (agent, target, finding, status, free text) and their place in the URL hash,
// so a filtered view, or one path, can be bookmarked and shared: #path=…&agent=…&finding=…
// The server applies them; the choices offered come from its facets (the most common values).

import { el, replaceChildren } from './dom.js';
import { statusLabel } from './format.js';

const KEYS = ['agent', 'target', 'finding', 'status', 'q'];
const TYPING_PAUSE_MS = 250;

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

/** Fills a select with "all" plus the given {value, label} choices, keeping the current one even if it is not among them. */
function fill(select, allLabel, choices, current) {
  const options = [...choices];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  const signature = JSON.stringify([options, current]);
  if (select.dataset.signature === signature) return; // unchanged: keep the open dropdown alone
  select.dataset.signature = signature;
  replaceChildren(select, el('option', { value: '', text: allLabel }),
    options.map((o) => el('option', { value: o.value, text: o.label })));
  select.value = current;
}

const counted = (facet, label) => ({ value: facet.value, label: `${label} · ${facet.count}` });

/** Binds the form's controls to the state; onChange gets the new state (typing waits for a pause). */
export function bindFilters(form, state, onChange) {
  const controls = {
    agent: form.querySelector('#filter-agent'),
    target: form.querySelector('#filter-target'),
    finding: form.querySelector('#filter-finding'),
    status: form.querySelector('#filter-status'),
    q: form.querySelector('#filter-text'),
  };
  controls.q.value = state.q;
  let typing = null;
  for (const [key, control] of Object.entries(controls)) {
    control.addEventListener(key === 'q' ? 'input' : 'change', () => {
      state[key] = control.value;
      clearTimeout(typing);
      if (key === 'q') typing = setTimeout(() => onChange(state), TYPING_PAUSE_MS);
      else onChange(state);
    });
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    /** Offers the most common agents, targets and findings of the fleet (the page's facets). */
    update(facets = {}) {
      fill(controls.agent, 'All agents', (facets.agents || []).map((f) =>
        counted(f, f.label && f.label !== f.value ? `${f.label} (${f.value})` : f.value)), state.agent);
      fill(controls.target, 'All targets', (facets.targets || []).map((f) => counted(f, f.value)), state.target);
      fill(controls.finding, 'All findings', (facets.findings || []).map((f) => counted(f, f.value)), state.finding);
      fill(controls.status, 'All statuses', ['CRITICAL', 'WARNING', 'INFO'].map((s) => ({ value: s, label: statusLabel(s) })),
        state.status);
    },
  };
}
