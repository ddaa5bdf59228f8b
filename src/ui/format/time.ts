// Times in the list: absolute (the log's own clock) or relative to the stream's newest time (date-fns).
// subpath imports: the package root loads every date-fns function (~0.3 s of start-up)
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { intervalToDuration } from 'date-fns/intervalToDuration';
import type { Locale } from 'date-fns/locale';
import { formatTime } from '../../report/format.js';
import { isTimeOfDay } from '../../parse/time.js';

const UNITS: Record<string, string> = {
  xSeconds: 's',
  xMinutes: 'm',
  xHours: 'h',
  xDays: 'd',
  xMonths: 'mo',
  xYears: 'y',
};

/** A date-fns locale that only knows compact distances: "12s ago", "3m ago". */
const COMPACT: Pick<Locale, 'formatDistance'> = {
  formatDistance: (token, count, options) => {
    const s = `${count}${UNITS[token] ?? ''}`;
    if (!options?.addSuffix) return s;
    return (options.comparison ?? 0) > 0 ? `in ${s}` : `${s} ago`;
  },
};

export type TimeMode = 'absolute' | 'relative';

/** Time of a list row: HH:MM:SS.mmm, or "12s ago" relative to `newest` (the same time domain). */
export function listTime(t: number | undefined, mode: TimeMode, newest: number | undefined): string {
  if (t === undefined) return '';
  if (mode === 'relative' && newest !== undefined && Number.isFinite(newest) && isTimeOfDay(t) === isTimeOfDay(newest)) {
    if (newest - t < 1000) return 'now';
    if (newest - t < 60_000 || newest < t) return formatDistanceStrict(new Date(t), new Date(newest), { addSuffix: true, locale: COMPACT as Locale, roundingMethod: 'floor' });
    // two units under a day: "1m18s ago", "2h05m ago"
    const d = intervalToDuration({ start: new Date(t), end: new Date(newest) });
    const two = (v: number | undefined) => String(v ?? 0).padStart(2, '0');
    if (!d.years && !d.months && !d.days) return d.hours ? `${d.hours}h${two(d.minutes)}m ago` : `${d.minutes ?? 0}m${two(d.seconds)}s ago`;
    return formatDistanceStrict(new Date(t), new Date(newest), { addSuffix: true, locale: COMPACT as Locale, roundingMethod: 'floor' });
  }
  return formatTime(t, false);
}

const DAY = 86_400_000;

/**
 * `+1.2s`, `-3m05s`: how long after (or before) `anchor` the time `t` is. Relative times count from the selected
 * request once the input has ended ("ago" the last line means little then). A time of day and a dated time are
 * compared on the clock face (the nearer day), as one log's text and JSON rows are one clock.
 */
export function offsetTime(t: number, anchor: number): string {
  let at = t;
  if (isTimeOfDay(t) !== isTimeOfDay(anchor)) {
    at = anchor - (anchor % DAY) + (t % DAY);
    if (at - anchor > DAY / 2) at -= DAY;
    else if (anchor - at > DAY / 2) at += DAY;
  }
  const d = at - anchor;
  const a = Math.abs(d);
  const sign = d < 0 ? '-' : '+';
  const two = (v: number) => String(v).padStart(2, '0');
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  if (a < 60_000) return `${sign}${(Math.floor(a / 100) / 10).toFixed(1)}s`;
  if (a < 3_600_000) return `${sign}${Math.floor(a / 60_000)}m${two(Math.floor(a / 1000) % 60)}s`;
  if (a < DAY) return `${sign}${Math.floor(a / 3_600_000)}h${two(Math.floor(a / 60_000) % 60)}m`;
  return `${sign}${Math.floor(a / DAY)}d`;
}

/**
 * The stream's newest time to compare `t` with. Logs may mix times of day (text rows) and epoch times
 * (JSON rows); when both clocks are within an hour of each other on the clock face they are one clock,
 * and the later of the two is "now".
 */
export function newestFor(t: number, clockTod: number, clockEpoch: number): number | undefined {
  const tod = Number.isFinite(clockTod) ? clockTod : undefined;
  const ep = Number.isFinite(clockEpoch) ? clockEpoch : undefined;
  // times of day count up a day per midnight passed (parse/time.ts DayRoll): compare them on the clock face
  const same = tod !== undefined && ep !== undefined && Math.abs((ep % DAY) - (tod % DAY)) < 3_600_000;
  if (isTimeOfDay(t)) return same ? Math.max(tod!, tod! - (tod! % DAY) + (ep! % DAY)) : tod;
  return same ? Math.max(ep!, ep! - (ep! % DAY) + (tod! % DAY)) : ep;
}
