// The reducer's list actions: the order (`s`), marks (`m`, `M`) and the path typed for writing the list out (`w`).
import type { ListOrder } from './select.js';
import type { ListItem, ViewContext, ViewState } from './view-state.js';
import { applyEdit, type EditOp } from './line-edit.js';

export type ListAction =
  | { type: 'cycleOrder' }
  | { type: 'toggleMark' }
  | { type: 'toggleMarkedOnly' }
  | { type: 'dropMarks'; seqs: readonly number[] }
  | { type: 'openPrompt'; text: string; rows?: number }
  | { type: 'promptEdit'; op: EditOp }
  | { type: 'closePrompt'; message?: string; underWay?: boolean };

const NEXT_ORDER: Record<ListOrder, ListOrder> = { arrival: 'time', time: 'duration', duration: 'arrival' };

export const ORDER_TEXT: Record<ListOrder, string> = {
  arrival: 'in order of arrival',
  time: 'in time order',
  duration: 'slowest first',
};

/** The rows `w` writes: the visible list, or its marked rows when any request is marked. */
export function rowsToWrite<T extends ListItem>(s: ViewState, list: readonly T[]): readonly T[] {
  if (s.marked.length === 0) return list;
  const marked = new Set(s.marked);
  return list.filter((x) => marked.has(x.seq));
}

export function reduceList(s: ViewState, a: ListAction, ctx: ViewContext, cur: number): ViewState {
  // the selected request stays selected when the list changes (also the first row, selected without a key yet)
  const keep = s.follow ? s.selectedSeq : ctx.list[cur]?.seq ?? s.selectedSeq;
  switch (a.type) {
    case 'cycleOrder': {
      const order = NEXT_ORDER[s.order];
      const text = `s: ${ORDER_TEXT[NEXT_ORDER[order]]}`;
      // slowest first is asked for to see the slowest: it is selected (the other orders keep the selected request)
      if (order === 'duration') {
        return { ...s, order, follow: false, selectedSeq: undefined, top: 0, detailCursor: 0, detailTop: 0, message: `list slowest first (no response: the least it ran; pending last) · ${text}` };
      }
      return { ...s, selectedSeq: keep, order, message: `list ${ORDER_TEXT[order]} · ${text}` };
    }
    case 'toggleMark': {
      const seq = ctx.list[cur]?.seq;
      if (seq === undefined) return { ...s, message: 'no request selected' };
      const on = !s.marked.includes(seq);
      const marked = on ? [...s.marked, seq] : s.marked.filter((x) => x !== seq);
      // the last mark gone: every request is listed again
      if (marked.length === 0) return { ...s, marked, markedOnly: false, selectedSeq: keep, message: 'unmarked: no request is marked' };
      return { ...s, marked, selectedSeq: keep, message: `${on ? 'marked' : 'unmarked'} (${marked.length} marked: M lists only them, w writes them)` };
    }
    case 'dropMarks': {
      const gone = new Set(a.seqs);
      const marked = s.marked.filter((x) => !gone.has(x));
      const n = s.marked.length - marked.length;
      if (n === 0) return s;
      return { ...s, marked, markedOnly: s.markedOnly && marked.length > 0, message: `${n} marked request${n === 1 ? ' was' : 's were'} let go (the oldest go past --max-groups): ${marked.length} marked` };
    }
    case 'toggleMarkedOnly':
      if (!s.markedOnly && s.marked.length === 0) return { ...s, message: 'no request is marked: m marks the selected one' };
      return { ...s, markedOnly: !s.markedOnly, selectedSeq: keep, top: 0, message: s.markedOnly ? 'every request listed' : `only the ${s.marked.length} marked listed (M: all)` };
    case 'openPrompt':
      return { ...s, prompt: { kind: 'write', text: a.text, ...(a.rows === undefined ? {} : { rows: a.rows }) }, searchOpen: false, help: false, message: undefined };
    case 'promptEdit': {
      // a key that changes nothing (← at the start) leaves the state as it was: nothing to draw
      const e = s.prompt && applyEdit(s.prompt, a.op);
      return s.prompt && e !== s.prompt ? { ...s, prompt: { ...s.prompt, ...e } } : s;
    }
    case 'closePrompt':
      return { ...s, prompt: undefined, message: a.message, ...(a.underWay ? { underWay: a.message } : {}) };
  }
}
