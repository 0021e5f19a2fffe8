// How values read on screen: severity names and colours, outcomes, durations, header sizes.

const SEVERITY_RANK = { CRITICAL: 3, WARNING: 2, INFO: 1, UNKNOWN: 0 };

/** CSS class of a severity (critical, warning, info, unknown). */
export function severityClass(severity) {
  return Object.hasOwn(SEVERITY_RANK, severity) ? severity.toLowerCase() : 'unknown';
}

export function severityRank(severity) {
  return SEVERITY_RANK[severity] ?? 0;
}

/** What an operator calls a status: INFO diagnoses are healthy paths. */
export function statusLabel(severity) {
  return { CRITICAL: 'CRITICAL', WARNING: 'WARNING', INFO: 'OK', UNKNOWN: 'UNKNOWN' }[severity] ?? 'UNKNOWN';
}

/** A finding code as words: PMTUD_FAILURE -> "pmtud failure". */
export function codeLabel(code) {
  return String(code).replaceAll('_', ' ').toLowerCase();
}

const OUTCOMES = {
  TIME_EXCEEDED: 'time exceeded',
  PACKET_TOO_BIG: 'packet too big',
  DESTINATION_REACHED: 'destination reached',
  NO_REPLY: 'no reply',
  ADMIN_FILTERED: 'admin filtered',
  OTHER: 'other ICMP',
};

export function outcomeLabel(outcome) {
  return OUTCOMES[outcome] ?? String(outcome ?? '').toLowerCase();
}

const PMTU_SOURCES = {
  PTB: 'from a packet-too-big',
  SIZE_SEARCH: 'largest size that passed',
  LOCAL_INTERFACE: 'local interface, nothing smaller seen',
  UNKNOWN: 'not determined',
};

export function pmtuSourceLabel(source) {
  return PMTU_SOURCES[source] ?? String(source ?? '');
}

/** Bytes of IP + TCP header that the MSS leaves out. */
export function headerBytes(ipVersion) {
  return ipVersion === 'IPV6' ? 60 : 40;
}

export function rtt(micros) {
  if (micros === null || micros === undefined) return '';
  return micros < 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${(micros / 1000).toFixed(1)} ms`;
}

export function ago(isoTime, now = Date.now()) {
  const then = Date.parse(isoTime);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function orDash(value) {
  return value === null || value === undefined ? '—' : String(value);
}
