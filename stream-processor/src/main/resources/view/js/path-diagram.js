// The path drawn hop by hop, top to bottom: the agent, every hop (TTL, address, RTT, answer), the
// target; between two nodes the link, labelled with the path MTU up to the next node. The link
// where the MTU drops is highlighted with "before → after" and its likely cause; a PMTUD black
// hole is marked on the link after the last router that still answered oversized probes.

import { el } from './dom.js';
import { outcomeLabel, rtt } from './format.js';

function node(kind, mark, main, side, extraClass = '') {
  return el('li', { class: `node ${kind} ${extraClass}`.trim() }, el('span', { class: 'mark', 'aria-hidden': 'true' }),
    el('div', {}, main), el('div', { class: 'side' }, side));
}

function agentNode(d) {
  const agent = d.agent || {};
  const also = [agent.name && agent.name !== agent.id ? agent.id : '', agent.location || ''].filter(Boolean).join(' · ');
  return node('agent', '', [
    el('span', { class: 'name', text: agent.name || agent.id }),
    also ? el('span', { class: 'aside', text: also }) : null,
  ], d.localMtu ? `interface MTU ${d.localMtu}` : '');
}

function hopNode(hop) {
  const silent = !hop.address;
  return node('hop', '', [
    el('span', { class: 'ttl', text: `TTL ${hop.ttl}` }),
    el('span', { class: 'addr', text: silent ? '* (no answer)' : hop.address }),
  ], [outcomeLabel(hop.outcome), hop.rttMicros != null ? ' · ' + rtt(hop.rttMicros) : ''].join(''),
  silent ? 'silent' : '');
}

function targetNode(d, reached) {
  const t = d.target || {};
  const port = t.port ? `:${t.port}` : '';
  const transport = String(t.transport || '').toLowerCase();
  const named = t.host && t.host !== t.address;
  return node('target', '', [
    el('span', { class: 'name', text: named ? t.host : `${t.address}${port}` }),
    el('span', { class: 'aside', text: named ? `${t.address}${port} ${transport}` : transport }),
  ], reached ? 'target' : 'target not reached', reached ? '' : 'unreached');
}

/** A plain link, or one carrying a callout (MTU drop or black hole). */
function link(mtu, reduced, callout) {
  const wire = el('span', { class: 'wire', 'aria-hidden': 'true' });
  if (reduced && !callout) wire.classList.add('reduced');
  return el('li', { class: 'link' + (callout ? ' drop' : ''), 'data-mtu': mtu ?? '' }, wire,
    callout || el('span', { class: 'mtu', text: mtu ? `MTU ${mtu}` : 'MTU ?' }));
}

function dropCallout(drop) {
  return el('div', { class: 'callout mtu-drop', 'data-from': drop.fromMtu, 'data-to': drop.toMtu },
    el('span', { class: 'values', text: `${drop.fromMtu ?? '?'} → ${drop.toMtu}`,
      title: drop.fromMtu == null ? 'the MTU before the drop is unknown' : undefined }),
    el('span', { class: 'cause', text: drop.likelyCause || 'cause unknown' }),
    el('span', { class: 'where', text: `MTU drop reported by ${drop.router}${drop.routerTtl ? ` (TTL ${drop.routerTtl})` : ''}`
      + (drop.nextHop ? ` on the link to ${drop.nextHop}` : '') }));
}

function blackHoleCallout(hole) {
  const sizes = hole.largestOk && hole.smallestLost
    ? `${hole.largestOk} passes, ${hole.smallestLost} vanishes` : 'large packets vanish';
  return el('div', { class: 'callout black-hole', 'data-largest-ok': hole.largestOk ?? '' },
    el('span', { class: 'values', text: hole.largestOk ? `≤ ${hole.largestOk}` : 'black hole' }),
    el('span', { class: 'cause', text: `PMTUD black hole: ${sizes}, no ICMP "fragmentation needed" comes back` }),
    el('span', { class: 'where', text: hole.router ? `after ${hole.router}${hole.lastRespondingTtl ? ` (TTL ${hole.lastRespondingTtl})` : ''}` : '' }));
}

/** The drop on the link into hops[i], matched by the reporting router's TTL or addresses. */
function dropInto(drops, previous, hop) {
  return drops.find((drop) => (previous && drop.routerTtl != null && drop.routerTtl === previous.ttl)
    || (previous && drop.router === previous.address && (!drop.nextHop || drop.nextHop === hop.address)));
}

export function renderRoute(d) {
  const hops = [...(d.hops || [])].sort((a, b) => a.ttl - b.ttl);
  const drops = d.mtuDrops || [];
  const hole = d.blackHole && d.blackHole.detected ? d.blackHole : null;
  const localMtu = d.localMtu;
  const reachedHop = hops.length && hops[hops.length - 1].outcome === 'DESTINATION_REACHED' ? hops[hops.length - 1] : null;
  const drawnDrops = new Set();
  let holeDrawn = false;

  const route = el('ol', { class: 'route' }, agentNode(d));
  let previous = null;
  for (const hop of hops) {
    const drop = dropInto(drops, previous, hop);
    const holeHere = hole && !holeDrawn && previous && hole.firstSilentTtl != null
      && hop.ttl >= hole.firstSilentTtl && previous.ttl <= (hole.lastRespondingTtl ?? previous.ttl);
    let callout = null;
    if (holeHere) {
      callout = blackHoleCallout(hole);
      holeDrawn = true;
    } else if (drop) {
      callout = dropCallout(drop);
      drawnDrops.add(drop);
    }
    route.append(link(hop.pathMtu, localMtu && hop.pathMtu && hop.pathMtu < localMtu, callout));
    route.append(hop === reachedHop ? targetNode(d, true) : hopNode(hop));
    previous = hop;
  }
  if (!reachedHop) {
    route.append(link(null, false, hole && !holeDrawn ? blackHoleCallout(hole) : null));
    holeDrawn = true;
    route.append(targetNode(d, false));
  }
  // Drops whose routers are not on the drawn hop list (e.g. passive PTBs) still get their callout.
  const unplaced = drops.filter((drop) => !drawnDrops.has(drop));
  return el('div', {}, route, unplaced.length
    ? el('ul', { class: 'route' }, unplaced.map((drop) => link(drop.toMtu, true, dropCallout(drop)))) : null);
}
