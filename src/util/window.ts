// --since / --until: the requests that started in a window of time. A bound is a time of day (`09:00`,
// `09:00:30.5`), compared with each request's first time on the clock face (a dated time in UTC, or in the zone of
// the stream's times of day once it placed them on a date: correlate/clock.ts), or a date and time
// (`2024-03-11T09:00Z`, `2024-03-11 09:00`, a date alone: its midnight, UTC unless a zone is given), compared with
// dated times only: a request whose times are times of day not placed on a date stays. A duration (`10m`, `1h30m`,
// `2d`, as kubectl, stern and logcli take it) is that long before now: a date and time.
import { DAY_MS, isTimeOfDay } from '../parse/time.js';
import { UNIT_MS } from './duration.js';

export interface TimeBound {
  /** ms since midnight for a time of day, else ms since the epoch */
  t: number;
  timeOfDay: boolean;
  /** as the user wrote it */
  text: string;
}

export interface TimeWindow {
  since?: TimeBound;
  until?: TimeBound;
}

const TOD = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

const AGO = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/i;
const AGO_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gi;

/** `10m`, `1h30m`, `2d`: that long before `nowMs`, written with the time it stands for (`10m (2024-03-11T09:05:00Z)`). */
function agoBound(s: string, nowMs: number): TimeBound | undefined {
  if (!AGO.test(s)) return undefined;
  let ms = 0;
  for (const m of s.matchAll(AGO_PART)) ms += parseFloat(m[1]!) * UNIT_MS[m[2]!.toLowerCase()]!;
  const t = Math.round(nowMs - ms);
  return { t, timeOfDay: false, text: `${s} (${new Date(t).toISOString().slice(0, 19)}Z)` };
}

/** A bound as the user wrote it; undefined when it is neither a time of day, a date and time nor a duration ago. */
export function parseBound(text: string, nowMs = Date.now()): TimeBound | undefined {
  const s = text.trim();
  const ago = agoBound(s, nowMs);
  if (ago) return ago;
  const m = TOD.exec(s);
  if (m) {
    const h = +m[1]!, mi = +m[2]!, sec = m[3] ? +m[3] : 0;
    if (h > 23 || mi > 59 || sec > 59) return undefined;
    const ms = m[4] ? +m[4].padEnd(3, '0') : 0;
    return { t: ((h * 60 + mi) * 60 + sec) * 1000 + ms, timeOfDay: true, text: s };
  }
  if (!DATE.test(s)) return undefined;
  let iso = s.replace(' ', 'T').replace(',', '.');
  if (!/T/.test(iso)) iso += 'T00:00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  // a day the month does not have (2024-02-30): Date rolls it over into the next month
  const [y, mo, d] = s.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  if (day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d) return undefined;
  return { t, timeOfDay: false, text: s };
}

/**
 * Where a time stands against one bound: -1 before it, 1 after it, 0 at it or not comparable. `face`: the anchor
 * of the stream's times of day (correlate/clock.ts), whose clock face a dated time is read on for a time-of-day
 * bound (a text log written at +01:00 says 10:00 for 09:00Z); UTC's without one.
 */
function against(t: number, b: TimeBound, face: number | undefined): number {
  if (b.timeOfDay) {
    const local = face === undefined || isTimeOfDay(t) ? t : t - face;
    const tod = ((local % DAY_MS) + DAY_MS) % DAY_MS;
    return Math.sign(tod - b.t);
  }
  return isTimeOfDay(t) ? 0 : Math.sign(t - b.t);
}

/**
 * Whether a request that started at `t` is in the window: from --since up to --until, both included. Two times of
 * day with --since after --until span midnight (`--since 23:30 --until 00:30`). A request without a time stays.
 */
export function inWindow(t: number | undefined, w: TimeWindow, face?: number): boolean {
  if (t === undefined) return true;
  const { since, until } = w;
  const afterSince = since === undefined || against(t, since, face) >= 0;
  const beforeUntil = until === undefined || against(t, until, face) <= 0;
  if (since?.timeOfDay && until?.timeOfDay && since.t > until.t) return afterSince || beforeUntil;
  return afterSince && beforeUntil;
}

/** A request that inWindow keeps because a date-and-time bound cannot be compared with it: only a time of day not placed on a date, or no time. */
export function keptUncompared(t: number | undefined, w: TimeWindow): boolean {
  return (w.since?.timeOfDay === false || w.until?.timeOfDay === false) && (t === undefined || isTimeOfDay(t));
}

export function isWindow(w: TimeWindow | undefined): w is TimeWindow {
  return w !== undefined && (w.since !== undefined || w.until !== undefined);
}

/** `since 09:00 until 09:15` for the TUI's header, or as the flags that set it (`--since 09:00 --until 09:15`) for the totals. */
export function describeWindow(w: TimeWindow, asFlags = false): string {
  const dash = asFlags ? '--' : '';
  return [w.since ? `${dash}since ${w.since.text}` : '', w.until ? `${dash}until ${w.until.text}` : ''].filter(Boolean).join(' ');
}

/**
 * The window as epoch ms, for a source that must be asked for it (Loki): a time of day is the most recent one in
 * UTC (--until's, the first at or after --since); --until alone starts an hour before it, as Loki's API does.
 * `slackMs` is added to the end: a request that started by --until logs up to then (the grace period).
 */
export function epochWindow(w: TimeWindow, nowMs: number, slackMs: number): { startMs: number; endMs?: number } | undefined {
  if (!isWindow(w)) return undefined;
  const latest = (tod: number) => {
    const t = Math.floor(nowMs / DAY_MS) * DAY_MS + tod;
    return t > nowMs ? t - DAY_MS : t;
  };
  const firstFrom = (tod: number, from: number) => {
    const t = Math.floor(from / DAY_MS) * DAY_MS + tod;
    return t < from ? t + DAY_MS : t;
  };
  const since = w.since && (w.since.timeOfDay ? latest(w.since.t) : w.since.t);
  let until: number | undefined;
  if (w.until) until = !w.until.timeOfDay ? w.until.t : since !== undefined ? firstFrom(w.until.t, since) : latest(w.until.t);
  const startMs = since ?? until! - 60 * 60 * 1000;
  return until === undefined ? { startMs } : { startMs, endMs: until + slackMs };
}
