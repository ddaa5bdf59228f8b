// Formatting shared by the report and the TUI: times, durations, short IDs, paths.
import { isTimeOfDay } from '../parse/time.js';
import { cutMiddle, textWidth } from '../util/width.js';
import { originOf } from '../util/url.js';

/** A URL's path (the report, the TUI and the filters read it alike). */
export { pathOf } from '../util/url.js';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `HH:MM:SS.mmm` for a time of day; ISO 8601 (UTC) for an epoch time. */
export function formatTime(t: number | undefined, withDate = true): string {
  if (t === undefined) return '';
  if (isTimeOfDay(t)) {
    const d = Math.floor(t);
    const ms = d % 1000;
    const s = Math.floor(d / 1000) % 60;
    const m = Math.floor(d / 60000) % 60;
    const h = Math.floor(d / 3600000) % 24;
    return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
  }
  const iso = isoTime(t);
  return withDate ? iso : iso.slice(11, 23);
}

// report mode formats a time per printed request, most of them in the same second as the one before
let isoSecond = NaN;
let isoPrefix = '';

/** new Date(t).toISOString(), with the date and time up to the second made once per second. */
function isoTime(t: number): string {
  const ms = Math.trunc(t);
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const iso = new Date(ms).toISOString();
    // years past 9999 have a longer form: leave those to Date
    if (iso.length !== 24) return iso;
    isoSecond = second;
    isoPrefix = iso.slice(0, 20);
  }
  return `${isoPrefix}${pad(ms - second * 1000, 3)}Z`;
}

/**
 * A request's duration: with a `+` when it has no response row, since its lines' span is then only how long it
 * ran at least (a request that never answered did not take the 1 ms between its first two lines).
 */
export function requestDuration(g: { durationMs?: number; response?: unknown }): string {
  const d = formatDuration(g.durationMs);
  return d !== '' && g.response === undefined ? d + '+' : d;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}


/**
 * An ID cut to `cols`: whole when it fits; a UUID or hex ID by its head (unique in practice); other IDs by their tail,
 * where sequential IDs differ (`req-00012`, `req-00019`), and so are time-ordered UUIDs (version 7: their head is
 * the time, the same for a minute of requests). The cut is marked; `ssrtail curl` takes a head or a tail.
 */
export function fitId(id: string, cols: number): string {
  if (id.length <= cols) return id;
  const byHead = /^[0-9a-f]{8}/i.test(id) && !/^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(id);
  return byHead ? id.slice(0, cols - 1) + '…' : '…' + id.slice(id.length - (cols - 1));
}

/**
 * A URL or path cut to `cols` in the middle, keeping its start (scheme and host, or the first path segment) and
 * its end, where pages differ (`/_next/…/c/shoes.json?page=20`), counted in terminal columns.
 */
export function fitUrl(url: string, cols: number): string {
  if (textWidth(url) <= cols || cols < 12) return url;
  const origin = originOf(url);
  // the scheme, host and the slash after them
  const host = origin && origin.length + (url[origin.length] === '/' ? 1 : 0);
  const segment = url.indexOf('/', 1) + 1;
  let head = host ?? (segment > 0 ? segment : 0);
  if (head === 0 || head > cols * (host ? 0.65 : 0.5)) head = Math.floor(cols * 0.4);
  return cutMiddle(url, cols, head);
}
