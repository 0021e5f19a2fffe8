// One path in full: status, PMTU and MSS figures, the route, its ECMP members side by side, the
// return direction, the findings with their fixes, and the path's open anomaly windows.

import { el, replaceChildren } from './dom.js';
import { card } from './cards.js';
import { renderMembers } from './ecmp-members.js';
import { renderRoute } from './path-diagram.js';
import { renderReturnPath } from './return-path.js';
import {
  ago, codeLabel, headerBytes, pmtuSourceLabel, severityClass, severityRank, statusLabel,
} from './format.js';

function figures(d) {
  const mss = d.mss || {};
  const header = headerBytes(d.target && d.target.ipVersion);
  const fits = (value) => value == null || d.pmtu == null || value + header <= d.pmtu;
  const tone = (value) => (fits(value) ? '' : 'bad');
  const note = (value) => (value == null || d.pmtu == null ? ''
    : `${value} + ${header} = ${value + header} ${fits(value) ? '≤' : '>'} PMTU ${d.pmtu}`);
  return el('div', { class: 'cards' },
    card('Path MTU', d.pmtu, pmtuSourceLabel(d.pmtuSource), d.status === 'CRITICAL' ? 'bad' : ''),
    card('Local MTU', d.localMtu, 'agent interface'),
    card('MSS sent', mss.sent, note(mss.sent) || 'in our SYN', tone(mss.sent)),
    card('MSS received', mss.received, note(mss.received) || 'in the SYN-ACK', tone(mss.received)),
    card('Effective MSS', mss.effective, mss.method ? `min of both · ${String(mss.method).toLowerCase()}` : 'min of both',
      tone(mss.effective)));
}

function finding(f) {
  const cls = severityClass(f.severity);
  return el('article', { class: `finding ${cls}`, 'data-code': f.code, 'data-severity': f.severity },
    el('div', { class: 'head' }, el('span', { class: `badge ${cls}`, text: f.severity }),
      el('span', { class: 'code', text: f.code }),
      f.hop ? el('span', { class: 'hop', text: `at ${f.hop}` }) : null),
    el('p', { class: 'message', text: f.message }),
    f.fix ? el('p', { class: 'fix' }, el('b', { text: 'Fix' }), el('span', { class: 'fix-text', text: f.fix })) : null);
}

function anomalies(list) {
  if (!list || list.length === 0) return null;
  return el('section', { class: 'panel' }, el('h3', { text: 'Open anomalies' }),
    el('ul', { class: 'anomalies' }, list.map((a) => el('li', {
      text: `${codeLabel(a.kind)}${a.findingCode ? ' · ' + a.findingCode : ''} since ${a.start} (${ago(a.start)})`
        + (a.worstPmtu ? ` · worst PMTU ${a.worstPmtu}` : '') + (a.baselinePmtu ? ` · baseline ${a.baselinePmtu}` : ''),
    }))));
}

export function renderDetail(container, answer) {
  const d = answer.diagnosis;
  const t = d.target || {};
  const agent = d.agent || {};
  const findings = [...(d.findings || [])].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const status = severityClass(d.status);
  replaceChildren(container,
    el('div', { class: 'path-head', 'data-path-id': d.pathId },
      el('div', {},
        el('h2', {}, el('span', { class: 'agent-name', text: agent.name || agent.id }), ' → ',
          el('span', { class: 'target-host', text: t.host || t.address })),
        el('div', { class: 'meta' }, el('code', { text: d.pathId }),
          ` · ${String(t.ipVersion || '').replace('IPV', 'IPv')} ${String(t.transport || '').toLowerCase()}`
          + ` · diagnosed ${ago(d.diagnosedAt)} · ${d.probesSent} probes · ${String(d.origin || '').toLowerCase()}`
          + (d.statusSince && d.status !== 'INFO' ? ` · ${statusLabel(d.status).toLowerCase()} since ${d.statusSince} (${ago(d.statusSince)})` : '')
          + (d.invalidPtbCount ? ` · ${d.invalidPtbCount} invalid PTBs ignored` : ''))),
      el('span', { class: `badge ${status} status`, 'data-status': d.status, text: statusLabel(d.status) })),
    d.complete ? null : el('p', { class: 'incomplete', text: `Incomplete run: ${d.incompleteReason || 'not every observation arrived'}` }),
    figures(d),
    el('section', { class: 'panel' }, el('h3', { text: 'Path, hop by hop' }), renderRoute(d)),
    renderMembers(d),
    renderReturnPath(d),
    el('section', { class: 'panel' }, el('h3', { text: `Findings (${findings.length})` }),
      findings.length ? el('div', { class: 'findings' }, findings.map(finding))
        : el('p', { class: 'empty', text: 'Nothing to report: PMTU and MSS agree.' })),
    anomalies(answer.openAnomalies));
}

export function renderDetailError(container, pathId, error) {
  replaceChildren(container, el('p', { class: 'error', text: `Path ${pathId}: ${error.message}` }));
}
