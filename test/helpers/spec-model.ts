// An independent model of the spec (/work/shared/spec/log-formats.md): random requests, rendered as log lines in
// the formats of §2 (a row of one request in any of them), and the label the table of §3 gives each, computed
// from the model, never from ssrtail's code. For the property tests in test/correlate/spec-*.test.ts.

/** A seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export function shuffle<T>(r: Rand, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** How an upstream call ended: answered with a status, nothing logged, or failed with an error code. */
export type Outcome = { status: number; ms: number } | { none: true } | { code: string };
export interface Call {
  url: string;
  outcome: Outcome;
}
export interface Access {
  status: number;
  hardError?: string;
  shape: 'old' | 'new';
}
export interface SpecRequest {
  id: string;
  t0: number;
  url: string;
  summary: boolean;
  request: boolean;
  calls: Call[];
  /** the Response details row, with its status */
  response?: number;
  logs: number;
  access?: Access;
}

/** The formats of §2 a server-log row can be written in. */
export const ROW_FORMATS = ['server', 'rtld', 'text', 'text-bracket', 'generic', 'fastify', 'pino-http'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];
/** §2c: the request-ID fields of generic JSON. */
export const GENERIC_ID_KEYS = ['requestId', 'request_id', 'requestID', 'x-request-id', 'reqId', 'req.id', 'rid', 'uuid'] as const;

export const SNI = 'HARD_ERR_502_SSL_CONNECT_ERROR';
const CODES = ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ECONNRESET'];
const UP_STATUS = [200, 200, 200, 201, 304, 400, 403, 404, 500, 503];
const RESP_STATUS = [200, 200, 200, 301, 304, 404, 410, 500, 503, 502, 539, 539, 531];

function uuid(r: Rand): string {
  const h = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

/** A random request: any mix of rows the spec allows, each at least one line. */
export function randomRequest(r: Rand, t0: number, id = uuid(r)): SpecRequest {
  const server = r() < 0.85;
  const q: SpecRequest = { id, t0, url: `https://shop.example.com/p/${int(r, 1, 9999)}`, summary: false, request: false, calls: [], logs: 0 };
  if (server) {
    q.summary = r() < 0.3;
    q.request = r() < 0.8;
    for (let i = int(r, 0, 3); i > 0; i--) {
      const x = r();
      const outcome: Outcome = x < 0.6 ? { status: pick(r, UP_STATUS), ms: int(r, 2, 900) } : x < 0.8 ? { none: true } : { code: pick(r, CODES) };
      q.calls.push({ url: `https://api.example.net/v1/${pick(r, ['pages', 'cart', 'cms'])}/${int(r, 1, 99)}`, outcome });
    }
    if (r() < 0.6) q.response = pick(r, RESP_STATUS);
    q.logs = int(r, 0, 2);
    if (!q.summary && !q.request && q.calls.length === 0 && q.response === undefined && q.logs === 0) q.request = true;
  }
  if (!server || r() < 0.4) {
    // an access record agrees with the response row when there is one (which wins is not the spec's to say)
    const status = q.response ?? pick(r, [539, 539, 531, 502, 200, 404, 500]);
    q.access = { status, shape: r() < 0.5 ? 'old' : 'new' };
    if (status === 502 && q.access.shape === 'new' && r() < 0.7) q.access.hardError = SNI;
  }
  return q;
}

const hasServerLines = (q: SpecRequest): boolean => q.summary || q.request || q.calls.length > 0 || q.response !== undefined || q.logs > 0;

/** The label of spec §3's table, first matching rule. `pending`: live input, still inside the grace period. */
export function specLabel(q: SpecRequest, pending = false): string {
  const status = q.response ?? q.access?.status;
  if (status === 502 && q.access?.hardError === SNI) return 'sni-error';
  if (status === 531) return 'upstream-connection-error';
  if (q.response === undefined && pending) return 'pending';
  if (q.response === undefined || status === 539) {
    if (q.calls.some((c) => !('status' in c.outcome))) return 'allowlist-suspect';
    if (q.calls.some((c) => 'status' in c.outcome && c.outcome.status >= 400)) return 'backend-error';
    if (hasServerLines(q)) return 'ssr-code-error';
  }
  if (status === 539 && !hasServerLines(q)) return 'timeout';
  if (status === 404) return 'not-found';
  if (status !== undefined && status >= 400) return 'error';
  return 'ok';
}

/** One log line of a request (a text row with its indented header lines: several), with the time it is stamped with. */
export interface Line {
  id: string;
  t: number;
  text: string;
  /** an access record (not a server-log line) */
  access?: boolean;
}

const iso = (t: number) => new Date(t).toISOString();
const REASON: Record<number, string> = { 200: 'OK', 201: 'Created', 301: 'Moved Permanently', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 531: 'Origin Unreachable', 539: 'Timeout' };
const hostPath = (url: string) => {
  const u = new URL(url);
  return { host: u.host, path: u.pathname + u.search, protocol: u.protocol };
};

export interface RenderOptions {
  /** the format of each row; default: one per row at random */
  format?: RowFormat;
  /** generic JSON's request-ID field; default: one per line at random */
  idKey?: (typeof GENERIC_ID_KEYS)[number];
  /** text rows stamped with a time of day (`HH:MM:SS.mmm`, UTC) instead of ISO 8601 */
  timeOfDay?: boolean;
}

/** The request's lines, each row in one of the formats of §2 (mixed freely within a request). */
export function render(r: Rand, q: SpecRequest, o: RenderOptions = {}): Line[] {
  const out: Line[] = [];
  const id = q.id;
  const fmt = (): RowFormat => o.format ?? pick(r, ROW_FORMATS);
  /** a row Fastify and pino-http do not write (summary, upstream calls): one of the others */
  const platformFmt = (): RowFormat => {
    const f = fmt();
    return f === 'fastify' || f === 'pino-http' ? pick(r, ['server', 'text', 'generic'] as const) : f;
  };
  const tt = (t: number) => (o.timeOfDay ? iso(t).slice(11, 23) : iso(t));
  const textId = (f: RowFormat) => (f === 'text-bracket' ? `[${id}]` : id);
  const generic = (t: number, fields: Record<string, unknown>) => {
    const key = o.idKey ?? pick(r, GENERIC_ID_KEYS);
    const idf = key === 'req.id' ? { req: { id } } : { [key]: id };
    return JSON.stringify({ time: t, ...idf, ...fields });
  };
  const server = (t: number, level: number, data?: Record<string, unknown>, msg?: string) =>
    JSON.stringify({ level, time: t, wi: 'w-1', awsTag: 'userLogs', clientIp: '203.0.113.7', requestId: id, ...(data ? { data } : { msg }) });
  const rtld = (t: number, level: number, data?: Record<string, unknown>, msg?: string) =>
    JSON.stringify({ request_id: id, level, timestamp: t / 1000, message: msg ?? '', source: data ? 'DRI' : 'APPLICATION', ...(data ? { dri_data: data } : {}) });
  const push = (t: number, text: string) => out.push({ id, t, text });
  // Fastify's and pino-http's own lines (§2c: `reqId`, `req.id`), with the process pino stamps on every line
  const pino = (t: number, f: RowFormat, fields: Record<string, unknown>) =>
    JSON.stringify({ level: 30, time: t, pid: 4242, hostname: 'web-1', ...(f === 'fastify' ? { reqId: id } : {}), ...fields });
  const reqObj = (f: RowFormat) => ({ ...(f === 'pino-http' ? { id } : {}), method: 'GET', url: path, host, remoteAddress: '127.0.0.1' });
  const { host, path } = hostPath(q.url);
  let t = q.t0;
  if (q.summary) {
    const f = platformFmt();
    if (f === 'generic') push(t, generic(t, { event: 'summary', method: 'GET', url: q.url }));
    else if (f === 'text-bracket' || f === 'text') push(t, `${tt(t)} ${textId(f)} GET ${q.url}`);
    else push(t, `${tt(t)} ${id} GET ${q.url}`); // the platform's JSON has no summary row: the text one
  }
  if (q.request) {
    const f = fmt();
    if (f === 'server') push(t, server(t, 100, { method: 'GET', path, host, protocol: 'https:', headers: { accept: '*/*' } }));
    else if (f === 'rtld') push(t, rtld(t, 100, { method: 'GET', path, host, protocol: 'https:', headers: { accept: '*/*' } }));
    else if (f === 'generic') push(t, generic(t, { event: 'request', method: 'GET', url: q.url }));
    else if (f === 'fastify' || f === 'pino-http') push(t, pino(t, f, { req: reqObj(f), msg: 'incoming request' }));
    // a text row's headers are indented lines under it (a block: they arrive with it)
    else push(t, `${tt(t)} ${textId(f)} Request details: GET ${q.url}\n    Request Headers\n    accept: */*\n    user-agent: Mozilla/5.0`);
  }
  q.calls.forEach((c, i) => {
    t += int(r, 1, 400);
    const f = platformFmt();
    const u = hostPath(c.url);
    const data = { id: i, method: 'GET', protocol: u.protocol, host: u.host, port: 443, path: u.path, headers: { accept: 'application/json' } };
    const oc = c.outcome;
    if (f === 'server' || f === 'rtld') {
      const row = f === 'server' ? server : rtld;
      push(t, row(t, 102, data));
      if ('status' in oc) push(t + oc.ms, row(t + oc.ms, 103, { ...data, statusCode: oc.status, statusMessage: REASON[oc.status], headers: {}, duration: oc.ms }));
      else if ('code' in oc) push(t + 30, row(t + 30, 103, { ...data, code: oc.code, error: `connect ${oc.code} ${u.host}` }));
    } else if (f === 'generic') {
      // §2c lists no field for an error code: ssrtail reads `code` (as the platform's 103 names it)
      const answer = 'status' in oc ? { status: oc.status, statusText: REASON[oc.status], durationMs: oc.ms } : 'code' in oc ? { code: oc.code } : {};
      push(t, generic(t, { event: 'upstream', method: 'GET', url: c.url, ...answer }));
    } else {
      const tail = 'status' in oc ? ` ${oc.status} ${REASON[oc.status]} in ${oc.ms}ms` : 'code' in oc ? ` ${oc.code}: connect ${oc.code} ${u.host}` : '';
      push(t, `${tt(t)} ${textId(f)} Upstream Request: GET ${c.url}${tail}` + (r() < 0.5 ? '\n    accept: application/json' : ''));
    }
  });
  for (let i = 0; i < q.logs; i++) {
    t += int(r, 1, 300);
    const f = fmt();
    const msg = `rendering step ${i}`;
    if (f === 'server') push(t, server(t, 30, undefined, msg));
    else if (f === 'rtld') push(t, rtld(t, 30, undefined, msg));
    else if (f === 'generic') push(t, generic(t, { event: 'log', level: 'info', msg }));
    else if (f === 'fastify') push(t, pino(t, f, { msg }));
    else if (f === 'pino-http') push(t, pino(t, f, { req: reqObj(f), msg })); // pino-http's req.log
    else push(t, `${tt(t)} ${textId(f)} INFO: ${msg}`);
  }
  // the response row is stamped at the request's time (the console's tree), or later: rows are not in time order
  const end = q.t0 + (q.response === 539 || (q.response === undefined && q.access?.status === 539) ? 20_000 : int(r, 20, 3000));
  if (q.response !== undefined) {
    const st = q.response;
    const f = fmt();
    const rt = r() < 0.5 ? q.t0 : end;
    if (f === 'server') push(rt, server(rt, 101, { statusCode: st, statusMessage: REASON[st], headers: {} }));
    else if (f === 'rtld') push(rt, rtld(rt, 101, { statusCode: st, statusMessage: REASON[st], headers: {} }));
    else if (f === 'generic') push(rt, generic(rt, { event: 'response', method: 'GET', url: q.url, status: st, statusText: REASON[st] }));
    else if (f === 'fastify') push(end, pino(end, f, { res: { statusCode: st }, responseTime: end - q.t0 + 0.5, msg: 'request completed' }));
    else if (f === 'pino-http') push(end, pino(end, f, { req: reqObj(f), res: { statusCode: st }, responseTime: end - q.t0, msg: 'request completed' }));
    else push(rt, `${tt(rt)} ${textId(f)} Response details: GET ${q.url} ${st} ${REASON[st]}`);
  }
  if (q.access) {
    const a = q.access;
    const ms = Math.max(1, end - q.t0);
    const rec =
      a.shape === 'old'
        ? { timestamp: end / 1000, rid: id, code: String(a.status), met: 'GET', hh: host, url: path, rfr: '', xmt: `eh=${ms},ect=3,ecc=miss,ec=${ms - 1}`, xms: `eh=${a.status}` }
        : { timestamp: end / 1000, uuid: id, status_code: a.status, method: 'GET', host, path, referer: '', proxy_hard_error: a.hardError ?? '' };
    out.push({ id, t: end, text: JSON.stringify(rec), access: true });
  }
  return out;
}

/**
 * Lines of many requests as they arrive: each in time order, late by up to `maxDelay` ms (spec §1: up to 15 s),
 * so requests interleave and one request's rows fall far apart.
 */
export function arrive(r: Rand, lines: Line[], maxDelay = 15_000): Line[] {
  return lines
    .map((l) => ({ l, at: l.t + (r() < 0.7 ? 0 : int(r, 0, maxDelay)) }))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.l);
}

/** The lines of a file, a text row's header lines under it. */
export const fileLines = (lines: readonly Line[]): string[] => lines.flatMap((l) => l.text.split('\n'));
