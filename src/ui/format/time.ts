// Times in the list: absolute (the log's own clock) or relative to the stream's newest time (date-fns).
import { formatDistanceStrict, type Locale } from 'date-fns';
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
    return formatDistanceStrict(new Date(t), new Date(newest), { addSuffix: true, locale: COMPACT as Locale, roundingMethod: 'floor' });
  }
  return formatTime(t, false);
}
