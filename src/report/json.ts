// NDJSON: one object per request group.
import type { RequestGroup } from '../model.js';
import { formatTime } from './format.js';

export interface GroupJson {
  requestId: string;
  label: string;
  status: number | null;
  method: string | null;
  url: string | null;
  time: string | null;
  durationMs: number | null;
  upstream: Array<{ method: string | null; url: string | null; status: number | null; durationMs: number | null; errorCode?: string; error?: string }>;
  reasons: string[];
  next: readonly string[];
  hasResponse: boolean;
  lines: number;
}

export function groupToJson(g: RequestGroup): GroupJson {
  return {
    requestId: g.requestId,
    label: g.label,
    status: g.status ?? null,
    method: g.method ?? null,
    url: g.url ?? null,
    time: g.firstTime !== undefined ? formatTime(g.firstTime) : null,
    durationMs: g.durationMs ?? null,
    upstream: g.upstreams.map((u) => {
      const o: GroupJson['upstream'][number] = {
        method: u.method ?? null,
        url: u.url ?? null,
        status: u.status ?? null,
        durationMs: u.durationMs ?? null,
      };
      if (u.errorCode) o.errorCode = u.errorCode;
      if (u.error) o.error = u.error;
      return o;
    }),
    reasons: g.reasons,
    next: g.next,
    hasResponse: g.response !== undefined,
    lines: g.totalLines,
  };
}

// the next steps are a few constant arrays (see diagnose/): their JSON text is made once
const nextText = new WeakMap<readonly string[], string>();

/** What JSON.stringify must escape: quotes, backslashes, control characters and (lone) surrogates. */
const ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string: the same text as JSON.stringify, without its call for the common plain string. */
function str(s: string | undefined): string {
  if (s === undefined) return 'null';
  return ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

function num(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? 'null' : String(n);
}

function strings(xs: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < xs.length; i++) out += (i ? ',' : '') + str(xs[i]);
  return out + ']';
}

/**
 * One NDJSON line: exactly JSON.stringify(groupToJson(g)) (a test holds it to that), written field by
 * field because report mode prints millions of them.
 */
export function groupToNdjson(g: RequestGroup): string {
  let next = nextText.get(g.next);
  if (next === undefined) {
    next = strings(g.next);
    if (Object.isFrozen(g.next)) nextText.set(g.next, next);
  }
  let ups = '[';
  for (let i = 0; i < g.upstreams.length; i++) {
    const u = g.upstreams[i]!;
    ups += `${i ? ',' : ''}{"method":${str(u.method)},"url":${str(u.url)},"status":${num(u.status)},"durationMs":${num(u.durationMs)}`;
    if (u.errorCode) ups += ',"errorCode":' + str(u.errorCode);
    if (u.error) ups += ',"error":' + str(u.error);
    ups += '}';
  }
  ups += ']';
  const time = g.firstTime !== undefined ? str(formatTime(g.firstTime)) : 'null';
  return (
    `{"requestId":${str(g.requestId)},"label":${str(g.label)},"status":${num(g.status)},"method":${str(g.method)},` +
    `"url":${str(g.url)},"time":${time},"durationMs":${num(g.durationMs)},"upstream":${ups},` +
    `"reasons":${strings(g.reasons)},"next":${next},"hasResponse":${g.response !== undefined},"lines":${g.totalLines}}`
  );
}
