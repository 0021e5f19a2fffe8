// The query API of the server that serves this page (same origin: no CORS, no configuration).

const TIMEOUT_MS = 5000;

async function getJson(path) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(path, { signal: controller.signal, headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.error || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One page of path summaries, filtered and ordered by the server (worst first): {items, matched,
 * totals, facets, nextCursor}. Only what is on screen travels, however large the fleet.
 */
export function fetchPaths(filters, limit) {
  const params = new URLSearchParams();
  for (const key of ['status', 'agent', 'target', 'finding', 'q']) {
    if (filters[key]) params.set(key, filters[key]);
  }
  params.set('limit', String(limit));
  return getJson('/paths?' + params.toString());
}

/** One path's latest diagnosis and open anomalies (the id is URL-encoded: it contains '|'). */
export const fetchPath = (pathId) => getJson('/paths/' + encodeURIComponent(pathId));
