// What the list shows: the pipeline's groups through the label filter, "failures only" and the search.
import { FAILURE_LABELS, LABELS, type Label, type RequestGroup } from '../../model.js';
import { DAY_MS, isTimeOfDay } from '../../parse/time.js';
import { inWindow, isWindow, type TimeWindow } from '../../util/window.js';

export interface ListFilter {
  labels: readonly Label[];
  failuresOnly: boolean;
  /** seqs matching the search; undefined = no search */
  matches?: ReadonlySet<number>;
  /** --since / --until */
  window?: TimeWindow;
  /** the anchor of the stream's times of day, on whose clock face a time-of-day bound reads dated times (see inWindow) */
  face?: number;
}

export function isFiltered(f: ListFilter): boolean {
  return f.labels.length > 0 || f.failuresOnly || f.matches !== undefined || isWindow(f.window);
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
    out.push(g);
  }
  return out;
}

/** Labels with at least one request, in table order. */
export function presentLabels(counts: Readonly<Record<Label, number>>): Label[] {
  return LABELS.filter((l) => counts[l] > 0);
}

/** Lists in time order (`s`): their rows are not in seq order, so a row is found by a map, not a binary search. */
const byTime = new WeakMap<readonly { seq: number }[], Map<number, number>>();

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
  const key = (t: number | undefined) => (t === undefined ? Infinity : isTimeOfDay(t) ? day + (t % DAY_MS) : t);
  const out = list.slice().sort((a, b) => key(a.firstTime) - key(b.firstTime) || a.seq - b.seq);
  byTime.set(out, new Map());
  return out;
}

/** The row of `seq` in a list made by sortByTime (-1 when it is not there); undefined for a list in seq order. */
export function timeOrderedIndex(list: readonly { seq: number }[], seq: number): number | undefined {
  const index = byTime.get(list);
  if (!index) return undefined;
  if (index.size === 0) list.forEach((x, i) => index.set(x.seq, i));
  return index.get(seq) ?? -1;
}
