// What the list shows: the pipeline's groups through the label filter, "failures only" and the search.
import { FAILURE_LABELS, LABELS, type Label, type RequestGroup } from '../../model.js';

export interface ListFilter {
  labels: readonly Label[];
  failuresOnly: boolean;
  /** seqs matching the search; undefined = no search */
  matches?: ReadonlySet<number>;
}

export function isFiltered(f: ListFilter): boolean {
  return f.labels.length > 0 || f.failuresOnly || f.matches !== undefined;
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
 * one pass). Requests without a time keep their place after those with one; times of day sort before dates.
 */
export function sortByTime(list: readonly RequestGroup[]): readonly RequestGroup[] {
  const out = list.slice().sort((a, b) => (a.firstTime ?? Infinity) - (b.firstTime ?? Infinity) || a.seq - b.seq);
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
