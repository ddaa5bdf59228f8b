// Plain pino / Fastify lines (no `event`/`type`): the request or response a line states in top-level fields,
// and the error a line logs.
import type { LogEvent } from '../model.js';
import { makeEvent, type LineRef } from './event.js';
import { headerList, levelName } from './json-fields.js';
import { duration, isObj, num, status, str, type Obj } from './values.js';

const METHOD_RE = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT|PURGE)$/;

/** A top-level HTTP status: `statusCode`, or `status` only as a number in HTTP's range (`"status":"active"` is an app's own). */
function topStatus(o: Obj): number | undefined {
  const s = status(o.statusCode);
  if (s !== undefined) return s;
  return typeof o.status === 'number' && o.status >= 100 && o.status < 600 ? Math.trunc(o.status) : undefined;
}

/**
 * The request's own response or request row, stated in a plain line's top-level fields: a pino child logger's
 * `{requestId, statusCode}` "request done", Fastify's documented `onResponse` hook line `{reqId, url, statusCode,
 * durationMs}`, `{requestId, method, url}` "request start". These rows are `inferred`: apps log a method, URL or
 * status of other things too, so a second one is no sign of another request. A URL that is not a path (Node's own
 * request URL always is) names an outgoing call: that line stays an application line.
 */
export function plainRow(o: Obj, base: LineRef, requestId: string | undefined, time: number | undefined): LogEvent | undefined {
  if (requestId === undefined) return undefined;
  const url = str(o.url) ?? str(o.path);
  if (url !== undefined && !url.startsWith('/')) return undefined;
  const method = str(o.method)?.toUpperCase();
  const st = topStatus(o);
  let ev: LogEvent;
  if (st !== undefined) {
    ev = makeEvent(base, 'response', 'generic-json', requestId, time);
    ev.status = st;
    ev.statusText = str(o.statusMessage);
    ev.durationMs = duration(o.responseTime ?? o.durationMs ?? o.duration);
  } else if (method !== undefined && METHOD_RE.test(method) && url !== undefined) {
    ev = makeEvent(base, 'request', 'generic-json', requestId, time);
  } else {
    return undefined;
  }
  if (method !== undefined && METHOD_RE.test(method)) ev.method = method;
  // the request's own Host header beside a path (winston's `{requestId, method, url, headers}`): the full URL, as
  // for pino-http's `req` (not pino's top-level `hostname`: that is the machine's)
  const host = url !== undefined && isObj(o.headers) ? str(o.headers.host) : undefined;
  ev.url = host !== undefined && /^[^\s/?#@]+$/.test(host) ? `http://${host}${url}` : url;
  ev.inferred = true;
  return ev;
}

/** Level names of an error or worse (pino's, syslog's and Google Cloud Logging's severities). */
const SEVERE = new Set(['ERROR', 'FATAL', 'ERR', 'CRITICAL', 'CRIT', 'ALERT', 'EMERGENCY', 'EMERG']);

/** pino-http's own error for a 5xx (`err` of "request errored"): says no more than the status. */
const PINO_HTTP_ERR = /^failed with status code \d+$/;

/**
 * The error a line logs, for its request's reasons: an `err` (pino's serializer) or `error` object's message and
 * code, or the message of a line at level error or fatal. A response record (`res`) logged at level error
 * (pino-http's "request errored") says no more than its status: only its `err` counts. Sets `ev.error` and `ev.errorCode`.
 */
export function noteAppError(o: Obj, ev: LogEvent): void {
  const err = isObj(o.err) ? o.err : isObj(o.error) ? o.error : undefined;
  // an error logged as a string (`{"err":"socket hang up"}`): its text is the message
  const errText = err === undefined ? str(o.err) ?? str(o.error) : undefined;
  const lvl = num(o.level);
  const severe = !isObj(o.res) && (lvl !== undefined ? lvl >= 50 : ev.level !== undefined && SEVERE.has(ev.level));
  if (err === undefined && errText === undefined && !severe) return;
  // winston's errors({ stack: true }) puts `stack` beside `message`; express-winston's errorLogger an `error` JSON
  // wrote as {} (an Error's fields do not serialize) beside it: the stack's first line is then the error's message
  const stack = str(err?.stack) ?? str(o.stack);
  const message = str(err?.message) ?? errText ?? stackHead(stack);
  if (message !== undefined && PINO_HTTP_ERR.test(message)) return;
  const cause = err && isObj(err.cause) ? err.cause : undefined;
  ev.errorCode = str(err?.code) ?? str(cause?.code);
  const type = str(err?.type) ?? str(err?.name);
  // pino's err serializer: `type` TypeError beside the message; a plain Error adds nothing
  ev.error = message !== undefined && type !== undefined && type !== 'Error' && !message.startsWith(type) ? `${type}: ${message}` : message ?? ev.msg ?? ev.errorCode;
  if (stack !== undefined) ev.errorAt = appFrame(stack);
}

/** The error a stack's first line names (`TypeError: x is null`; a plain Error's message alone, as pino's are read). */
function stackHead(stack: string | undefined): string | undefined {
  const m = stack === undefined ? null : /^([A-Z][\w$]*): ([^\n]{1,500})/.exec(stack);
  return m ? (m[1] === 'Error' ? m[2] : m[0]) : undefined;
}

const FRAME_RE = /^\s*at (.{1,300})$/;
/** The app's own frame of a stack: the first `at ...` line outside node_modules and Node's internals (else the first). */
function appFrame(stack: string): string | undefined {
  let first: string | undefined;
  for (const line of stack.slice(0, 8192).split('\n', 40)) {
    const m = FRAME_RE.exec(line);
    if (!m) continue;
    const frame = m[1]!.trim();
    first ??= frame;
    if (!frame.includes('node_modules') && !frame.includes('node:internal') && !frame.includes('(internal/')) return frame;
  }
  return first;
}

/** A serialized request's URL, with its host (Fastify's `req.host`, pino-http's Host header) when it has one. */
function reqUrl(req: Obj): string | undefined {
  const host = str(req.hostname ?? req.host ?? (isObj(req.headers) ? req.headers.host : undefined));
  const url = str(req.url);
  return url && host && url.startsWith('/') ? `http://${host}${url}` : url;
}

/** A pino, pino-http, Fastify or winston line that is not an `event`/`type` object: its request or response, else an app line. */
export function pinoEvent(o: Obj, line: string, base: LineRef, requestId: string | undefined, time: number | undefined, lean: boolean, rtld: boolean): LogEvent | undefined {
  const req = isObj(o.req) ? o.req : undefined;
  const res = isObj(o.res) ? o.res : undefined;
  const msg = str(o.msg ?? o.message);
  // `severity`: pino or winston set up for Google Cloud Logging write the level there
  const level = levelName(o.level ?? o.severity);
  if (res && status(res.statusCode ?? res.status) !== undefined) {
    const ev = makeEvent(base, 'response', 'generic-json', requestId, time);
    ev.level = level;
    ev.msg = msg;
    ev.status = status(res.statusCode ?? res.status);
    ev.statusText = str(res.statusMessage);
    ev.responseHeaders = lean ? undefined : headerList(res.headers);
    ev.durationMs = duration(o.responseTime ?? o.durationMs);
    if (req) {
      ev.method = str(req.method)?.toUpperCase();
      ev.url = reqUrl(req);
      ev.headers = lean ? undefined : headerList(req.headers);
      // pino-http logs a request once, when it ended: it began responseTime earlier
      if (ev.time !== undefined && ev.durationMs !== undefined && ev.time - ev.durationMs >= 0) ev.time -= ev.durationMs;
    }
    return ev;
  }
  if (req && (req.method !== undefined || req.url !== undefined)) {
    const ev = makeEvent(base, 'request', 'generic-json', requestId, time);
    ev.level = level;
    ev.msg = msg;
    ev.method = str(req.method)?.toUpperCase();
    ev.url = reqUrl(req);
    ev.headers = lean ? undefined : headerList(req.headers);
    return ev;
  }
  // the platform's own console output (spec §2a: level 10-60 beside `wi` or `hid`/`sid`, `awsTag`), not an app's logger
  const platform = rtld || 'awsTag' in o || 'wi' in o || ('hid' in o && 'sid' in o);
  // plain pino: a child logger's request ID with top-level method/url or statusCode
  const plain = platform ? undefined : plainRow(o, base, requestId, time);
  if (plain) {
    plain.level = level;
    plain.msg = msg;
    // a request line's own headers (winston's `{requestId, method, url, headers}`): copy as curl and the detail pane need them
    if (plain.kind === 'request' && !lean) plain.headers = headerList(o.headers);
    return plain;
  }
  if (msg !== undefined || level !== undefined || requestId !== undefined) {
    const ev = makeEvent(base, 'log', rtld ? 'rtld-json' : platform ? 'server-json' : 'generic-json', requestId, time);
    ev.level = level;
    ev.msg = msg ?? line;
    return ev;
  }
  return undefined;
}
