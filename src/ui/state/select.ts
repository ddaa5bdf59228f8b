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
