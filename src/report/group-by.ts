// --group-by: requests folded into one summary per upstream host, host, path, route or label as they are
// decided, so memory is bounded by the number of groups (capped: the rest go to one "(other)" bucket), never by
// the number of requests. Percentiles come from a bounded reservoir of durations per group.
import { FAILURE_LABELS, headerOf, type Label, type RequestGroup, type UpstreamCall } from '../model.js';
import { maskUrl, secretsRevealed } from '../util/secrets.js';
import { DAY_MS, isTimeOfDay } from '../parse/time.js';
import { originOf, pathOf } from '../util/url.js';

export const GROUP_BY_KEYS = ['upstream', 'host', 'path', 'route', 'referer', 'label'] as const;
export type GroupBy = (typeof GROUP_BY_KEYS)[number];

/** groups kept apart; past this many, new keys are counted in OTHER_KEY */
export const DEFAULT_MAX_KEYS = 1000;
export const OTHER_KEY = '(other)';
/** durations kept per group for its percentiles: exact up to this many, a uniform sample beyond */
export const RESERVOIR_SIZE = 1024;

export interface GroupSummary {
  key: string;
  /** the cap's bucket: every key past the first DEFAULT_MAX_KEYS */
  other: boolean;
  requests: number;
  /** requests with a failure label */
  failures: number;
  labels: Partial<Record<Label, number>>;
  /** the earliest and latest start of its requests: dated times and times of day apart (see timeSpan) */
  dated?: [first: number, last: number];
  timeOfDay?: [first: number, last: number];
  /** durations seen (the reservoir holds at most RESERVOIR_SIZE of them) */
  durations: number;
  sample: number[];
  /** upstream only: calls to this host, those with no answer (no status logged), those answered >= 400 */
  calls: number;
  noAnswer: number;
  errorStatus: number;
}

// ---- keys ----

/** The host (and port) of a URL, lowercased, without its user info; undefined for a path or no URL. */
export function hostOf(url: string | undefined): string | undefined {
  const authority = url === undefined ? undefined : originOf(url)?.authority;
  const h = authority?.slice(authority.indexOf('@') + 1);
  return h ? h.toLowerCase() : undefined;
}

/** The path of a URL (or of a bare path), query and fragment dropped. */
export function pathKey(url: string): string {
  const path = pathOf(url).replace(/[?#].*$/s, '');
  return path === '' ? '/' : path;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** an ID segment: digits, a UUID, or 12+ hex digits with a digit among them; an extension may follow (`8902.json`) */
const ID_SEGMENT = new RegExp(`^(?:\\d+|${UUID}|(?=[0-9a-f]*\\d)[0-9a-f]{12,})(\\.[a-z0-9]{1,8})?$`, 'i');

/** The path with IDs collapsed to `:id`: `/p/8902?x=1` -> `/p/:id`, `/p/8902.json` -> `/p/:id.json`; query dropped. */
export function routeOf(url: string): string {
  const path = pathKey(url);
  // most pages' paths are words (an ID has a digit, bar a UUID of letters only: rare enough to miss)
  if (!/\d/.test(path)) return path;
  return path
    .split('/')
    .map((seg) => {
      const m = ID_SEGMENT.exec(seg);
      return m ? `:id${m[1] ?? ''}` : seg;
    })
    .join('/');
}

const masked = (s: string) => (secretsRevealed() ? s : maskUrl(s));

/** An upstream call's group: its host. */
const upstreamKey = (u: UpstreamCall) => hostOf(u.url) ?? '(no URL)';

/**
 * The page the browser came from: the access record's referer, else the Request details' Referer header (the TUI;
 * report mode keeps no headers). Who links to the 404s.
 */
function refererKey(g: RequestGroup): string {
  const logged = g.access?.referer?.trim();
  const sent = logged && logged !== '-' ? logged : g.request && headerOf(g.request.headers, 'referer');
  return sent ? masked(sent) : '(no referer)';
}

/** The keys a request counts under (one, except by upstream: each host it called, once each). */
export function keysOf(g: RequestGroup, by: GroupBy): string[] {
  switch (by) {
    case 'label':
      return [g.label];
    case 'host':
      return [hostOf(g.url) ?? (g.url ? '(no host)' : '(no URL)')];
    case 'path':
      return [g.url ? masked(pathKey(g.url)) : '(no URL)'];
    case 'route':
      return [g.url ? masked(routeOf(g.url)) : '(no URL)'];
    case 'referer':
      return [refererKey(g)];
    case 'upstream':
      if (g.upstreams.length === 0) return ['(no upstream calls)'];
      return [...new Set(g.upstreams.map(upstreamKey))];
  }
}

// ---- folding ----

/** A small deterministic generator (xorshift32): the same input gives the same sample, so the same table. */
function nextRandom(state: { seed: number }): number {
  let x = state.seed;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.seed = x >>> 0;
  return state.seed / 0x1_0000_0000;
}

export class GroupFold {
  private readonly groups = new Map<string, GroupSummary>();
  private readonly random = { seed: 0x9e3779b9 };
  /** requests folded */
  requests = 0;

  constructor(
    readonly by: GroupBy,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Counts a decided request in its group(s): by upstream, once in each host it called, with each of its calls. */
  add(g: RequestGroup): void {
    this.requests++;
    if (this.by === 'upstream' && g.upstreams.length > 0) {
      const counted = new Set<GroupSummary>();
      for (const u of g.upstreams) {
        const s = this.summary(upstreamKey(u));
        // two hosts past the cap share the "(other)" bucket: the request counts there once
        if (!counted.has(s)) this.count(s, g);
        counted.add(s);
        s.calls++;
        if (u.status === undefined) s.noAnswer++;
        else if (u.status >= 400) s.errorStatus++;
        this.duration(s, u.durationMs);
      }
      return;
    }
    const s = this.summary(keysOf(g, this.by)[0]!);
    this.count(s, g);
    this.duration(s, g.durationMs);
  }

  private count(s: GroupSummary, g: RequestGroup): void {
    s.requests++;
    s.labels[g.label] = (s.labels[g.label] ?? 0) + 1;
    if (FAILURE_LABELS.has(g.label)) s.failures++;
    const t = g.firstTime;
    if (t !== undefined) {
      const k = isTimeOfDay(t) ? 'timeOfDay' : 'dated';
      const span = s[k];
      if (!span) s[k] = [t, t];
      else if (t < span[0]) span[0] = t;
      else if (t > span[1]) span[1] = t;
    }
  }

  private summary(key: string): GroupSummary {
    let s = this.groups.get(key);
    if (s) return s;
    const other = this.groups.size >= this.maxKeys;
    if (other) {
      s = this.groups.get(OTHER_KEY);
      if (s) return s;
    }
    s = { key: other ? OTHER_KEY : key, other, requests: 0, failures: 0, labels: {}, durations: 0, sample: [], calls: 0, noAnswer: 0, errorStatus: 0 };
    this.groups.set(s.key, s);
    return s;
  }

  /** Algorithm R: every duration seen has the same chance to be in the sample. */
  private duration(s: GroupSummary, ms: number | undefined): void {
    if (ms === undefined || !Number.isFinite(ms)) return;
    s.durations++;
    if (s.sample.length < RESERVOIR_SIZE) s.sample.push(ms);
    else {
      const j = Math.floor(nextRandom(this.random) * s.durations);
      if (j < RESERVOIR_SIZE) s.sample[j] = ms;
    }
  }

  /** The groups, most failures first, then most requests, then by key; the cap's "(other)" bucket last. */
  rows(): GroupSummary[] {
    return [...this.groups.values()].sort(
      (a, b) => Number(a.other) - Number(b.other) || b.failures - a.failures || b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }
}

/** The nearest-rank percentile (0 < p <= 1) of the values, or undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

/**
 * When a group's first and last requests started. A log that mixes dated times with times of day (several
 * formats) has no one clock: the two are compared by their (UTC) time of day, as --since does.
 */
export function timeSpan(s: GroupSummary): { first?: number; last?: number } {
  const a = s.dated;
  const b = s.timeOfDay;
  if (!a || !b) return { first: (a ?? b)?.[0], last: (a ?? b)?.[1] };
  const tod = (t: number) => t % DAY_MS;
  return { first: tod(a[0]) <= tod(b[0]) ? a[0] : b[0], last: tod(a[1]) >= tod(b[1]) ? a[1] : b[1] };
}
