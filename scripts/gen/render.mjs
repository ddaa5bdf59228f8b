// Renders a request model (scenarios.mjs) as log lines in one of the spec's formats (§2).
// Output: blocks [{ t, lines }]: a row with its continuation lines stays one block (they must stay
// together for the text format), and blocks of different requests get interleaved by the writer.

export const TEXT_STYLES = ['text', 'text-bracket', 'text-iso', 'console-copy', 'console-copy-flat'];
export const JSON_STYLES = ['server-json', 'rtld', 'generic', 'pino-http', 'fastify'];
export const STYLE_WEIGHTS = {
  'server-json': 24, rtld: 10, generic: 10, 'pino-http': 6, fastify: 6,
  text: 15, 'text-bracket': 8, 'text-iso': 8, 'console-copy': 7, 'console-copy-flat': 4,
};
const PINO = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const ALIASES = ['requestId', 'request_id', 'requestID', 'x-request-id', 'reqId', 'req.id', 'rid', 'uuid'];
const WORKERS = ['7c1e0f52-3b7d-4f7e-9a51-2f0c8d6b1a90', 'a4d0b7e2-58c1-4c3e-b0f9-6e2d1c7a8b34', '0f6e9d21-c3b4-4a85-9e17-5d2c8b3a1f06'];

const pad = (n, w = 2) => String(n).padStart(w, '0');
export function tod(t) {
  const d = new Date(t);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
const iso = (t) => new Date(t).toISOString();
const secs = (t) => Math.round(t) / 1000;
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const obj = (pairs) => Object.fromEntries(pairs);
const upUrl = (u) => `${u.protocol}//${u.host}${(u.protocol === 'https:' && u.port === 443) || (u.protocol === 'http:' && u.port === 80) ? '' : ':' + u.port}${u.path}`;

/** The ID a request gets, fitting its style (text needs 8+ characters). */
export function makeId(r, style, counter) {
  if (style === 'fastify') return `req-${counter.toString(36)}`;
  const kind = style === 'server-json' || style === 'rtld' || style === 'access'
    ? r.weighted([['uuid', 8], ['hex40', 2]])
    : r.weighted([['uuid', 5], ['hex40', 2], ['hex32', 2], ['req', 2]]);
  if (kind === 'uuid') return r.uuid();
  if (kind === 'hex40') return r.hex(40);
  if (kind === 'hex32') return r.hex(32);
  return `req-${String(counter).padStart(4, '0')}`;
}

/** Edge access record, older (rid, code as string, met, hh, url...) or newer (uuid, status_code...) shape. */
export function accessLine(r, q, id) {
  const a = q.access;
  const referer = q.headers.find(([n]) => n === 'referer')?.[1] ?? '';
  const ua = q.headers.find(([n]) => n === 'user-agent')?.[1] ?? '';
  const total = Math.max(1, Math.round(a.t - q.start));
  if (a.shape === 'old') {
    return JSON.stringify({
      timestamp: secs(a.t), rid: id, code: String(a.status), met: q.method, hh: q.site, url: q.path, rfr: referer,
      ua, ip: q.clientIp, xmt: `eh=${total},ect=${r.int(1, 9)},ecc=${r.pick(['miss', 'pass'])},ec=${total - 1}`,
      xms: `eh=${a.status},ed=${a.status},ec=${a.status}`, sz: a.status < 400 ? r.int(2000, 90000) : r.int(100, 900),
    });
  }
  return JSON.stringify({
    timestamp: secs(a.t), uuid: id, status_code: a.status, method: q.method, host: q.site, path: q.path, referer,
    user_agent: ua, client_ip: q.clientIp, proxy_hard_error: a.hardError ?? '', total_time: total / 1000,
  });
}

function serverJson(r, q, id, rtld) {
  const blocks = [];
  const wi = r.chance(0.7) ? { wi: r.pick(WORKERS) } : { hid: r.hex(8), sid: r.hex(8) };
  const dri = (t, level, data) =>
    rtld
      ? JSON.stringify({ request_id: id, level, timestamp: secs(t), message: '', source: 'DRI', dri_data: data })
      : JSON.stringify({ level, time: t, ...wi, awsTag: 'userLogs', clientIp: q.clientIp, requestId: id, data });
  const app = (t, level, msg) =>
    rtld
      ? JSON.stringify({ request_id: id, level, timestamp: secs(t), message: msg, source: 'APPLICATION' })
      : JSON.stringify({ level, time: t, awsTag: 'userLogs', ...wi, clientIp: q.clientIp, requestId: id, msg });
  const body = (s) => (s === undefined ? {} : { body: b64(s), bodyLength: Buffer.byteLength(s), bodyTruncated: false });
  blocks.push({ t: q.start, lines: [dri(q.start, 100, { method: q.method, path: q.path, host: q.site, headers: obj(q.headers), protocol: 'https:', ...body(q.body) })] });
  for (const u of q.upstreams) {
    const base = { id: u.id, method: u.method, protocol: u.protocol, host: u.host, port: u.port, path: u.path };
    blocks.push({ t: u.t, lines: [dri(u.t, 102, { ...base, headers: obj(u.headers), ...body(u.body) })] });
    if (u.status !== undefined) {
      const te = u.t + u.dur;
      blocks.push({ t: te, lines: [dri(te, 103, { ...base, statusCode: u.status, statusMessage: u.statusText, headers: obj(u.respHeaders), duration: u.dur })] });
      if (u.respBody !== undefined && r.chance(0.5)) blocks.push({ t: te + 1, lines: [dri(te + 1, 104, { ...base, ...body(u.respBody) })] });
    } else if (u.code) {
      const te = u.t + u.dur;
      blocks.push({ t: te, lines: [dri(te, 103, { ...base, code: u.code, error: u.error, duration: u.dur })] });
    }
  }
  for (const l of q.logs) {
    const msg = l.stack ? [l.msg, ...l.stack].join('\n') : l.msg;
    blocks.push({ t: l.t, lines: [app(l.t, l.level, msg)] });
  }
  const s = q.response;
  if (s) blocks.push({ t: s.t, lines: [dri(s.t, 101, { statusCode: s.status, statusMessage: s.statusText, headers: obj(s.headers), ...body(s.body) })] });
  return blocks;
}

function headerLines(r, pairs, indent, marker) {
  const out = marker && r.chance(0.5) ? [`${indent}${marker}`] : [];
  for (const [n, v] of pairs) out.push(`${indent}${n}: ${v}`);
  return out;
}

/** Text rows: each row a block, or (console copy) one block for the whole request. */
function textFormat(r, q, id, style) {
  const copy = style.startsWith('console-copy');
  const T = style === 'text-iso' ? iso : tod;
  const idTok = style === 'text-bracket' ? `[${id}]` : id;
  const sep = copy ? '  ' : ' ';
  const detailIndent = style === 'console-copy' ? '  ' : '';
  const ind = copy ? detailIndent + r.pick(['    ', '      ']) : r.pick(['    ', '    ', '  ', '\t']);
  const pre = (t) => (copy ? `${detailIndent}${T(t)}${sep}` : `${T(t)} ${idTok} `);
  const mk = (t, first, extra = []) => ({ t, lines: [pre(t) + first, ...extra] });

  const reqExtra = [];
  if (r.chance(0.6)) reqExtra.push(...headerLines(r, q.headers, ind, 'Request Headers'));
  if (q.body !== undefined) reqExtra.push(`${ind}Body: ${q.body}`);
  const reqRow = mk(q.start, `Request details:${sep}${q.method} ${q.url}`, reqExtra);
  const mid = [];
  for (const u of q.upstreams) {
    const answer = u.status !== undefined ? `${sep}${u.status} ${u.statusText} in ${u.dur}ms` : '';
    const extra = r.chance(0.4) ? headerLines(r, u.headers, ind, 'Request Headers') : [];
    if (u.body !== undefined && r.chance(0.7)) extra.push(`${ind}Body: ${u.body}`);
    if (u.status !== undefined && r.chance(0.25)) extra.push(`${ind}Response Headers`, ...headerLines(r, u.respHeaders, ind));
    mid.push(mk(u.t, `Upstream Request: ${u.method} ${upUrl(u)}${answer}`, extra));
  }
  for (const l of q.logs) mid.push(mk(l.t, `${PINO[l.level]}: ${l.msg}`, (l.stack ?? []).map((x) => ind + x.trim())));
  const s = q.response;
  const respRow = s
    ? mk(s.t, `Response details:${sep}${q.method} ${q.url}${sep}${s.status} ${s.statusText}`, r.chance(0.4) ? headerLines(r, s.headers, ind, 'Response Headers') : [])
    : undefined;

  if (copy) {
    // the console's own copy: summary with the ID last, then the tree (request, calls and output by time, response)
    const rows = [reqRow, ...mid.sort((a, b) => a.t - b.t), ...(respRow ? [respRow] : [])];
    const idLast = r.chance(0.2) ? `[${id}]` : id;
    // "a summary may carry the ID alone" (spec §1)
    const summary = r.chance(0.15) ? `${tod(q.start)}  ${idLast}` : `${tod(q.start)}  ${q.method} ${q.url}${' '.repeat(r.int(1, 5))}${idLast}`;
    return [{ t: Math.max(...rows.map((x) => x.t)), lines: [summary, ...rows.flatMap((x) => x.lines)] }];
  }
  const rows = [reqRow, ...mid, ...(respRow ? [respRow] : [])];
  if (r.chance(0.6)) rows.unshift({ t: q.start, lines: [`${T(q.start)} ${idTok} ${q.method} ${q.url}`] });
  return rows;
}

function genericJson(r, q, id) {
  const alias = r.pick(ALIASES);
  const evKey = r.chance(0.7) ? 'event' : 'type';
  const timeKey = r.pick(['time', 'timestamp', 'ts']);
  const tv = (t) => (timeKey === 'time' ? iso(t) : timeKey === 'timestamp' ? t : secs(t));
  const idPart = alias === 'req.id' ? { req: { id } } : { [alias]: id };
  const line = (t, ev, fields) => JSON.stringify({ [timeKey]: tv(t), ...idPart, [evKey]: ev, ...fields });
  const hdrs = (pairs) => (r.chance(0.8) ? obj(pairs) : pairs);
  const blocks = [];
  if (r.chance(0.3)) blocks.push({ t: q.start, lines: [line(q.start, 'summary', { method: q.method, url: q.url })] });
  blocks.push({ t: q.start, lines: [line(q.start, 'request', { method: q.method, url: q.url, headers: hdrs(q.headers), ...(q.body ? { body: q.body } : {}) })] });
  for (const u of q.upstreams) {
    const f = { method: u.method, url: upUrl(u), headers: hdrs(u.headers) };
    if (u.status !== undefined) Object.assign(f, { status: u.status, statusText: u.statusText, durationMs: u.dur });
    else if (u.error) f.error = u.error;
    blocks.push({ t: u.t, lines: [line(u.t, 'upstream', f)] });
  }
  for (const l of q.logs) blocks.push({ t: l.t, lines: [line(l.t, 'log', { level: PINO[l.level].toLowerCase(), msg: l.msg })] });
  const s = q.response;
  if (s) blocks.push({ t: s.t, lines: [line(s.t, 'response', { method: q.method, url: q.url, status: s.status, statusText: s.statusText, durationMs: s.t - q.start, headers: hdrs(s.headers) })] });
  return blocks;
}

/** pino-http (req.log child lines, "request completed") and Fastify ("incoming request" ... "request completed"). */
function pinoStyle(r, q, id, fastify) {
  const base = { pid: r.int(7, 4000), hostname: `ip-10-0-${r.int(0, 9)}-${r.int(2, 250)}` };
  const reqObj = fastify
    ? { method: q.method, url: q.path, hostname: q.site, remoteAddress: q.clientIp, remotePort: r.int(30000, 65000) }
    : { id, method: q.method, url: q.path, query: {}, params: {}, headers: obj(q.headers), remoteAddress: q.clientIp, remotePort: r.int(30000, 65000) };
  const quiet = fastify || r.chance(0.5);
  const bind = fastify || quiet ? { reqId: id } : { req: reqObj };
  const line = (t, level, fields) => JSON.stringify({ level, time: t, ...base, ...fields });
  const blocks = [];
  blocks.push({ t: q.start, lines: [line(q.start, 30, fastify ? { reqId: id, req: reqObj, msg: 'incoming request' } : { req: reqObj, msg: 'request received' })] });
  for (const u of q.upstreams) {
    const f = { ...bind, event: 'upstream', method: u.method, url: upUrl(u) };
    const t = u.status !== undefined || u.code ? u.t + (u.dur ?? 0) : u.t;
    if (u.status !== undefined) Object.assign(f, { status: u.status, durationMs: u.dur, msg: 'upstream call' });
    else if (u.code) Object.assign(f, { error: u.error, code: u.code, msg: 'upstream call failed' });
    else f.msg = 'upstream call started';
    blocks.push({ t, lines: [line(t, u.code ? 50 : 30, f)] });
  }
  for (const l of q.logs) {
    const err = l.stack ? { err: { type: l.msg.split(':')[0], message: l.msg, stack: [l.msg, ...l.stack].join('\n') } } : {};
    blocks.push({ t: l.t, lines: [line(l.t, l.level, { ...bind, ...err, msg: l.msg })] });
  }
  const s = q.response;
  if (s) {
    const bad = s.status >= 500;
    const res = fastify ? { statusCode: s.status } : { statusCode: s.status, headers: obj(s.headers) };
    const f = fastify ? { reqId: id, res } : { req: reqObj, res };
    const rt = s.t - q.start + (fastify ? r.int(0, 999) / 1000 : 0);
    blocks.push({ t: s.t, lines: [line(s.t, bad ? 50 : 30, { ...f, responseTime: rt, msg: bad ? 'request errored' : 'request completed' })] });
  }
  return blocks;
}

/** All blocks of one request, access record included. */
export function renderRequest(r, q, id, style) {
  let blocks;
  if (!q.server) blocks = [];
  else if (style === 'server-json' || style === 'rtld') blocks = serverJson(r, q, id, style === 'rtld');
  else if (style === 'generic') blocks = genericJson(r, q, id);
  else if (style === 'pino-http' || style === 'fastify') blocks = pinoStyle(r, q, id, style === 'fastify');
  else blocks = textFormat(r, q, id, style);
  if (q.access) blocks.push({ t: q.access.t, lines: [accessLine(r, q, id)] });
  return blocks;
}
