// Timestamps. Epoch ms when the line has a date; otherwise ms since midnight (a "time of day").
// They meet once requests that carry both say which day (and zone) a stream's times of day are: see correlate/clock.ts.
import { unwrap } from './unwrap.js';

const TOD_RE = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export const DAY_MS = 86_400_000;
/**
 * Anything below this is a time of day (ms since midnight, plus a day per midnight the stream passed: see
 * DayRoll), not an epoch time: 1,000 days, 1972 as an epoch time, earlier than any dated log line.
 */
export const TOD_LIMIT = 1000 * DAY_MS;

export function isTimeOfDay(t: number): boolean {
  return t < TOD_LIMIT;
}

const HOUR_MS = 3_600_000;

/**
 * Times of day of one source, made to count up past midnight: a time far behind the newest one (more than
 * half a day) is the next day's, so 00:00:00.100 after 23:59:59.900 is 200 ms later, not a day earlier; and a
 * late row from before midnight that comes after it (23:59:59.950) stays on the day before. Lines of one
 * source come roughly in order, so half a day either way tells the two apart. Shown modulo a day
 * (report/format.ts). Epoch times pass unchanged.
 */
export class DayRoll {
  private offset = 0;
  private newest = -Infinity;
  /** the second-newest time: a line is the next day's only if it is behind this one too (by an hour), so one
   * stray line stamped hours ahead (`21:30:00 WARN disk 91%` in a 09:00 log) does not make every line after it
   * the next day, while a quiet log (a line every few hours) still counts its days */
  private second = -Infinity;

  roll(t: number): number {
    if (t >= DAY_MS) return t;
    let r = t + this.offset;
    if (r < this.newest - DAY_MS / 2 && (this.second === -Infinity || r < this.second - HOUR_MS)) {
      if (this.offset + 2 * DAY_MS > TOD_LIMIT) return r; // a stream of years: stop counting days
      this.offset += DAY_MS;
      r += DAY_MS;
    } else if (r > this.newest + DAY_MS / 2 && r >= DAY_MS) r -= DAY_MS;
    if (r > this.newest) {
      this.second = this.newest;
      this.newest = r;
    } else if (r > this.second) this.second = r;
    return r;
  }
}

/** Parses `HH:MM:SS.mmm` or ISO 8601; undefined when the token is neither. */
export function parseTimeToken(tok: string): number | undefined {
  const c = tok.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  if (tok.length <= 18 && tok.charCodeAt(1) !== 0 && (tok[2] === ':' || tok[1] === ':')) {
    const m = TOD_RE.exec(tok);
    if (!m) return undefined;
    const h = +m[1]!, mi = +m[2]!, s = +m[3]!;
    if (h > 23 || mi > 59 || s > 60) return undefined;
    const frac = m[4] ? Math.floor(+(m[4] + '000').slice(0, 3)) : 0;
    return ((h * 60 + mi) * 60 + s) * 1000 + frac;
  }
  if (ISO_RE.test(tok)) {
    const t = Date.parse(tok.replace(',', '.').replace(' ', 'T'));
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

/** A JSON time value: epoch ms, epoch seconds (with a fraction), or an ISO string. */
export function parseJsonTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v <= 0) return undefined;
    if (v < 1e11) return Math.round(v * 1000); // seconds
    if (v > 1e17) return inDateRange(Math.round(v / 1e6)); // nanoseconds (Loki)
    if (v > 1e14) return Math.round(v / 1e3); // microseconds
    return v;
  }
  if (typeof v === 'string' && v.length > 0) {
    if (/^\d+(\.\d+)?$/.test(v)) return parseJsonTime(+v);
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
    // a comma before the fraction (`2024-03-11 09:00:00,123`: log4js, Python's asctime), which Date.parse refuses
    return v.length > 18 ? parseTimeToken(v) : undefined;
  }
  return undefined;
}

/** The latest time a Date can hold (year 275760): later "times" are garbage, not times. */
const MAX_DATE_MS = 8.64e15;
const inDateRange = (t: number): number | undefined => (t <= MAX_DATE_MS ? t : undefined);

const JSON_TIME_RE = /"(?:time|timestamp|ts|@timestamp)"\s*:\s*("([^"]*)"|-?[\d.eE+-]+)/;

/** Cheap timestamp of a raw line, for merging several files in time order. */
export function peekTime(line: string): number | undefined {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  if (c === 123 /* { */) {
    const m = JSON_TIME_RE.exec(line);
    if (!m) return undefined;
    return parseJsonTime(m[2] !== undefined ? m[2] : Number(m[1]));
  }
  if (i === 0 && (c < 48 || c > 57)) {
    // a `[pod/...]` or compose prefix, a byte order mark or colour codes before the line's own time
    const inner = unwrap(line);
    return inner.length < line.length ? peekTime(inner) : undefined;
  }
  let j = i;
  while (j < line.length && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
  const tok = line.slice(i, j);
  const t = parseTimeToken(tok);
  if (t !== undefined || j - i !== 10 || j + 1 >= line.length) return t;
  // `2024-03-11 09:00:00.000`: a date and time written with a space (text rows, Grafana's export)
  let k = j + 1;
  while (k < line.length && line.charCodeAt(k) !== 32 && line.charCodeAt(k) !== 9) k++;
  return parseTimeToken(`${tok}T${line.slice(j + 1, k)}`);
}
