// One request per scenario: a format-free model of what happened (rows, upstream calls, app output,
// access record) whose intended label follows the spec's table (shared/spec/log-formats.md §3).
// The label comes from the scenario choice, never from running ssrtail: it is the golden tests' oracle.
import {
  ACCEPT_ENCODINGS, BACKENDS, CHATTER, CRASHES, FAILURES, FETCH_AGENTS, MISSING_PAGES, PAGES, REASONS, SITES, SLUGS,
  USER_AGENTS, WARNINGS,
} from './random.mjs';

export const GEN_LABELS = [
  'ok', 'not-found', 'error', 'allowlist-suspect', 'backend-error', 'ssr-code-error',
  'sni-error', 'upstream-connection-error', 'timeout',
];

/** Share of each label in a mixed log: mostly fine traffic, a few of each failure. */
export const LABEL_WEIGHTS = [
  ['ok', 62], ['not-found', 7], ['error', 6], ['allowlist-suspect', 5], ['backend-error', 5],
  ['ssr-code-error', 5], ['sni-error', 3], ['upstream-connection-error', 3], ['timeout', 4],
];

const OK_UPSTREAM = [[200, 20], [201, 1], [204, 1], [301, 1], [304, 2]];
const BAD_UPSTREAM = [[500, 4], [502, 3], [503, 4], [504, 2], [404, 2], [401, 1], [403, 1], [429, 1]];
const ERROR_STATUS = [[500, 6], [503, 4], [502, 2], [400, 1], [401, 1], [403, 2], [429, 1], [410, 1]];

export function fill(r, tpl) {
  return tpl.replace('{n}', String(r.int(1, 9999))).replace('{d}', String(r.int(1, 40))).replace('{slug}', r.pick(SLUGS));
}

function requestHeaders(r, site, method) {
  const h = [
    ['host', site],
    ['user-agent', r.pick(USER_AGENTS)],
    ['accept', method === 'GET' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' : 'application/json'],
    ['accept-encoding', r.pick(ACCEPT_ENCODINGS)],
    ['accept-language', r.pick(['en-GB,en;q=0.9', 'en-US,en;q=0.8', 'de-DE,de;q=0.9,en;q=0.5'])],
  ];
  if (r.chance(0.7)) h.push(['cookie', `session=s%3A${r.b64url(24)}.${r.b64url(20)}; _ga=GA1.2.${r.int(1e8, 9e8)}.${r.int(1.6e9, 1.7e9)}; cart=${r.hex(12)}`]);
  if (r.chance(0.15)) h.push(['authorization', `Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${r.b64url(36)}.${r.b64url(43)}`]);
  if (r.chance(0.5)) h.push(['referer', r.pick(['https://www.google.com/', `https://${site}/`, `https://${site}/c/shoes`])]);
  h.push(['x-forwarded-for', `203.0.113.${r.int(1, 254)}`]);
  return h;
}

function upstreamHeaders(r, host) {
  const h = [['accept', 'application/json'], ['accept-encoding', r.pick(['gzip,deflate', 'gzip, deflate, br'])], ['user-agent', r.pick(FETCH_AGENTS)], ['host', host]];
  if (r.chance(0.4)) h.push(['authorization', `Bearer ${r.b64url(40)}`]);
  else if (r.chance(0.3)) h.push(['x-api-key', `key_${r.hex(32)}`]);
  if (r.chance(0.2)) h.push(['cookie', `backend_session=${r.hex(24)}`]);
  h.push(['connection', 'close']);
  return h;
}

function upstreamResponseHeaders(r, status) {
  const h = [['content-type', status === 204 || status === 304 ? 'text/plain' : 'application/json; charset=utf-8'], ['date', 'Mon, 11 Mar 2024 09:12:13 GMT']];
  if (status < 300) h.push(['content-length', String(r.int(80, 40000))], ['cache-control', r.pick(['no-store', 'max-age=60', 'private, max-age=0'])]);
  if (status >= 300 && status < 400 && status !== 304) h.push(['location', `/v1/moved/${r.int(1, 99)}`]);
  if (r.chance(0.1)) h.push(['set-cookie', `AWSALB=${r.b64url(40)}; Expires=Mon, 18 Mar 2024 09:12:13 GMT; Path=/`]);
  return h;
}

function upstreamBody(r, status) {
  if (status >= 400) return JSON.stringify({ error: REASONS[status] ?? 'error', requestId: r.hex(16) });
  if (status === 204 || status === 304) return undefined;
  return JSON.stringify({ id: r.int(1, 9999), name: r.pick(['Trail Runner 2', 'Rain Jacket', 'Wool Socks']), price: r.int(5, 300) + 0.99, stock: r.int(0, 80) });
}

/** An upstream call starting at t. mode: 'ok' | 'bad' | 'silent' (no answer) | 'failure' (error code). */
function upstream(r, n, t, mode) {
  const b = r.pick(BACKENDS);
  const method = r.chance(0.85) ? 'GET' : 'POST';
  const u = { id: n, t, method, protocol: b.protocol, host: b.host, port: b.port, path: fill(r, r.pick(b.paths)), headers: upstreamHeaders(r, b.host) };
  if (method === 'POST') u.body = JSON.stringify({ query: '{ page(slug: "home") { title } }' });
  if (mode === 'ok' || mode === 'bad') {
    u.status = r.weighted(mode === 'ok' ? OK_UPSTREAM : BAD_UPSTREAM);
    u.statusText = REASONS[u.status];
    u.dur = r.chance(0.9) ? r.int(12, 420) : r.int(800, 4000);
    u.respHeaders = upstreamResponseHeaders(r, u.status);
    u.respBody = upstreamBody(r, u.status);
  } else if (mode === 'failure') {
    const f = r.pick(FAILURES);
    u.code = f.code;
    u.error = f.error(u.host, u.port);
    u.dur = f.code === 'ETIMEDOUT' ? r.int(9000, 15000) : r.int(2, 90);
  } // 'silent': no answer was ever logged
  return u;
}

function chatter(r, t) {
  return { t, level: 30, msg: fill(r, r.pick(CHATTER)) };
}

/** How the request ended when the SSR code never answered: nothing, a 539 access record, or a 539 response row. */
function noAnswerEnding(r, q) {
  const v = r.weighted([['none', 5], ['access-539', 4], ['response-539', 1]]);
  const t = q.start + 20000 + r.int(0, 30); // the function is killed at 20 s
  if (v === 'access-539') q.access = { t, status: 539 };
  if (v === 'response-539') q.response = { t, status: 539, statusText: REASONS[539], headers: [['content-type', 'text/html'], ['x-0-status', 'eh=539,ed=539']] };
  return v;
}

/**
 * Builds one request of the given label.
 * @param r rng helpers, seq sequence number, start epoch ms, label intended label
 */
export function buildRequest(r, seq, start, label) {
  const site = r.pick(SITES);
  const missing = label === 'not-found';
  const path = fill(r, r.pick(missing ? MISSING_PAGES : PAGES));
  const method = !missing && (path.startsWith('/api/') || path.startsWith('/search')) && r.chance(0.5) ? 'POST' : 'GET';
  const q = {
    seq, label, start, site, path, method, url: `https://${site}${path}`,
    clientIp: `203.0.113.${r.int(1, 254)}`,
    headers: requestHeaders(r, site, method),
    server: true, // any server-log line at all
    upstreams: [], logs: [], response: undefined, access: undefined, variant: '',
  };
  if (method === 'POST') q.body = JSON.stringify({ items: [{ sku: `SKU-${r.int(1000, 9999)}`, qty: r.int(1, 3) }], coupon: r.chance(0.3) ? 'SPRING24' : null });
  let t = start + r.int(1, 30);
  const calls = (n, modeOf) => {
    for (let i = 0; i < n; i++) {
      const u = upstream(r, i, t, modeOf(i));
      q.upstreams.push(u);
      if (r.chance(0.5)) q.logs.push(chatter(r, t - 1));
      t = u.dur !== undefined ? t + u.dur + r.int(1, 15) : t + r.int(1, 30);
    }
  };
  const respond = (status, extraMs = r.int(5, 120)) => {
    const headers = [['content-type', status < 300 ? 'text/html; charset=utf-8' : 'text/html'], ['cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate'], ['x-0-version', '42 184 3 2024-03-08T12:00:11Z 7.4.1']];
    if (status < 300 && r.chance(0.3)) headers.push(['set-cookie', `session=s%3A${r.b64url(24)}.${r.b64url(20)}; Path=/; HttpOnly; Secure`]);
    if (status === 301 || status === 302) headers.push(['location', `https://${site}/`]);
    q.response = { t: t + extraMs, status, statusText: REASONS[status], headers, body: status === 204 || status === 304 ? undefined : '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Example Store</title></head><body><div id="__next">' };
  };
  const access = (status, extra = {}) => {
    q.access = { t: (q.response?.t ?? t) + r.int(1, 40), status, ...extra };
  };

  switch (label) {
    case 'ok': {
      calls(r.int(0, 3), () => 'ok');
      respond(r.weighted([[200, 17], [301, 1], [302, 1], [304, 1]]));
      if (q.upstreams.length > 0 && r.chance(0.15)) {
        // the upstream row stamped after the response row (a late beacon call)
        const u = upstream(r, q.upstreams.length, q.response.t + r.int(1, 50), 'ok');
        q.upstreams.push(u);
        q.variant = 'upstream-after-response';
      }
      if (r.chance(0.3)) access(q.response.status);
      break;
    }
    case 'not-found': {
      if (r.chance(0.2)) {
        q.server = false;
        q.variant = 'access-only';
        access(404);
        break;
      }
      calls(r.int(0, 2), (i) => (i === 0 && r.chance(0.5) ? 'bad404' : 'ok'));
      for (const u of q.upstreams) if (u.status === undefined) Object.assign(u, { status: 404, statusText: 'Not Found', dur: r.int(10, 90), respHeaders: upstreamResponseHeaders(r, 404), respBody: upstreamBody(r, 404) });
      respond(404);
      if (r.chance(0.3)) access(404);
      break;
    }
    case 'error': {
      if (r.chance(0.25)) {
        q.server = false;
        q.variant = 'access-only';
        access(r.weighted([[500, 2], [503, 2], [502, 1], [504, 1]]));
        break;
      }
      calls(r.int(0, 2), () => 'ok');
      const status = r.weighted(ERROR_STATUS);
      if (status >= 500) q.logs.push({ t, level: 50, msg: r.pick(['render failed, answering 500', 'Error: upstream data incomplete', 'unhandled error in getServerSideProps']) });
      respond(status);
      if (r.chance(0.3)) access(status);
      break;
    }
    case 'allowlist-suspect': {
      const n = r.int(1, 3);
      const silentAt = r.int(0, n - 1);
      const failure = r.chance(0.5);
      calls(n, (i) => (i === silentAt ? (failure ? 'failure' : 'silent') : r.chance(0.8) ? 'ok' : 'bad'));
      if (r.chance(0.5)) q.logs.push({ t: t + r.int(5, 50), level: 40, msg: r.pick(WARNINGS) });
      q.variant = `${failure ? 'error-code' : 'no-answer'}+${noAnswerEnding(r, q)}`;
      break;
    }
    case 'backend-error': {
      const n = r.int(1, 3);
      const badAt = r.int(0, n - 1);
      calls(n, (i) => (i === badAt || r.chance(0.2) ? 'bad' : 'ok'));
      if (r.chance(0.6)) q.logs.push({ t: t + r.int(1, 20), level: 50, msg: `upstream answered ${q.upstreams[badAt].status}: giving up` });
      q.variant = noAnswerEnding(r, q);
      break;
    }
    case 'ssr-code-error': {
      calls(r.int(0, 2), () => 'ok');
      if (r.chance(0.7)) {
        const crash = r.pick(CRASHES);
        q.logs.push({ t: t + r.int(1, 30), level: 50, msg: crash[0], stack: crash.slice(1) });
        q.variant = 'crash+';
      } else {
        q.logs.push(chatter(r, t + r.int(1, 30)));
        q.variant = 'hang+';
      }
      q.variant += noAnswerEnding(r, q);
      break;
    }
    case 'sni-error': {
      q.server = r.chance(0.4);
      if (q.server) q.logs.push(chatter(r, t));
      q.variant = q.server ? 'with-server-lines' : 'access-only';
      access(502, { hardError: 'HARD_ERR_502_SSL_CONNECT_ERROR', shape: 'new' });
      break;
    }
    case 'upstream-connection-error': {
      q.server = r.chance(0.3);
      q.variant = q.server ? 'with-request-row' : 'access-only';
      access(531);
      break;
    }
    case 'timeout': {
      q.server = false;
      q.variant = 'access-only';
      q.access = { t: start + 20000 + r.int(0, 30), status: 539 };
      break;
    }
    default:
      throw new Error(`unknown label ${label}`);
  }
  if (q.access && !q.access.shape) q.access.shape = r.chance(0.5) ? 'old' : 'new';
  if (!q.server) {
    q.upstreams = [];
    q.logs = [];
    q.response = undefined;
  }
  return q;
}
