// JSON lines: the platform's raw server log (levels 100-104, pino levels), its real-time log delivery export,
// edge access logs, and generic request-ID JSON (event/type objects; pino, pino-http, Fastify and winston lines: pino.ts).
import type { EventKind, LogEvent } from '../model.js';
import { parseJsonTime } from './time.js';
import { makeEvent } from './event.js';
import { duration, isObj, num, status, str, type Obj } from './values.js';
import { buildUrl, bodyFields, decodeBody, headerList, levelName, stringify } from './json-fields.js';
import { noteAppError, pinoEvent } from './pino.js';
type Base = Pick<LogEvent, 'raw' | 'lineNo' | 'source'>;

const DRI_KIND: Record<number, EventKind> = {
  100: 'request',
  101: 'response',
  102: 'upstream',
  103: 'upstream-response',
  104: 'upstream-body',
};
const GENERIC_KINDS: Record<string, EventKind> = {
  summary: 'summary',
  request: 'request',
  upstream: 'upstream',
  'upstream-request': 'upstream',
  'upstream-response': 'upstream-response',
  response: 'response',
  log: 'log',
};

/**
 * The request ID: a logger's binding first (pino child `requestId`, Fastify `reqId`, pino-http `req.id`), then
 * the access logs' `rid`/`uuid` (spec §2d), which in an app's line are as likely an entity's UUID as a request's.
 */
function requestIdOf(o: Obj): string | undefined {
  return boundIdOf(o) ?? str(o.rid ?? o.uuid);
}

/** A logger's binding of the request ID (not the access logs' `rid`/`uuid`). */
function boundIdOf(o: Obj): string | undefined {
  const direct = o.requestId ?? o.request_id ?? o.requestID ?? o['x-request-id'] ?? o.reqId ?? o.req_id;
  const s = str(direct);
  if (s) return s;
  if (isObj(o.req) && o.req.id !== undefined) return str(o.req.id);
  return undefined;
}

/**
 * A line whose request ID sits one level down, in winston's `meta` (express-winston puts `req`, `res`,
 * `responseTime` and its dynamicMeta's `requestId` there) or `metadata` (its metadata() format), or a `context` object: that object's fields read as
 * the line's own (the line's top-level ones first). NestJS's JSON logger writes an object logged as the message
 * under `message` (`{"level":"log","message":{"message":"fetching","requestId":...},"context":"ProductService"}`):
 * its fields are the line's, over the logger's. Else the line as it is.
 */
function lifted(o: Obj): Obj {
  if (boundIdOf(o) !== undefined) return o;
  if (isObj(o.message) && boundIdOf(o.message) !== undefined) return { ...o, message: undefined, ...o.message };
  const inner = isObj(o.meta) ? o.meta : isObj(o.metadata) ? o.metadata : isObj(o.context) ? o.context : undefined;
  return inner !== undefined && boundIdOf(inner) !== undefined ? { ...inner, ...o } : o;
}

/** The data fields of a real-time log delivery record: an object, or the object as a JSON string (log shippers stringify them). */
function driData(v: unknown): Obj | undefined {
  if (isObj(v)) return v;
  if (typeof v !== 'string' || v.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const d: unknown = JSON.parse(v);
    return isObj(d) ? d : undefined;
  } catch {
    return undefined;
  }
}

/** An export that lost its level: which DRI row the data fields describe. */
function inferDriLevel(d: Obj): number {
  const answered = d.statusCode !== undefined || d.code !== undefined || d.error !== undefined;
  if (d.id !== undefined) return answered ? 103 : d.body !== undefined && d.method === undefined ? 104 : 102;
  return answered ? 101 : 100;
}

/**
 * Parses one JSON line. Returns undefined when it is not a JSON object.
 * @param lean report mode: leave out headers and bodies (applyEvent would drop them anyway)
 */
export function parseJsonLine(line: string, base: Base, lean = false): LogEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObj(parsed)) return undefined;
  const o = parsed.meta !== undefined || parsed.metadata !== undefined || parsed.context !== undefined || isObj(parsed.message) ? lifted(parsed) : parsed;
  const ev = eventOf(o, line, base, lean);
  // pino (Fastify, pino-http) stamps every line with the process that wrote it
  if (ev?.format === 'generic-json' && ev.requestId !== undefined) ev.process = processOf(o);
  return ev;
}

/** `hostname/pid` of a pino line (either alone when the other is missing). */
function processOf(o: Obj): string | undefined {
  const pid = str(o.pid);
  const host = str(o.hostname);
  return pid === undefined ? host : host === undefined ? pid : `${host}/${pid}`;
}

/**
 * The edge's own time for a request, from its access record's x-0-t timings (`xmt`: `eh=667,ect=9,ecc=pass,ec=666`):
 * `eh` (or `eht`, its total), the edge's first proxy, which holds the request from first byte in to last byte out.
 */
function edgeTotal(xmt: string | undefined): number | undefined {
  const m = xmt === undefined ? null : /(?:^|,)\s*eht?=(\d{1,9}(?:\.\d+)?)\s*(?:,|$)/.exec(xmt);
  return m ? +m[1]! : undefined;
}

function eventOf(o: Obj, line: string, base: Base, lean: boolean): LogEvent | undefined {
  const time = parseJsonTime(o.time ?? o.timestamp ?? o.ts ?? o['@timestamp']);
  const requestId = requestIdOf(o);
  // c. generic event/type objects (read below the platform's shapes)
  const evName = str(o.event) ?? str(o.type);
  const genericKind = evName ? GENERIC_KINDS[evName.toLowerCase()] : undefined;

  // d. access logs (older: rid/code/met/url; newer: uuid/status_code/method/host/path). An event object's `code` beside
  // its `rid` (spec §2c) is a failed call's error code, not an access record's status
  if (
    ('code' in o && ('met' in o || 'hh' in o || 'rid' in o) && genericKind === undefined) ||
    'status_code' in o ||
    'proxy_hard_error' in o ||
    'xms' in o ||
    'xmt' in o
  ) {
    const ev = makeEvent(base, 'access', 'access-json', requestId, time);
    ev.status = status(o.status_code ?? o.code);
    ev.method = str(o.met ?? o.method);
    const host = str(o.hh ?? o.host);
    const url = str(o.url ?? o.path);
    ev.url = url && host && url.startsWith('/') ? `https://${host}${url}` : url;
    ev.proxyHardError = str(o.proxy_hard_error) || undefined;
    ev.referer = str(o.rfr ?? o.referer) || undefined;
    ev.statusChain = str(o.xms) || undefined;
    ev.timings = str(o.xmt) || undefined;
    ev.durationMs = edgeTotal(ev.timings);
    return ev;
  }

  // a. raw server log / real-time log delivery export
  const data = isObj(o.data) ? o.data : driData(o.dri_data);
  const lvl = num(o.level);
  const rtld = 'dri_data' in o || o.source === 'DRI' || o.source === 'APPLICATION';
  const driLevel = lvl !== undefined && lvl >= 100 && lvl <= 104 ? lvl : data && rtld ? inferDriLevel(data) : undefined;
  if (driLevel !== undefined) {
    const kind = DRI_KIND[driLevel]!;
    const ev = makeEvent(base, kind, rtld ? 'rtld-json' : 'server-json', requestId, time);
    ev.clientIp = str(o.clientIp ?? o.client_ip);
    const d = data ?? {};
    ev.method = str(d.method)?.toUpperCase();
    ev.url = buildUrl(d);
    if (kind === 'upstream' || kind === 'upstream-response' || kind === 'upstream-body') {
      ev.upstreamId = str(d.id) ?? '0';
    }
    if (kind === 'response' || kind === 'upstream-response') {
      ev.status = status(d.statusCode ?? d.status);
      ev.statusText = str(d.statusMessage);
      ev.responseHeaders = lean ? undefined : headerList(d.headers);
      ev.durationMs = duration(d.duration);
      ev.errorCode = str(d.code);
      ev.error = str(d.error) ?? (isObj(d.error) ? str((d.error as Obj).message) : undefined);
      if (ev.error === undefined && d.error !== undefined) ev.error = stringify(d.error);
      if (kind === 'response') {
        ev.headers = undefined;
      }
    } else if (!lean) {
      ev.headers = headerList(d.headers);
    }
    if (lean) return ev;
    if (kind === 'upstream-body' || kind === 'upstream-response') {
      const b = decodeBody(d.body);
      if (b !== undefined) ev.body = b;
      const len = num(d.bodyLength);
      if (len !== undefined) ev.bodyLength = len;
      if (d.bodyTruncated === true) ev.bodyTruncated = true;
    } else {
      bodyFields(d, ev);
    }
    return ev;
  }

  // c. generic event/type objects
  if (genericKind) {
    const ev = makeEvent(base, genericKind, 'generic-json', requestId, time);
    ev.method = str(o.method)?.toUpperCase();
    ev.url = str(o.url) ?? (isObj(o) ? buildUrl(o) : undefined);
    ev.status = status(o.status ?? o.statusCode);
    ev.statusText = str(o.statusText ?? o.statusMessage);
    ev.durationMs = duration(o.durationMs ?? o.duration);
    const h = lean ? undefined : headerList(o.headers);
    if (genericKind === 'response') ev.responseHeaders = h;
    else ev.headers = h;
    if (genericKind === 'upstream' || genericKind === 'upstream-response') {
      ev.upstreamId = str(o.upstreamId ?? o.id);
      ev.responseHeaders = lean ? undefined : headerList(o.responseHeaders);
      ev.errorCode = str(o.code ?? o.errorCode);
      ev.error = str(o.error);
    }
    if (typeof o.body === 'string' && !lean) ev.body = o.body;
    ev.level = levelName(o.level ?? o.severity);
    ev.msg = str(o.msg ?? o.message);
    return ev;
  }

  // pino-http / Fastify request-response logging, and plain pino console output
  const ev = pinoEvent(o, line, base, requestId, time, lean, rtld);
  // an app's line, or the platform's console output (an error it logged names the request's failure too)
  if (ev?.format === 'generic-json' || ev?.kind === 'log') noteAppError(o, ev!);
  return ev;
}
