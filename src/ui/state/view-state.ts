// The TUI's view state: what is on screen (ViewState), what can happen to it (Action) and what an action reads
// of the data when it is dispatched (ViewContext: the visible list, pane heights, the selected request's detail
// lines). Pure, no Ink, no pipeline. The reducer that applies an action is reducer.ts.
import type { ListOrder } from './select.js';
import type { ListAction } from './list-actions.js';
import type { EditOp } from './line-edit.js';
import { LABELS, type Label } from '../../model.js';
import type { GroupBy } from '../../report/group-by.js';
import type { HelpScroll } from './help.js';

export { clampTop, cursorIndex, selectIndex, syncDetail } from './cursor.js';

export type Focus = 'list' | 'detail';
export type TimeMode = 'absolute' | 'relative';

export interface ViewState {
  focus: Focus;
  /** seq of the selected request (stable while the list changes) */
  selectedSeq?: number;
  /** first list row on screen */
  top: number;
  /** label filter; empty = every label */
  labels: readonly Label[];
  failuresOnly: boolean;
  /** typing in the search bar */
  searchOpen: boolean;
  query: string;
  /** the search bar's cursor in query (undefined: at its end) */
  queryCursor?: number;
  paused: boolean;
  /** keep the newest request selected */
  follow: boolean;
  timeMode: TimeMode;
  /** the focused pane takes the screen (the other keeps a row or two) */
  zoom: boolean;
  /** the list's order: of the requests' first lines (arrival), first times, or slowest first (`s` cycles) */
  order: ListOrder;
  /** seqs of the marked requests (`m`), in the order they were marked */
  marked: readonly number[];
  /** only the marked requests are listed (`M`) */
  markedOnly: boolean;
  /** a path being typed in the status line (`w`: where to write the list) */
  prompt?: { kind: 'write'; text: string; rows?: number; cursor?: number };
  /** the list shows each request's host with its path (`H`): a log of several sites */
  showHost: boolean;
  help: boolean;
  /** the help's first line on screen, when it does not fit */
  helpTop?: number;
  /** the detail pane shows the lines that belong to no request */
  unattributed: boolean;
  /** the detail pane shows the listed requests grouped by this key (`a`) */
  groups?: GroupBy;
  /** the list shows only the requests of this group (Enter on one in the groups view) */
  groupFilter?: { by: GroupBy; key: string };
  /** the detail pane shows this text (a copied curl command) until Esc or another request */
  text?: { title: string; body: string; back?: { cursor: number; top: number } };
  /** fold keys of unfolded sections (kept while moving between requests) */
  unfolded: readonly string[];
  detailCursor: number;
  detailTop: number;
  /** the request detailCursor and detailTop belong to: another selected request (a search or filter moved the
   * selection) starts at its top */
  detailSeq?: number;
  /** one line in the status bar */
  message?: string;
  /** the message of work under way ('re-running …', 'writing…'): shown until its outcome replaces it, not timed out */
  underWay?: string;
  /** a question waiting for y/n */
  confirm?: { prompt: string; intent: ConfirmIntent };
  /** set once the user quits: 'interrupt' for Ctrl-C (exit status 130, as report mode) */
  quit: false | 'q' | 'interrupt';
}

export type ConfirmIntent = { type: 'rerun'; seq: number; upstream?: number } | { type: 'overwrite'; path: string };

export interface ListItem {
  seq: number;
  label: Label;
}

/** What data-dependent actions need to know, read when the action is dispatched. */
export interface ViewContext {
  list: readonly ListItem[];
  listRows: number;
  detailRows: number;
  /** the selected request's detail lines: which ones fold, which ones Enter shows whole */
  detail: readonly { fold?: string; full?: { title: string; body: string }; group?: string }[];
  /** labels present in the stream (for `f` cycling) */
  present: readonly Label[];
  /** every source has ended: nothing new will come to follow */
  ended?: boolean;
  /** the help overlay's rows on screen and its lines (it scrolls when they do not fit) */
  help?: { rows: number; lines: number };
}

export type Action =
  | { type: 'move'; by: number }
  | { type: 'page'; by: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'select'; seq: number }
  | { type: 'enter' }
  | { type: 'toggleFocus' }
  | { type: 'nextFailure'; dir: 1 | -1 }
  | { type: 'toggleLabel'; label: Label }
  | { type: 'cycleLabel' }
  | { type: 'toggleFailures' }
  | { type: 'clearFilters' }
  | { type: 'openSearch' }
  | { type: 'searchEdit'; op: EditOp }
  | { type: 'searchAccept' }
  | { type: 'escape' }
  | { type: 'togglePause'; space?: boolean }
  | { type: 'setPaused'; paused: boolean }
  | { type: 'toggleFollow' }
  | { type: 'toggleTime' }
  | { type: 'toggleZoom' }
  | { type: 'toggleHost' }
  | { type: 'toggleHelp' }
  | HelpScroll
  | { type: 'toggleUnattributed' }
  | { type: 'cycleGroups' }
  | { type: 'showText'; title: string; body: string }
  | { type: 'message'; text?: string; underWay?: boolean }
  | { type: 'ask'; prompt: string; intent: ConfirmIntent }
  | { type: 'answer'; yes: boolean }
  | { type: 'inputEnded' }
  | { type: 'quit'; interrupted?: boolean }
  | ListAction;

export function initialState(o: { live?: boolean; labels?: Iterable<Label> } = {}): ViewState {
  return {
    focus: 'list',
    top: 0,
    labels: o.labels ? LABELS.filter((l) => new Set(o.labels).has(l)) : [],
    failuresOnly: false,
    searchOpen: false,
    query: '',
    paused: false,
    follow: o.live ?? false,
    timeMode: 'absolute',
    zoom: false,
    order: 'arrival',
    marked: [],
    markedOnly: false,
    showHost: false,
    help: false,
    unattributed: false,
    unfolded: [],
    detailCursor: 0,
    detailTop: 0,
    quit: false,
  };
}

