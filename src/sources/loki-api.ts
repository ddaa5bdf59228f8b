// What Loki's HTTP API expects from us, shared by the tail (loki.ts) and the window read (loki-range.ts):
// the endpoint URL built from the base URL the user gave, and times in nanoseconds.

export type LokiEndpoint = 'tail' | 'query_range';

/** Loki's own query parameters: --query, --since/--until and --tail say these, not the base URL */
const LOKI_PARAMS = ['query', 'start', 'end', 'since', 'limit', 'direction', 'step', 'interval', 'delay_for'];

/**
 * The URL of a Loki endpoint for a base URL as given to --loki: http(s) or ws(s), with or without a path prefix
 * (a proxy's `/loki-proxy/`), or already one endpoint's URL (`.../loki/api/v1/query_range` copied from Grafana),
 * which stands for the base before it. The tail is a WebSocket (ws/wss), query_range plain HTTP (http/https).
 * The base's own query parameters (a proxy's, a gateway's) go with both; Loki's parameters in it (a pasted URL's
 * query, start, limit...) are dropped, as are user and password (they go as a header).
 */
export function lokiEndpointUrl(base: string, endpoint: LokiEndpoint): URL {
  const u = new URL(base);
  const secure = u.protocol === 'https:' || u.protocol === 'wss:';
  if (!secure && u.protocol !== 'http:' && u.protocol !== 'ws:') throw new Error(`--loki: expected an http(s) URL, got ${u.protocol}`);
  if (endpoint === 'tail') u.protocol = secure ? 'wss:' : 'ws:';
  else u.protocol = secure ? 'https:' : 'http:';
  u.pathname = u.pathname.replace(/\/loki\/api\/v1\/(?:tail|query_range)$/, '').replace(/\/+$/, '') + `/loki/api/v1/${endpoint}`;
  u.username = '';
  u.password = '';
  for (const p of LOKI_PARAMS) u.searchParams.delete(p);
  return u;
}

/** Epoch milliseconds (a Date.now(), a --since) as the nanoseconds Loki reads. */
export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms)) * 1_000_000n;
}
