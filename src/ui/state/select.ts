// What the list shows: the pipeline's groups through the label filter, "failures only", the search, --since/--until
// and --filter.
import { FAILURE_LABELS, LABELS, type Label, type RequestGroup } from '../../model.js';
import { DAY_MS, isTimeOfDay } from '../../parse/time.js';
import { inWindow, isWindow, type TimeWindow } from '../../util/window.js';
import { keysOf, type GroupBy } from '../../report/group-by.js';
import { matchesFilter, type RequestFilter } from '../../filter/filter.js';

export interface ListFilter {
  labels: readonly Label[];
  failuresOnly: boolean;
  /** seqs matching the search; undefined = no search */
  matches?: ReadonlySet<number>;
  /** --since / --until */
  window?: TimeWindow;
  /** `M`: only these seqs (the marked requests) */
  marked?: ReadonlySet<number>;
  /** one group of the groups view (`a`, Enter) */
  group?: { by: GroupBy; key: string };
  /** --filter */
  filter?: RequestFilter;
  /** the anchor of the stream's times of day, on whose clock face a time-of-day bound reads dated times (see inWindow) */
  face?: number;
}

export function isFiltered(f: ListFilter): boolean {
  return f.labels.length > 0 || f.failuresOnly || f.matches !== undefined || isWindow(f.window) || f.marked !== undefined || f.group !== undefined || f.filter !== undefined;
}

/** The visible groups, in list order. Returns `groups` itself when nothing filters. */
export function visibleGroups(groups: readonly RequestGroup[], f: ListFilter): readonly RequestGroup[] {
  if (!isFiltered(f)) return groups;
  const labels = f.labels.length ? new Set(f.labels) : undefined;
  const out: RequestGroup[] = [];
  for (const g of groups) {
    if (labels && !labels.has(g.label)) continue;
    if (f.failuresOnly && !FAILURE_LABELS.has(g.label)) continue;
    if (f.matches && !f.matches.has(g.seq)) continue;
    if (f.window && !inWindow(g.firstTime, f.window, f.face)) continue;
    if (f.marked && !f.marked.has(g.seq)) continue;
    if (f.group && !keysOf(g, f.group.by).includes(f.group.key)) continue;
    if (f.filter && !matchesFilter(g, f.filter)) continue;
    out.push(g);
  }
  return out;
}

/** Whether a list in seq order (the pipeline's groups) holds the request `seq`: a binary search. */
export function holdsSeq(list: readonly { seq: number }[], seq: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid]!.seq;
    if (at === seq) return true;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Labels with at least one request, in table order. */
export function presentLabels(counts: Readonly<Record<Label, number>>): Label[] {
  return LABELS.filter((l) => counts[l] > 0);
}

/** The list's order (`s` cycles): first line seen, first time, or slowest first. */
export type ListOrder = 'arrival' | 'time' | 'duration';

/** Lists not in seq order (`s`): a row is found by a map, not a binary search; `newest` is the row of the highest seq. */
const reordered = new WeakMap<readonly { seq: number }[], { rows: Map<number, number>; newest?: number }>();

/** The list in `order` (the list itself for arrival order). */
export function sortList(list: readonly RequestGroup[], order: ListOrder): readonly RequestGroup[] {
  if (order === 'arrival') return list;
  return order === 'time' ? sortByTime(list) : sortByDuration(list);
}

/**
 * The list in order of each request's first time (a stable sort: nearly sorted input, as logs are, costs about
 * one pass). Requests without a time go last. A time of day (`09:00:00.192`) among dated times is placed on the
 * first date's day, as the platform's text and JSON lines of one log are the same clock (busy.log mixes them).
 */
export function sortByTime(list: readonly RequestGroup[]): readonly RequestGroup[] {
  let day = 0;
  for (const g of list) {
    if (g.firstTime !== undefined && !isTimeOfDay(g.firstTime)) {
      day = Math.floor(g.firstTime / DAY_MS) * DAY_MS;
      break;
    }
  }
  // a time of day counts the midnights its stream passed (parse/time.ts DayRoll): 00:00:02 after 23:59:59 is the next day's
  const key = (t: number | undefined) => (t === undefined ? Infinity : isTimeOfDay(t) ? day + t : t);
  const out = list.slice().sort((a, b) => key(a.firstTime) - key(b.firstTime) || a.seq - b.seq);
  reordered.set(out, { rows: new Map() });
  return out;
}

/**
 * Slowest first. A request without a response row (`1ms+`) counts by the span of its lines, the least it ran;
 * requests with no duration at all come after those with one, and `pending` ones (still running on live input:
 * their duration is not known yet) last. Ties keep the order of arrival.
 */
export function sortByDuration(list: readonly RequestGroup[]): readonly RequestGroup[] {
  const rank = (g: RequestGroup) => (g.label === 'pending' ? 2 : g.durationMs === undefined ? 1 : 0);
  const out = list.slice().sort((a, b) => rank(a) - rank(b) || (b.durationMs ?? 0) - (a.durationMs ?? 0) || a.seq - b.seq);
  reordered.set(out, { rows: new Map() });
  return out;
}

/** The row of `seq` in a list made by sortList (-1 when it is not there); undefined for a list in seq order. */
export function timeOrderedIndex(list: readonly { seq: number }[], seq: number): number | undefined {
  const index = reordered.get(list);
  if (!index) return undefined;
  if (index.rows.size === 0) list.forEach((x, i) => index.rows.set(x.seq, i));
  return index.rows.get(seq) ?? -1;
}

/** The row of the newest request (the highest seq): the last row, but for a list made by sortList. */
export function newestIndex(list: readonly { seq: number }[]): number {
  const index = reordered.get(list);
  if (!index) return list.length - 1;
  if (index.newest === undefined) {
    let best = -1;
    list.forEach((x, i) => {
      if (best < 0 || x.seq > list[best]!.seq) best = i;
    });
    index.newest = best;
  }
  return index.newest;
}
