// The return direction (target to agent): what the return-path test (or passive capture) saw. The
// largest segment that arrived against the target's MSS, whether full-size segments stalled, and
// what the sender did after a packet-too-big.

import { el } from './dom.js';
import { card } from './cards.js';
import { headerBytes } from './format.js';

const SEEN_BY = {
  PCAP: 'our capture, with a packet-too-big test',
  SOCKET_BYTES: 'socket bytes only (no capture)',
  CAPTURE: 'passive capture of live traffic',
};

function ptbNote(rp) {
  if (rp.ptbMtu == null) return 'none sent';
  if (rp.shrankAfterPtb === true) return `sender shrank to ≤ ${rp.largestAfterPtb ?? '?'}`;
  if (rp.shrankAfterPtb === false) {
    return rp.method === 'CAPTURE' ? `ignored: resent ${rp.oversizedAfterPtb} × up to ${rp.largestAfterPtb ?? '?'}`
      : 'ignored: nothing that fits came';
  }
  return '';
}

/** The return-path panel, or null when the run did not look at the way back. */
export function renderReturnPath(d) {
  const rp = d.returnPath;
  if (!rp) return null;
  const header = headerBytes(d.target && d.target.ipVersion);
  const stalled = rp.outcome === 'STALLED';
  const full = rp.targetMss != null && rp.largestSegment != null && rp.largestSegment >= rp.targetMss;
  const capture = rp.method === 'CAPTURE';
  return el('section', { class: 'panel return-path', 'data-outcome': rp.outcome },
    el('h3', { text: 'Return direction (target → agent)' }),
    el('div', { class: 'cards' },
      card('Answer', stalled ? 'STALLED' : rp.outcome, stalled ? 'full-size segments went missing'
        : `${rp.bytesReceived} bytes in order`, stalled ? 'bad' : ''),
      card('Largest segment arrived', rp.largestSegment, rp.largestPacket != null ? `${rp.largestPacket}-byte packet`
        : (rp.method === 'SOCKET_BYTES' ? 'not measurable without capture' : ''), stalled && !full ? 'warn' : ''),
      card('Target MSS', rp.targetMss, rp.targetMss != null ? `${rp.targetMss + header}-byte packets` : ''),
      card('Packet-too-big', rp.ptbMtu, ptbNote(rp), rp.shrankAfterPtb === false ? 'bad' : ''),
      capture ? card('Ignoring sender', rp.sender, rp.ptbRouter ? `told by ${rp.ptbRouter}` : '', 'bad')
        : card('MSS we advertised', rp.mssAdvertised, rp.request ? String(rp.request).replace('_', ' ').toLowerCase() : '')),
    el('p', { class: 'meta return-meta', text: `Seen by ${SEEN_BY[rp.method] || String(rp.method).toLowerCase()}`
      + (capture ? '' : ` · ${rp.segmentsReceived} segments · ${rp.outOfOrderSegments} beyond a hole`
        + ` · ${(rp.durationMicros / 1000).toFixed(0)} ms`) + (rp.error ? ` · ${rp.error}` : '') }));
}
