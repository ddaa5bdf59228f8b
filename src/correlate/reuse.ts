// Which lines are the same row again (re-delivery: dropped) and which belong to another request that
// uses the same ID (reused: a new request). Both counted by the Correlator.
import type { LogEvent } from '../model.js';
import { isTimeOfDay } from '../parse/time.js';
import { fnv1a } from '../util/hash.js';
import { pathOf } from '../util/url.js';
import type { GroupState, RequestRow } from './apply.js';
import { isLongId } from './by-id.js';

/** Rows that re-delivery can repeat. Header, body and application lines legitimately repeat, so they are never dropped. */
export const DEDUPED: ReadonlySet<LogEvent['kind']> = new Set(['summary', 'request', 'response', 'upstream', 'upstream-response', 'upstream-body', 'access']);

/** A 30-bit hash of a line (a small integer: no garbage-collector cost to keep). */
const hash30 = (text: string): number => fnv1a(text) & 0x3fffffff;

/** An exact repeat of a row the group already holds (log delivery sends some twice): remembers the row if not.
 * Keyed on hash and length, so two different rows would have to collide on both. */
export function isDuplicate(st: GroupState, raw: string): boolean {
  const a = hash30(raw);
  const len = raw.length;
  const h = st.hashes;
  for (let i = 0; i < h.length; i += 2) if (h[i] === a && h[i + 1] === len) return true;
  if (h.length < 512) h.push(a, len);
  return false;
}

const sameClock = (a: number | undefined, b: number | undefined): boolean =>
  a !== undefined && b !== undefined && isTimeOfDay(a) === isTimeOfDay(b);

/** A URL's path and query: one request's rows give it with or without scheme and host, by format. */
const pathAndQuery = (url: string | undefined): string | undefined => (url === undefined ? undefined : pathOf(url) || '/');

/** The first request row of a group, as isOtherRow compares it. */
export function requestRowOf(ev: LogEvent): RequestRow {
  return { format: ev.format, time: ev.time, method: ev.method, path: pathAndQuery(ev.url) };
}

/**
 * A second response or request row that differs from the group's: another request with the same ID, whatever
 * the order of the lines (two pods' Fastify `req-1`s, one file after the other). Exact re-deliveries are dropped
 * as duplicates instead.
 * - A response row with another status. One with the same status is the same request (Fastify logs an error
 *   with its `res`, then "request completed"), unless it is stamped before the request's own row.
 * - A request row for another method or URL (the same one logged again, at another time or with other headers,
 *   is the same request).
 */
function isOtherRow(st: GroupState, ev: LogEvent): boolean {
  // a row read from a plain log line's fields (parse/pino.ts): an app logs the method, URL or status of other things too
  if (ev.inferred) return false;
  const g = st.g;
  const first = st.requestRow;
  if (ev.kind === 'response') {
    if (g.response === undefined) return false;
    // generic JSON logs `res` on error lines too, a snapshot taken before the handler set the status
    // (`res` 200, then "request completed" 500): there a status alone does not make another request
    if (ev.format !== 'generic-json' && ev.status !== undefined && g.response.status !== undefined && ev.status !== g.response.status) return true;
    const start = first && first.format !== 'generic-json' ? first.time : g.summary?.time;
    if (!sameClock(start, ev.time)) return false;
    // a time in whole seconds (an export that rounds them) may read up to a second early
    const slack = ev.time! % 1000 === 0 || start! % 1000 === 0 ? 1000 : 0;
    return ev.time! < start! - slack;
  }
  if (ev.kind !== 'request' || first === undefined || first.format !== ev.format) return false;
  // an app's request row for a long ID with another method or URL is the ID handed on to another service (an
  // `x-request-id` both log, spec §2c): the same request (see by-id.ts), not another one
  if (ev.format === 'generic-json' && isLongId(st.g.requestId)) return false;
  // a request row logged again (another time, other headers) for the same method and path is the same request
  if (ev.method !== undefined && first.method !== undefined && ev.method !== first.method) return true;
  const path = pathAndQuery(ev.url);
  return path !== undefined && first.path !== undefined && path !== first.path;
}

/** How far a response row's own start (its time less its duration) may fall after the group's first line. */
const START_SLACK_MS = 1000;

/**
 * A line stamped past the grace period that still belongs to the request: off the platform nothing kills a
 * request at 20 s (a 37 s report). A response row whose own duration reaches back to the group's first line is
 * its end; an app's pino message line (generic JSON `log`) is a line of the running request, since a restarted
 * app's request logs its request row first (Fastify's "incoming request"), and that row still starts a new one.
 */
function lateButSame(g: GroupState['g'], ev: LogEvent): boolean {
  if (ev.kind === 'log') return ev.format === 'generic-json';
  return ev.kind === 'response' && ev.durationMs !== undefined && ev.time! - ev.durationMs <= g.firstTime! + START_SLACK_MS;
}

/**
 * A line that belongs to another request with the same ID: stamped more than the grace period outside the
 * request's lines (Fastify's `req-1` after a restart; see lateButSame), a new
 * request or summary row stamped after the response, or a second, different request or response row (isOtherRow).
 */
export function isReuse(st: GroupState, ev: LogEvent, graceMs: number): boolean {
  const g = st.g;
  if (ev.time !== undefined && g.lastTime !== undefined && g.firstTime !== undefined && st.domain === (isTimeOfDay(ev.time) ? 'tod' : 'epoch')) {
    if ((ev.time > g.lastTime + graceMs && !lateButSame(g, ev)) || ev.time < g.firstTime - graceMs) return true;
  }
  // a new request or summary row, stamped after the response, for a request that already had one. Not in generic
  // JSON: pino-http puts the request on every line a request logs, those after the response too (audit lines). Times
  // on one clock only: a JSON row's epoch time is always "after" a text row's time of day not yet placed on a date
  if (ev.format !== 'generic-json' && sameClock(ev.time, g.response?.time) && ev.time! > g.response!.time!) {
    const earlier = ev.kind === 'request' ? g.request?.time : ev.kind === 'summary' ? g.summary?.time : undefined;
    if (sameClock(earlier, ev.time) && earlier !== ev.time) return true;
  }
  // (a line that names its process was told apart by it already: see by-id.ts)
  if (ev.format === 'generic-json' && ev.process === undefined && g.response?.time !== undefined && sameClock(ev.time, g.response.time) && isRestartedRow(ev, g.response.time)) return true;
  return isOtherRow(st, ev);
}

/**
 * After a restart that names no process (pino's `base: null`, as containers often log), `req-1` or pino-http's `1`
 * comes again with nothing else to tell it apart: a plain request row ("request start") stamped after the response,
 * or a response whose own start is after the first response (pino-http's one line per request, stamped at its
 * start; a Fastify "request completed" less its responseTime) is another request. A response without a duration
 * tells nothing of its start (an app logging a backend's status): it stays. Times are compared with RESTART_SLACK_MS
 * to spare: a log time is whole milliseconds, a responseTime is measured apart (Fastify's error line with its `res`
 * is stamped a fraction of a millisecond before "request completed" less its responseTime), and no process restarts
 * that fast.
 */
function isRestartedRow(ev: LogEvent, responseTime: number): boolean {
  if (ev.kind === 'request') return ev.inferred === true && ev.time! > responseTime + RESTART_SLACK_MS;
  if (ev.kind !== 'response' || ev.durationMs === undefined) return false;
  // pino-http's line (it names the method of its `req`) is stamped at the request's start already (parse/json.ts)
  const start = ev.method !== undefined ? ev.time! : ev.time! - ev.durationMs;
  return start > responseTime + RESTART_SLACK_MS;
}

const RESTART_SLACK_MS = 100;
