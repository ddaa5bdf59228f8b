// The TUI's reducer: applies an Action to the ViewState (view-state.ts), reading the ViewContext passed at dispatch
// time. Pure, no Ink, no pipeline; the list's own actions (marks, order, ...) are list-actions.ts's.
import { newestIndex } from './select.js';
import { clampTop, cursorIndex, moveDetail, nextFailure, selectIndex, syncDetail } from './cursor.js';
import { reduceList } from './list-actions.js';
import { applyEdit } from './line-edit.js';
import { LABELS, FAILURE_LABELS, type Label } from '../../model.js';
import { cycleGroups, pickGroup } from './groups-view.js';
import { scrollHelp } from './help.js';
import type { Action, ViewContext, ViewState } from './view-state.js';

/** The row selected on screen made the selection, so it stays selected once a search or filter that showed it is cleared. */
function pin(s: ViewState, ctx: ViewContext, cur: number): ViewState {
  const seq = s.follow || cur < 0 ? undefined : ctx.list[cur]?.seq;
  return seq === undefined ? s : { ...s, selectedSeq: seq };
}

function toggle<T>(arr: readonly T[], v: T): T[] {
  return arr.includes(v) ? arr.filter((x) => x !== v) : [...arr, v];
}

export function reduce(state: ViewState, a: Action, ctx: ViewContext): ViewState {
  const s = syncDetail(state, ctx.list);
  const cur = cursorIndex(s, ctx.list);
  const inDetail = s.focus === 'detail';
  // the detail cursor as drawn (it may point past the end after the content shrank)
  const dc = Math.min(s.detailCursor, Math.max(0, ctx.detail.length - 1));
  switch (a.type) {
    case 'move':
      return inDetail ? moveDetail(s, ctx, dc + a.by) : selectIndex(s, ctx, cur + a.by);
    case 'page': {
      if (inDetail) return moveDetail(s, ctx, dc + a.by * Math.max(1, ctx.detailRows - 1));
      const step = a.by * Math.max(1, ctx.listRows - 1);
      const next = selectIndex(s, ctx, cur + step);
      return { ...next, top: clampTop(s.top + step, cursorIndex(next, ctx.list), ctx.listRows, ctx.list.length) };
    }
    case 'home':
      return inDetail ? moveDetail(s, ctx, 0) : selectIndex(s, ctx, 0);
    case 'end':
      return inDetail ? moveDetail(s, ctx, ctx.detail.length - 1) : selectIndex(s, ctx, ctx.list.length - 1);
    case 'select': {
      const i = ctx.list.findIndex((x) => x.seq === a.seq);
      return i < 0 ? s : selectIndex(s, ctx, i);
    }
    case 'enter': {
      if (!inDetail) {
        if (ctx.list.length === 0) return s;
        const first = ctx.detail.findIndex((l) => l.fold !== undefined);
        const base = selectIndex(s, ctx, cur, true);
        return moveDetail({ ...base, focus: 'detail' }, ctx, first >= 0 ? first : 0);
      }
      const line = ctx.detail[dc];
      if (s.groups && !s.text) return pickGroup(s, line?.group);
      // a raw line or a header value, cut on screen: shown whole (Esc comes back)
      if (line?.full && !s.text) {
        // back to the lines as drawn (the state's top may be one the view clamped)
        const top = clampTop(s.detailTop, dc, ctx.detailRows, ctx.detail.length);
        return { ...s, text: { ...line.full, back: { cursor: dc, top } }, detailCursor: 0, detailTop: 0 };
      }
      const key = line?.fold;
      if (key === undefined) return s;
      // unfolding a section in the lower half of the pane scrolls it to the top, so what opens is seen
      const top = clampTop(s.detailTop, dc, ctx.detailRows, ctx.detail.length);
      const opening = !s.unfolded.includes(key);
      return { ...s, unfolded: toggle(s.unfolded, key), detailTop: opening && dc - top >= ctx.detailRows / 2 ? dc : top };
    }
    case 'toggleFocus':
      return { ...s, focus: inDetail ? 'list' : 'detail' };
    case 'nextFailure':
      return nextFailure(s, ctx, cur, a.dir);
    case 'toggleLabel': {
      const labels = LABELS.filter((l) => toggle(s.labels, a.label).includes(l));
      // `e` then a digit shows the failures of that label only: say how to leave the label out instead
      const hint = s.failuresOnly && FAILURE_LABELS.has(a.label) && labels.includes(a.label) ? `only ${a.label} now; to hide it from the failures instead: /-label:${a.label}` : undefined;
      return { ...s, labels, top: 0, message: hint ?? s.message };
    }
    case 'cycleLabel': {
      const present = ctx.present;
      if (present.length === 0) return { ...s, labels: [], message: 'no requests yet' };
      let next: Label[];
      if (s.labels.length !== 1) next = [present[0]!];
      else {
        const i = present.indexOf(s.labels[0]!);
        next = i >= 0 && i + 1 < present.length ? [present[i + 1]!] : i < 0 ? [present[0]!] : [];
      }
      return { ...s, labels: next, top: 0 };
    }
    case 'toggleFailures':
      return { ...s, failuresOnly: !s.failuresOnly, top: 0 };
    case 'clearFilters':
      // a message about what was filtered (`only the 3 marked listed`) would now be wrong: the status line's count says
      // what is listed (--filter still applies)
      return { ...pin(s, ctx, cur), labels: [], failuresOnly: false, markedOnly: false, query: '', searchOpen: false, groupFilter: undefined, message: undefined };
    case 'openSearch':
      // the cursor at the end of a query kept with Enter
      return { ...s, searchOpen: true, help: false, queryCursor: undefined };
    case 'searchEdit': {
      const before = { text: s.query, cursor: s.queryCursor };
      const e = applyEdit(before, a.op);
      return e === before ? s : e.text === s.query ? { ...s, queryCursor: e.cursor } : { ...s, query: e.text, queryCursor: e.cursor, top: 0 };
    }
    case 'searchAccept':
      return { ...s, searchOpen: false };
    case 'escape':
      if (s.confirm) return { ...s, confirm: undefined, message: 'cancelled' };
      if (s.help) return { ...s, help: false };
      // back where Enter was pressed (a raw line shown whole), else the top
      if (s.text) return { ...s, text: undefined, detailCursor: s.text.back?.cursor ?? 0, detailTop: s.text.back?.top ?? 0 };
      if (s.unattributed || s.groups) return { ...s, unattributed: false, groups: undefined, focus: 'list', detailCursor: 0, detailTop: 0 };
      if (s.searchOpen || s.query) return { ...pin(s, ctx, cur), searchOpen: false, query: '', top: 0 };
      if (s.focus === 'detail') return { ...s, focus: 'list' };
      if (s.labels.length || s.failuresOnly || s.markedOnly || s.groupFilter) return { ...pin(s, ctx, cur), labels: [], failuresOnly: false, markedOnly: false, groupFilter: undefined, top: 0 };
      return { ...s, message: undefined };
    case 'togglePause':
      // nothing flows once every source has ended: no PAUSED to show (resuming one paused before still works)
      // space then pages down, as in less and lnav (p says so)
      if (ctx.ended && !s.paused) return a.space ? reduce(s, { type: 'page', by: 1 }, ctx) : { ...s, message: 'the input has ended: nothing to pause' };
      return { ...s, paused: !s.paused };
    case 'setPaused':
      return { ...s, paused: a.paused };
    case 'toggleFollow':
      if (s.follow) return { ...selectIndex(s, ctx, cur), message: 'follow off: the selection stays (F follows again)' };
      // nothing new will come: the newest request is selected once, and follow stays off
      if (ctx.ended) return { ...selectIndex({ ...s, focus: 'list' }, ctx, newestIndex(ctx.list)), message: 'the input has ended: the newest request is selected' };
      return { ...s, follow: true, focus: 'list', message: 'following the newest request (a move stops it)' };
    case 'inputEnded':
      // following ends with the input, on the request it followed
      return s.follow ? selectIndex(s, ctx, cur) : s;
    case 'toggleTime':
      return { ...s, timeMode: s.timeMode === 'absolute' ? 'relative' : 'absolute' };
    case 'toggleZoom':
      return { ...s, zoom: !s.zoom };
    case 'toggleHost':
      return { ...s, showHost: !s.showHost, message: s.showHost ? 'the list shows paths' : 'the list shows host and path' };
    case 'toggleHelp':
      return { ...s, help: !s.help, helpTop: 0 };
    case 'scrollHelp':
      return scrollHelp(s, a, ctx);
    case 'showText':
      return { ...s, text: { title: a.title, body: a.body }, unattributed: false, groups: undefined, detailCursor: 0, detailTop: 0 };
    case 'toggleUnattributed':
      // opens at the newest line, focused for scrolling
      return s.unattributed
        ? { ...s, unattributed: false, focus: 'list', detailCursor: 0, detailTop: 0 }
        : { ...s, unattributed: true, groups: undefined, help: false, focus: 'detail', detailCursor: Number.MAX_SAFE_INTEGER, detailTop: Number.MAX_SAFE_INTEGER };
    case 'cycleGroups':
      return cycleGroups(s);
    case 'message':
      return { ...s, message: a.text, ...(a.underWay ? { underWay: a.text } : {}) };
    case 'ask':
      return { ...s, confirm: { prompt: a.prompt, intent: a.intent } };
    case 'answer':
      return { ...s, confirm: undefined, message: a.yes ? s.message : s.confirm?.intent.type === 'overwrite' ? 'not written' : 'cancelled' };
    case 'quit':
      return { ...s, quit: a.interrupted ? 'interrupt' : 'q' };
    default:
      return reduceList(s, a, ctx, cur);
  }
}
