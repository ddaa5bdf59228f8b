// The console's text format: one row per line, request ID on each row (or on the summary only, as the
// console's own copy has it), indented header / body continuation lines.
import type { EventKind, LogEvent } from '../model.js';
import { parseTimeToken } from './time.js';
import { makeEvent } from './event.js';

type Base = Pick<LogEvent, 'raw' | 'lineNo' | 'source'>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PURGE']);
/** The level words of an application line (`<LEVEL>: <message>`), in upper case: console and pino's, syslog's short
 * ones (`ERR`, `CRIT`, `ALERT`, `EMERG`) and npm's that winston writes (`HTTP`, `VERBOSE`, `SILLY`). */
export const LEVELS = new Set([
  'TRACE', 'DEBUG', 'INFO', 'LOG', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL', 'NOTICE',
  'ERR', 'CRIT', 'ALERT', 'EMERG', 'HTTP', 'VERBOSE', 'SILLY',
]);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ID_RE = /^[A-Za-z0-9._-]{8,}$/;
const HEADER_RE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):(?:\s?)(.*)$/;
const ROWS: Array<[string, EventKind]> = [
  ['Request details:', 'request'],
  ['Upstream Request:', 'upstream'],
  ['Response details:', 'response'],
];
// <METHOD> <URL>[ <status>[ <reason>][ in <N>ms]] or [ <ERRCODE>[: message]]
const CALL_RE = /^([A-Z]+)\s+(\S+)(?:\s+(\d{3})(?:\s+(?!in\s+\d)(.*?))?(?:\s+in\s+(\d+(?:\.\d+)?)\s*ms)?)?\s*$/;
const CALL_ERR_RE = /^([A-Z]+)\s+(\S+)\s+((?:E[A-Z0-9_]{2,}|ERR_[A-Z0-9_]+))\b:?\s*(.*)$/;

export function looksLikeId(tok: string): boolean {
  return ID_RE.test(tok) && !METHODS.has(tok) && /[0-9]/.test(tok);
}

/** The rest of a line after a candidate ID: a row, an application line, or a summary. */
function isKnownRow(rest: string): boolean {
  if (ROWS.some(([p]) => rest.startsWith(p))) return true;
  const m = /^([A-Za-z]+):/.exec(rest);
  if (m && LEVELS.has(m[1]!.toUpperCase())) return true;
  const [method, url] = splitFirst(rest);
  return METHODS.has(method) && url !== '';
}

function unbracket(tok: string): string | undefined {
  if (tok.length > 2 && tok.startsWith('[') && tok.endsWith(']')) {
    const inner = tok.slice(1, -1);
    return /^[A-Za-z0-9._-]+$/.test(inner) ? inner : undefined;
  }
  return undefined;
}

/** One text row. `indented` says whether the line began with white space. */
export interface TextRow {
  event?: LogEvent;
  /** an indented non-row line: header, header-set marker, body, or free text */
  continuation?: { kind: 'header'; name: string; value: string } | { kind: 'section'; section: 'request' | 'response' } | { kind: 'body'; text: string } | { kind: 'text'; text: string };
  /** the summary row ended with the ID (console copy): detail rows without an ID belong to it */
  idLast?: boolean;
}

function splitFirst(s: string): [string, string] {
  const i = s.search(/\s/);
  if (i === -1) return [s, ''];
  return [s.slice(0, i), s.slice(i).trimStart()];
}

function parseCall(rest: string, ev: LogEvent): boolean {
  const m = CALL_RE.exec(rest);
  if (m && METHODS.has(m[1]!)) {
    ev.method = m[1];
    ev.url = m[2];
    if (m[3]) ev.status = +m[3];
    if (m[4]) ev.statusText = m[4];
    if (m[5]) ev.durationMs = +m[5];
    return true;
  }
  const e = CALL_ERR_RE.exec(rest);
  if (e && METHODS.has(e[1]!)) {
    ev.method = e[1];
    ev.url = e[2];
    ev.errorCode = e[3];
    if (e[4]) ev.error = e[4];
    return true;
  }
  return false;
}

/**
 * Whether a line without a time starts with a request ID and a row (`req-1 Request details: ...`,
 * `[req-1] INFO: ...`): the shape that takes its wrapper's time (journald's, a saved Loki entry's).
 */
export function startsIdRow(s: string): boolean {
  const [tok, after] = splitFirst(s);
  return (unbracket(tok) !== undefined || looksLikeId(tok)) && isKnownRow(after);
}

/**
 * One text row. `stamp`, the time a wrapper gave the line (journald's, a saved Loki entry's), makes a row of
 * an unindented line without its own time when it carries a request ID (an ID-less one stays unparsed).
 */
export function parseTextLine(line: string, base: Base, stamp?: number): TextRow | undefined {
  const indented = line.length > 0 && (line[0] === ' ' || line[0] === '\t');
  const s = indented ? line.trim() : line.trimEnd();
  if (s === '') return undefined;
  let [first, rest] = splitFirst(s);
  if (first.length === 10 && DATE_RE.test(first)) {
    // `2024-03-11 19:52:13.620Z`: an ISO time written with a space
    const [clock, after] = splitFirst(rest);
    if (/^\d{2}:\d{2}/.test(clock) && parseTimeToken(`${first}T${clock}`) !== undefined) {
      first = `${first}T${clock}`;
      rest = after;
    }
  }
  const time = parseTimeToken(first);
  if (time === undefined) {
    if (!indented) {
      if (stamp === undefined) return undefined;
      const row = timedRow(s, makeEvent(base, 'log', 'text', undefined, stamp));
      return row.event?.requestId ? row : undefined;
    }
    if (s === 'Request Headers' || s === 'Request Headers:') return { continuation: { kind: 'section', section: 'request' } };
    if (s === 'Response Headers' || s === 'Response Headers:') return { continuation: { kind: 'section', section: 'response' } };
    if (s.startsWith('Body:')) return { continuation: { kind: 'body', text: s.slice(5).replace(/^ /, '') } };
    const h = HEADER_RE.exec(s);
    if (h) return { continuation: { kind: 'header', name: h[1]!, value: h[2]! } };
    return { continuation: { kind: 'text', text: s } };
  }
  return timedRow(rest, makeEvent(base, 'log', 'text', undefined, time));
}

/** The rest of a row after its time, read into `ev`. */
function timedRow(rest: string, ev: LogEvent): TextRow {
  // optional request ID right after the time: a token is one only when one of the row shapes follows it
  // (or nothing: a summary that carries the ID alone). `Server12 started`, `127.0.0.1 connected` or
  // `[main] listening` are ID-less lines, not requests.
  const [tok, after] = splitFirst(rest);
  const bracketed = unbracket(tok);
  const alone = after === '' && (bracketed !== undefined || looksLikeId(tok));
  if ((bracketed !== undefined || ID_RE.test(tok)) && (alone || isKnownRow(after)) && !ROWS.some(([p]) => rest.startsWith(p))) {
    ev.requestId = bracketed ?? tok;
    rest = after;
    if (rest === '') {
      // a summary that carries the ID alone (the console's copy): detail rows without an ID follow
      ev.kind = 'summary';
      return { event: ev, idLast: true };
    }
  }

  for (const [prefix, kind] of ROWS) {
    if (rest.startsWith(prefix)) {
      ev.kind = kind;
      if (!parseCall(rest.slice(prefix.length).trim(), ev)) {
        // a row whose call part is unreadable: keep what we can
        ev.msg = rest.slice(prefix.length).trim();
      }
      return { event: ev };
    }
  }

  // application output: <LEVEL>: message
  const lm = /^([A-Za-z]+):\s?(.*)$/.exec(rest);
  if (lm && LEVELS.has(lm[1]!.toUpperCase())) {
    ev.kind = 'log';
    ev.level = lm[1]!.toUpperCase();
    ev.msg = lm[2];
    return { event: ev };
  }

  // summary: <METHOD> <URL> [<id>]
  const [m, afterM] = splitFirst(rest);
  if (METHODS.has(m) && afterM) {
    const [url, tail] = splitFirst(afterM);
    ev.kind = 'summary';
    ev.method = m;
    ev.url = url;
    let idLast = false;
    if (tail) {
      const t = tail.trim();
      const id = unbracket(t) ?? (ID_RE.test(t) && !METHODS.has(t) ? t : undefined);
      if (id && !ev.requestId) {
        ev.requestId = id;
        idLast = true;
      }
    }
    return { event: ev, idLast };
  }

  // a timed line we cannot read further: a log message with no level
  ev.kind = 'log';
  ev.msg = rest;
  return { event: ev };
}
