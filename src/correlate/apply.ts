// Folds one event into its request group: which row it fills, which upstream call it belongs to.
import type { LogEvent, RequestGroup, UpstreamCall } from '../model.js';
import type { GroupState } from './group-state.js';
import { innerResponse, noteResponseStart, outerRequestRow } from './handed-on.js';
import { isTimeOfDay } from '../parse/time.js';
import { noteTime, placeTimes } from './clock.js';

export type { GroupState, RequestRow, Span } from './group-state.js';

export const RAW_PER_GROUP = 200;

export function newGroup(seq: number, requestId: string): RequestGroup {
  return {
    seq,
    requestId,
    process: undefined,
    firstTime: undefined,
    lastTime: undefined,
    method: undefined,
    url: undefined,
    summary: undefined,
    durationMs: undefined,
    anchorMs: undefined,
    request: undefined,
    response: undefined,
    access: undefined,
    status: undefined,
    upstreams: [],
    logs: [],
    serverLines: 0,
    totalLines: 0,
    raw: [],
    rawDropped: 0,
    decided: false,
    version: 0,
    label: 'pending',
    reasons: [],
    next: [],
  };
}

/**
 * Places a request's times of day on the epoch: the stream learned the anchor of their source. Its clock becomes
 * the epoch's, its rows' times with it (what the detail pane shows, what reuse.ts compares).
 */
export function anchorTimes(st: GroupState, anchor: number): void {
  const g = st.g;
  const at = (t: number | undefined) => (t !== undefined && isTimeOfDay(t) ? t + anchor : t);
  g.anchorMs = anchor;
  if (st.todSpan) {
    const first = st.todSpan.first + anchor;
    const last = st.todSpan.last + anchor;
    const e = st.epochSpan;
    st.epochSpan = e ? { first: Math.min(e.first, first), last: Math.max(e.last, last) } : { first, last };
    st.todSpan = undefined;
  }
  if (st.domain === 'tod') {
    st.domain = 'epoch';
    // the stream's clock it was seen at was the times of day's
    if (st.seenAt !== undefined) st.seenAt += anchor;
  }
  if (g.summary) g.summary.time = at(g.summary.time);
  if (g.request) g.request.time = at(g.request.time);
  if (g.response) g.response.time = at(g.response.time);
  if (g.access) g.access.time = at(g.access.time);
  for (const u of g.upstreams) u.time = at(u.time);
  for (const l of g.logs) l.time = at(l.time);
  if (st.requestRow) st.requestRow.time = at(st.requestRow.time);
  placeTimes(st);
  derive(g);
}

/** A request has a handful of upstream calls: a scan beats a Map per group (less to keep, less to collect). */
function findUpstream(g: RequestGroup, id: string): UpstreamCall | undefined {
  const ups = g.upstreams;
  for (let i = 0; i < ups.length; i++) if (ups[i]!.id === id) return ups[i];
  return undefined;
}

function upstreamFor(st: GroupState, ev: LogEvent): UpstreamCall {
  const g = st.g;
  let id = ev.upstreamId;
  if (id === undefined) {
    if (ev.kind === 'upstream') {
      // a text row is a call of its own
      id = `t${st.textUpstreams++}`;
    } else {
      id = st.lastUpstream ? st.lastUpstream.id : `t${st.textUpstreams++}`;
    }
  }
  let u = findUpstream(st.g, id);
  if (!u) {
    u = { id, headers: [], responseHeaders: [] };
    g.upstreams.push(u);
    if (g.upstreams.length > 1 && /^\d+$/.test(id)) {
      g.upstreams.sort((a, b) => (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) ? +a.id - +b.id : 0));
    }
  }
  st.lastUpstream = u;
  return u;
}

function fillCall(u: UpstreamCall, ev: LogEvent): void {
  if (ev.method && !u.method) u.method = ev.method;
  if (ev.url && !u.url) u.url = ev.url;
  if (ev.time !== undefined && u.time === undefined) u.time = ev.time;
}

/**
 * @param lean report mode: keep what the diagnosis and the printed row need, not headers, bodies,
 *   application messages or raw lines (they would only load the garbage collector)
 */
export function applyEvent(st: GroupState, ev: LogEvent, lean = false): void {
  const g = st.g;
  g.totalLines++;
  if (ev.kind !== 'access') {
    // an app's own JSON (pino, Fastify) only, or the platform's rows too: the reasons speak its language
    g.appLogOnly = (g.serverLines === 0 || g.appLogOnly === true) && ev.format === 'generic-json';
    g.serverLines++;
  }
  if (lean) ev.headers = ev.responseHeaders = ev.body = undefined;
  else if (g.raw.length < RAW_PER_GROUP) g.raw.push({ source: ev.source, lineNo: ev.lineNo, text: ev.raw });
  else g.rawDropped++;
  if (ev.time !== undefined) noteTime(st, ev.time, ev.kind === 'access', ev.source);
  if (ev.error !== undefined || ev.errorCode !== undefined) noteAppError(g, ev, lean);
  if (lean && (ev.kind === 'header' || ev.kind === 'body' || ev.kind === 'log')) {
    // header, body and application lines add nothing a printed row shows but their time
    if (ev.time !== undefined) derive(g);
    return;
  }
  // a request logged by its logger or the platform answers with a response record too: a bare status an app
  // logged inside it (its backend's 503 before it hung) is application output, not its response
  const realRequest = (ev.kind === 'request' && !ev.inferred) || ev.kind === 'summary';
  if (realRequest && st.inferredResponse) {
    g.response = undefined;
    st.inferredResponse = false;
  }
  if (ev.kind === 'response' && ev.inferred && (st.requestRow !== undefined || g.summary !== undefined)) {
    if (!lean) g.logs.push({ time: ev.time, level: ev.level, msg: ev.msg ?? ev.raw });
    derive(g);
    return;
  }
  switch (ev.kind) {
    case 'summary':
      g.summary = { time: ev.time, method: ev.method, url: ev.url };
      break;
    case 'request': {
      const r = (g.request ??= { headers: [] });
      const outer = outerRequestRow(st, ev);
      if (r.fromResponse || outer) {
        // the request row came after the response row (rows are not in time order), or an outer service's did (an ID
        // handed on): its own time, method and URL, and an outer service's headers instead of the inner's
        if (outer) r.headers.length = 0;
        r.fromResponse = undefined;
        r.time = ev.time ?? r.time;
        r.method = ev.method ?? r.method;
        r.url = ev.url ?? r.url;
      }
      r.time ??= ev.time;
      r.method ??= ev.method;
      r.url ??= ev.url;
      // the first request row's headers: a row logged again (pino-http's req.log lines each carry the whole `req`)
      // has the same ones
      if (ev.headers && r.headers.length === 0) r.headers.push(...ev.headers);
      if (ev.body !== undefined) r.body = ev.body;
      if (ev.bodyTruncated) r.bodyTruncated = true;
      if (ev.bodyLength !== undefined) r.bodyLength = ev.bodyLength;
      r.clientIp ??= ev.clientIp;
      // pino-http's req.log puts the whole `req` on every line the app logs: its message is application output
      // (Fastify's own "incoming request" is not; an error line is shown by noteAppError already)
      if (!lean && ev.format === 'generic-json' && ev.msg !== undefined && ev.msg !== 'incoming request' && ev.error === undefined && ev.errorCode === undefined) {
        g.logs.push({ time: ev.time, level: ev.level, msg: ev.msg });
      }
      break;
    }
    case 'response': {
      // an inner service's answer under an ID handed on to it is not the request's
      if (innerResponse(st, ev)) break;
      noteResponseStart(st, ev);
      if (g.response === undefined) st.inferredResponse = ev.inferred === true;
      else if (!ev.inferred) st.inferredResponse = false;
      const r = (g.response ??= { headers: [] });
      r.time ??= ev.time;
      if (ev.status !== undefined) r.status = ev.status;
      if (ev.statusText) r.statusText = ev.statusText;
      if (ev.responseHeaders) r.headers.push(...ev.responseHeaders);
      if (ev.durationMs !== undefined) r.durationMs = ev.durationMs;
      // the platform's response row (level 101) logs the body it sent (lean mode has dropped it)
      if (ev.body !== undefined && !ev.inferred) r.body = ev.body;
      if (ev.bodyTruncated && !ev.inferred) r.bodyTruncated = true;
      // pino-http/Fastify: the completion line carries the request too
      if (ev.method || ev.url) {
        const q = (g.request ??= { headers: [], fromResponse: true });
        q.time ??= ev.time;
        q.method ??= ev.method;
        q.url ??= ev.url;
        // pino-http's one line: the request's headers too, unless a request row gave them
        if (ev.headers && q.headers.length === 0) q.headers.push(...ev.headers);
      }
      break;
    }
    case 'upstream':
    case 'upstream-response':
    case 'upstream-body': {
      const u = upstreamFor(st, ev);
      fillCall(u, ev);
      if (ev.kind === 'upstream' && ev.headers) u.headers.push(...ev.headers);
      if (ev.kind === 'upstream' && ev.body !== undefined) u.body = ev.body;
      if (ev.kind === 'upstream' && ev.bodyTruncated) u.bodyTruncated = true;
      if (ev.kind === 'upstream' && ev.bodyLength !== undefined) u.bodyLength = ev.bodyLength;
      if (ev.status !== undefined) u.status = ev.status;
      if (ev.statusText) u.statusText = ev.statusText;
      if (ev.durationMs !== undefined) u.durationMs = ev.durationMs;
      if (ev.errorCode) u.errorCode = ev.errorCode;
      if (ev.error) u.error = ev.error;
      if (ev.kind !== 'upstream' && ev.responseHeaders) u.responseHeaders.push(...ev.responseHeaders);
      if (ev.kind !== 'upstream' && ev.body !== undefined) u.responseBody = ev.body;
      if (ev.kind === 'upstream-response' && u.headers.length === 0 && ev.headers) u.headers.push(...ev.headers);
      break;
    }
    case 'log':
      g.logs.push({ time: ev.time, level: ev.level, msg: ev.msg ?? ev.raw });
      break;
    case 'access': {
      const a = (g.access ??= {});
      a.time ??= ev.time;
      if (ev.status !== undefined) a.status = ev.status;
      a.method ??= ev.method;
      a.url ??= ev.url;
      a.proxyHardError ??= ev.proxyHardError;
      a.referer ??= ev.referer;
      a.statusChain ??= ev.statusChain;
      a.timings ??= ev.timings;
      if (ev.durationMs !== undefined && a.durationMs === undefined) {
        a.durationMs = ev.durationMs;
        placeTimes(st);
      }
      break;
    }
    case 'header':
    case 'body':
      applyContinuation(st, ev);
      break;
  }
  derive(g);
}

/**
 * An error a JSON line logged (an app's, parse/pino.ts, or the platform's console output): the first one names the
 * request's failure in its reasons, and one on an app's request or response row (Fastify's error line carries `res`)
 * is shown as an application line too.
 */
function noteAppError(g: RequestGroup, ev: LogEvent, lean: boolean): void {
  if (ev.kind !== 'log' && (ev.format !== 'generic-json' || (ev.kind !== 'request' && ev.kind !== 'response'))) return;
  g.appError ??= { msg: ev.error, code: ev.errorCode, at: ev.errorAt };
  if (!lean && ev.kind !== 'log') g.logs.push({ time: ev.time, level: ev.level, msg: ev.msg ?? ev.error ?? ev.raw });
}

/** The summary fields a group shows, from its rows. */
function derive(g: RequestGroup): void {
  g.status = g.response?.status ?? g.access?.status;
  g.method = g.request?.method ?? g.summary?.method ?? g.access?.method;
  g.url = g.request?.url ?? g.summary?.url ?? g.access?.url;
  g.durationMs =
    g.response?.durationMs ??
    (g.firstTime !== undefined && g.lastTime !== undefined && g.lastTime >= g.firstTime ? g.lastTime - g.firstTime : undefined);
  g.version++;
}

function applyContinuation(st: GroupState, ev: LogEvent): void {
  const g = st.g;
  if (ev.kind === 'header' && ev.headerName === undefined) return; // a "Request Headers" marker
  const pair: [string, string] | undefined = ev.kind === 'header' ? [ev.headerName!, ev.headerValue ?? ''] : undefined;
  const response = ev.headerSection === 'response';
  switch (ev.parentKind) {
    case 'upstream':
    case 'upstream-response':
    case 'upstream-body': {
      const u = (ev.upstreamId !== undefined ? findUpstream(g, ev.upstreamId) : st.lastUpstream) ?? upstreamFor(st, ev);
      if (pair) (response ? u.responseHeaders : u.headers).push(pair);
      else if (ev.body !== undefined) u.body = u.body === undefined ? ev.body : u.body + '\n' + ev.body;
      break;
    }
    case 'response':
      if (pair) g.response?.headers.push(pair);
      break;
    default: {
      // summary and Request details rows: the edge request's headers
      if (pair && response) {
        // never create the response row from a header: its absence is what the diagnosis reads
        g.response?.headers.push(pair);
        break;
      }
      const r = (g.request ??= { headers: [] });
      if (pair) r.headers.push(pair);
      else if (ev.body !== undefined) r.body = r.body === undefined ? ev.body : r.body + '\n' + ev.body;
    }
  }
}
