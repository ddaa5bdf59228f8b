// The groups view's lines (`a`): folding every listed request takes a while on a big list (about a second for
// 100k on a busy machine), so while new lines stream in it is folded again at most every 2 s; a change of key,
// width or filter, or the input's end, folds it at once.
import { useRef } from 'react';
import type { RequestGroup } from '../../model.js';
import type { GroupBy } from '../../report/group-by.js';
import { groupSummaryLines } from '../detail/panels.js';
import type { Line } from '../format/segments.js';

const REFOLD_MS = 2000;

export function useGroupSummary(list: readonly RequestGroup[], by: GroupBy | undefined, width: number, version: number, ended: boolean): Line[] | undefined {
  const cache = useRef<{ at: number; key: string; list: readonly RequestGroup[]; version: number; lines: Line[] } | undefined>(undefined);
  if (by === undefined) {
    cache.current = undefined;
    return undefined;
  }
  const key = `${by}|${width}|${ended}`;
  const c = cache.current;
  const stale = !c || c.key !== key || (c.list !== list && (c.version === version || Date.now() - c.at >= REFOLD_MS));
  if (stale) cache.current = { at: Date.now(), key, list, version, lines: groupSummaryLines(list, by, width) };
  return cache.current!.lines;
}
