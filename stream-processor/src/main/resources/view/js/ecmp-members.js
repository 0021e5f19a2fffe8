// The path's equal-cost members side by side (narrowest first, as the diagnosis orders them): each
// member's PMTU, the router in front of its narrowest link, the flows that took it and its hops by
// TTL. Only some flows take the narrow member, so the path looks fine to the others.

import { el } from './dom.js';

function member(m, widest) {
  const narrow = m.pmtu != null && widest != null && m.pmtu < widest;
  const flows = m.flows || [];
  return el('div', { class: `member${narrow ? ' narrow' : ''}`, 'data-flow': m.flow, 'data-pmtu': m.pmtu ?? '' },
    el('div', { class: 'member-head' },
      el('span', { class: 'member-pmtu', text: m.pmtu != null ? `PMTU ${m.pmtu}` : 'PMTU ?' }),
      narrow ? el('span', { class: 'badge warning', text: 'NARROW' }) : null),
    el('div', { class: 'member-meta', text: `flow ${m.flow}${m.sourcePort != null ? ` · source port ${m.sourcePort}` : ''}`
      + ` · ${flows.length} flow${flows.length === 1 ? '' : 's'} took it` }),
    el('div', { class: 'member-router', text: m.limitingRouter ? `limited at ${m.limitingRouter}` : 'no narrower link seen' }),
    el('ol', { class: 'member-hops' }, (m.hops || []).map((hop, i) => el('li', {
      class: hop ? (hop === m.limitingRouter ? 'limiting' : '') : 'silent', text: `TTL ${i + 1}  ${hop || '*'}`,
    }))));
}

/** The members panel, or null when the run saw a single member. */
export function renderMembers(d) {
  const members = d.ecmpMembers || [];
  if (members.length < 2) return null;
  const pmtus = members.map((m) => m.pmtu).filter((p) => p != null);
  const widest = pmtus.length ? Math.max(...pmtus) : null;
  const probed = members.reduce((sum, m) => sum + (m.flows || []).length, 0);
  return el('section', { class: 'panel ecmp' },
    el('h3', { text: `Equal-cost members (${members.length}, ${probed} flows probed)` }),
    el('div', { class: 'members' }, members.map((m) => member(m, widest))));
}
