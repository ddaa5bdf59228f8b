// Where the selection is in the list, and which rows are on screen: the cursor arithmetic of the reducer.
import { FAILURE_LABELS } from '../../model.js';
import { newestIndex, timeOrderedIndex } from './select.js';
import type { ListItem, ViewContext, ViewState } from './view-state.js';

/** Index of the selected request in the list (lists are ordered by seq; missing seq -> nearest row). */
export function cursorIndex(s: ViewState, list: readonly ListItem[]): number {
  const n = list.length;
  if (n === 0) return -1;
  // following: the newest request, wherever the list's order puts it
  if (s.follow) return newestIndex(list);
  if (s.selectedSeq === undefined) return 0;
  // a list in another order (`s`): the row itself, else the first one
  const timed = timeOrderedIndex(list, s.selectedSeq);
  if (timed !== undefined) return Math.max(0, timed);
  let lo = 0;
  let hi = n - 1;
  const want = s.selectedSeq;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq < want) lo = mid + 1;
    else hi = mid;
  }
  // the row itself, else the first one after it (or the last row)
  return lo;
}

/** Keeps `cursor` on screen: returns the top row to use. */
export function clampTop(top: number, cursor: number, rows: number, n: number): number {
  const r = Math.max(1, rows);
  let t = Math.min(top, Math.max(0, n - r));
  if (cursor >= 0) {
    if (cursor < t) t = cursor;
    if (cursor >= t + r) t = cursor - r + 1;
  }
  return Math.max(0, t);
}

export function selectIndex(s: ViewState, ctx: ViewContext, index: number, keepFollow = false): ViewState {
  const n = ctx.list.length;
  if (n === 0) return { ...s, follow: keepFollow && s.follow };
  const i = Math.max(0, Math.min(n - 1, index));
  const seq = ctx.list[i]!.seq;
  const changed = seq !== s.selectedSeq;
  return {
    ...s,
    selectedSeq: seq,
    follow: keepFollow ? s.follow : false,
    top: clampTop(s.top, i, ctx.listRows, n),
    detailCursor: changed || s.unattributed ? 0 : s.detailCursor,
    detailTop: changed || s.unattributed ? 0 : s.detailTop,
    detailSeq: seq,
    unattributed: false,
    groups: undefined,
    text: changed ? undefined : s.text,
  };
}

export function moveDetail(s: ViewState, ctx: ViewContext, to: number): ViewState {
  const n = ctx.detail.length;
  const c = Math.max(0, Math.min(n - 1, to));
  return { ...s, detailCursor: c, detailTop: clampTop(s.detailTop, c, ctx.detailRows, n), detailSeq: ctx.list[cursorIndex(s, ctx.list)]?.seq };
}

/** The state with the detail pane's position reset when it belongs to another request than the selected one. */
export function syncDetail(s: ViewState, list: readonly ListItem[]): ViewState {
  if (s.text || s.unattributed || s.groups) return s;
  const seq = list[cursorIndex(s, list)]?.seq;
  if (seq === undefined || seq === s.detailSeq) return s;
  return { ...s, detailCursor: 0, detailTop: 0, detailSeq: seq };
}

/** On live input, `n` past the newest failure: one may come any moment, and the oldest is not what was asked for. */
export const NO_NEWER_FAILURE = 'no newer failure yet (live input): n again once one comes · g n: the first · e: failures only';

/**
 * `n` / `N`: the next / previous failure in the list, wrapping around; on live input `n` does not wrap past the newest
 * failure to the oldest (the selection, and following the newest, stay: a failure about to come is the one wanted).
 */
export function nextFailure(s: ViewState, ctx: ViewContext, cur: number, dir: 1 | -1): ViewState {
  const n = ctx.list.length;
  for (let k = 1; k <= n; k++) {
    const i = (((cur + dir * k) % n) + n) % n;
    if (FAILURE_LABELS.has(ctx.list[i]!.label)) {
      const wrapped = dir > 0 ? i <= cur : i >= cur;
      if (wrapped && dir > 0 && ctx.ended === false) return { ...s, message: NO_NEWER_FAILURE };
      const next = selectIndex({ ...s, focus: 'list' }, ctx, i);
      return { ...next, message: wrapped ? `wrapped to the ${dir > 0 ? 'first' : 'last'} failure` : undefined };
    }
  }
  return { ...s, message: ctx.ended === false ? 'no failures in this view yet' : 'no failures in this view' };
}
