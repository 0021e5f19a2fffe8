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

/** Every path's latest summary. */
export const fetchPaths = () => getJson('/paths');

/** One path's latest diagnosis and open anomalies (the id is URL-encoded: it contains '|'). */
export const fetchPath = (pathId) => getJson('/paths/' + encodeURIComponent(pathId));
