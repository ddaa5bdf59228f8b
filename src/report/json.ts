// NDJSON: one object per request group.
import type { RequestGroup } from '../model.js';
import { formatTime } from './format.js';
import { isTimeOfDay } from '../parse/time.js';
import { maskTextSecrets, maskUrl, secretsRevealed } from '../util/secrets.js';

/** URL passwords and secret query values masked, unless --show-secrets. */
function masked(s: string | undefined): string | undefined {
  return s === undefined || secretsRevealed() ? s : maskUrl(s);
}

/** An error's text: credentials written in it masked too (maskTextSecrets). */
function maskedText(s: string): string {
  return secretsRevealed() ? s : maskTextSecrets(s);
}

/** The same for a list (the reasons name URLs and quote logged errors): the list itself when nothing is masked. */
function maskedAll(xs: string[]): string[] {
  return secretsRevealed() ? xs : xs.map(maskTextSecrets);
}

export interface GroupJson {
  requestId: string;
  /** `hostname/pid` when the ID is a per-process counter (Fastify's req-1): tells two processes' req-1 apart */
  process?: string;
  label: string;
  status: number | null;
  method: string | null;
  url: string | null;
  time: string | null;
  /** epoch ms of \`time\` when the request's time is dated, or its times of day were placed on a date (correlate/clock.ts) */
  ts: number | null;
  durationMs: number | null;
  upstream: Array<{ method: string | null; url: string | null; status: number | null; durationMs: number | null; errorCode?: string; error?: string }>;
  reasons: string[];
  next: readonly string[];
  hasResponse: boolean;
  lines: number;
}

/** A duration to the microsecond: loggers' float milliseconds (`responseTime: 5.227323999999953`) and sums of times read cleanly. */
function ms(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.round(n * 1000) / 1000;
}

/** A request's first time as epoch ms: dated, or a time of day its anchor places on a date; else undefined. */
export function epochOf(g: RequestGroup): number | undefined {
  const t = g.firstTime;
  if (t === undefined || !isTimeOfDay(t)) return t;
  return g.anchorMs === undefined ? undefined : t + g.anchorMs;
}

export function groupToJson(g: RequestGroup): GroupJson {
  return {
    requestId: g.requestId,
    ...(g.process !== undefined && { process: g.process }),
    label: g.label,
    status: g.status ?? null,
    method: g.method ?? null,
    url: masked(g.url) ?? null,
    time: g.firstTime !== undefined ? formatTime(g.firstTime) : null,
    ts: epochOf(g) ?? null,
    durationMs: ms(g.durationMs) ?? null,
    upstream: g.upstreams.map((u) => {
      const o: GroupJson['upstream'][number] = {
        method: u.method ?? null,
        url: masked(u.url) ?? null,
        status: u.status ?? null,
        durationMs: ms(u.durationMs) ?? null,
      };
      if (u.errorCode) o.errorCode = u.errorCode;
      if (u.error) o.error = maskedText(u.error);
      return o;
    }),
    reasons: maskedAll(g.reasons),
    next: g.next,
    hasResponse: g.response !== undefined,
    lines: g.totalLines,
  };
}

// the next steps are a few constant arrays (see diagnose/): their JSON text is made once
const nextText = new WeakMap<readonly string[], string>();

/** What must be escaped: what JSON.stringify escapes (quotes, backslashes, C0 controls, lone surrogates), and more. */
const ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** escaped beyond JSON.stringify: C1 controls (U+009B acts as CSI on some terminals), line separators, bidi overrides */
const EXTRA = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A JSON string: what JSON.stringify gives, with the EXTRA characters escaped too (`jq` shows them, a terminal never gets them raw). */
function str(s: string | undefined): string {
  if (s === undefined) return 'null';
  if (!ESCAPE.test(s)) return '"' + s + '"';
  return safeJson(s);
}

/** JSON.stringify(value) with the EXTRA characters escaped as well (they can only be inside its strings). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(EXTRA, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
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
    ups += `${i ? ',' : ''}{"method":${str(u.method)},"url":${str(masked(u.url))},"status":${num(u.status)},"durationMs":${num(ms(u.durationMs))}`;
    if (u.errorCode) ups += ',"errorCode":' + str(u.errorCode);
    if (u.error) ups += ',"error":' + str(maskedText(u.error));
    ups += '}';
  }
  ups += ']';
  const time = g.firstTime !== undefined ? str(formatTime(g.firstTime)) : 'null';
  return (
    `{"requestId":${str(g.requestId)},${g.process !== undefined ? `"process":${str(g.process)},` : ''}"label":${str(g.label)},"status":${num(g.status)},"method":${str(g.method)},` +
    `"url":${str(masked(g.url))},"time":${time},"ts":${num(epochOf(g))},"durationMs":${num(ms(g.durationMs))},"upstream":${ups},` +
    `"reasons":${strings(maskedAll(g.reasons))},"next":${next},"hasResponse":${g.response !== undefined},"lines":${g.totalLines}}`
  );
}
