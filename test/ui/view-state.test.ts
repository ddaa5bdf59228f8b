import { describe, expect, it } from 'vitest';
import type { Label } from '../../src/model.js';
import { reduce } from '../../src/ui/state/reducer.js';
import { clampTop, cursorIndex, initialState, syncDetail, type Action, type ViewContext, type ViewState } from '../../src/ui/state/view-state.js';

function list(labels: Label[], firstSeq = 1) {
  return labels.map((label, i) => ({ seq: firstSeq + i, label }));
}

function ctx(over: Partial<ViewContext> = {}): ViewContext {
  return {
    list: list(['ok', 'ok', 'allowlist-suspect', 'ok', 'backend-error', 'ok', 'ok', 'ok', 'ok', 'ok']),
    listRows: 4,
    detailRows: 3,
    detail: [{}, { fold: 'request' }, {}, { fold: 'up:0' }, {}, {}],
    present: ['allowlist-suspect', 'backend-error', 'ok'],
    ...over,
  };
}

function run(s: ViewState, c: ViewContext, ...actions: Action[]): ViewState {
  return actions.reduce((st, a) => reduce(st, a, c), s);
}

describe('list movement', () => {
  it('moves the selection by seq and scrolls to keep it visible', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'move', by: 1 });
    expect(s.selectedSeq).toBe(2);
    s = run(s, c, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 });
    expect(s.selectedSeq).toBe(6);
    expect(cursorIndex(s, c.list)).toBe(5);
    expect(s.top).toBe(2); // rows 2..5 on screen
    s = run(s, c, { type: 'move', by: -100 });
    expect(s.selectedSeq).toBe(1);
    expect(s.top).toBe(0);
  });

  it('pages, goes home and end', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'page', by: 1 });
    expect(s.selectedSeq).toBe(4); // listRows - 1 = 3 rows down
    s = run(s, c, { type: 'end' });
    expect(s.selectedSeq).toBe(10);
    expect(s.top).toBe(6);
    s = run(s, c, { type: 'home' });
    expect(s.selectedSeq).toBe(1);
    expect(s.top).toBe(0);
  });

  it('keeps the selected request when the list changes around it', () => {
    const c = ctx();
    const s = run(initialState(), c, { type: 'move', by: 4 }); // seq 5
    expect(s.selectedSeq).toBe(5);
    const filtered = [{ seq: 3, label: 'allowlist-suspect' as Label }, { seq: 5, label: 'backend-error' as Label }];
    expect(cursorIndex(s, filtered)).toBe(1);
    // the selected seq filtered out: the next row after it
    expect(cursorIndex(s, [{ seq: 3, label: 'ok' as Label }, { seq: 9, label: 'ok' as Label }])).toBe(1);
    // and the last row when nothing comes after
    expect(cursorIndex(s, [{ seq: 1, label: 'ok' as Label }, { seq: 2, label: 'ok' as Label }])).toBe(1);
    expect(cursorIndex(s, [])).toBe(-1);
  });

  it('does nothing harmful on an empty list', () => {
    const c = ctx({ list: [] });
    const s = run(initialState(), c, { type: 'move', by: 1 }, { type: 'end' }, { type: 'enter' }, { type: 'nextFailure', dir: 1 });
    expect(s.selectedSeq).toBeUndefined();
    expect(s.message).toBe('no failures in this view');
  });

  it('clampTop keeps the cursor on screen and the list full', () => {
    expect(clampTop(0, 9, 4, 10)).toBe(6);
    expect(clampTop(8, 9, 4, 10)).toBe(6);
    expect(clampTop(5, 2, 4, 10)).toBe(2);
    expect(clampTop(3, -1, 4, 2)).toBe(0);
  });
});

describe('follow', () => {
  it('follows the newest row on live input and stops when the user moves', () => {
    const c = ctx();
    let s = initialState({ live: true });
    expect(s.follow).toBe(true);
    expect(cursorIndex(s, c.list)).toBe(9);
    const longer = ctx({ list: list(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']) });
    expect(cursorIndex(s, longer.list)).toBe(11);
    s = run(s, longer, { type: 'move', by: -1 });
    expect(s.follow).toBe(false);
    expect(s.selectedSeq).toBe(11);
    s = run(s, longer, { type: 'toggleFollow' });
    expect(s.follow).toBe(true);
    s = run(s, longer, { type: 'toggleFollow' });
    expect(s.follow).toBe(false);
    expect(s.selectedSeq).toBe(12); // stays where following left it
  });
  it('starts without follow for files', () => {
    expect(initialState({ live: false }).follow).toBe(false);
  });
});

describe('failures', () => {
  it('n and N walk to the next and previous failure, wrapping', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'nextFailure', dir: 1 });
    expect(s.selectedSeq).toBe(3);
    s = run(s, c, { type: 'nextFailure', dir: 1 });
    expect(s.selectedSeq).toBe(5);
    s = run(s, c, { type: 'nextFailure', dir: 1 });
    expect(s.selectedSeq).toBe(3);
    expect(s.message).toMatch(/wrapped/);
    s = run(s, c, { type: 'nextFailure', dir: -1 });
    expect(s.selectedSeq).toBe(5);
  });
  it('says so when the view has no failure', () => {
    const c = ctx({ list: list(['ok', 'ok', 'pending']) });
    const s = run(initialState(), c, { type: 'nextFailure', dir: 1 });
    expect(s.selectedSeq).toBeUndefined();
    expect(s.message).toBe('no failures in this view');
  });
});

describe('filters and search', () => {
  it('toggles labels in table order, and failures only', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'toggleLabel', label: 'ok' }, { type: 'toggleLabel', label: 'backend-error' });
    expect(s.labels).toEqual(['backend-error', 'ok']);
    s = run(s, c, { type: 'toggleLabel', label: 'ok' }, { type: 'toggleFailures' });
    expect(s.labels).toEqual(['backend-error']);
    expect(s.failuresOnly).toBe(true);
    s = run(s, c, { type: 'escape' });
    expect(s.labels).toEqual([]);
    expect(s.failuresOnly).toBe(false);
  });

  it('f cycles through the labels present, then back to all', () => {
    const c = ctx();
    const seen: string[][] = [];
    let s = initialState();
    for (let i = 0; i < 4; i++) {
      s = run(s, c, { type: 'cycleLabel' });
      seen.push([...s.labels]);
    }
    expect(seen).toEqual([['allowlist-suspect'], ['backend-error'], ['ok'], []]);
  });

  it('edits the query live, Enter keeps it, Esc clears it', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'openSearch' }, { type: 'searchEdit', op: { type: 'insert', text: 'ca' } }, { type: 'searchEdit', op: { type: 'insert', text: 'rt' } });
    expect(s.searchOpen).toBe(true);
    expect(s.query).toBe('cart');
    s = run(s, c, { type: 'searchEdit', op: { type: 'erase', what: 'before' } });
    expect(s.query).toBe('car');
    s = run(s, c, { type: 'searchAccept' });
    expect(s.searchOpen).toBe(false);
    expect(s.query).toBe('car');
    s = run(s, c, { type: 'escape' });
    expect(s.query).toBe('');
    s = run(s, c, { type: 'openSearch' }, { type: 'searchEdit', op: { type: 'insert', text: 'x' } }, { type: 'escape' });
    expect(s).toMatchObject({ query: '', searchOpen: false });
  });

  it('starts with the --only labels', () => {
    expect(initialState({ labels: new Set<Label>(['ok', 'timeout']) }).labels).toEqual(['timeout', 'ok']);
  });
});

describe('detail pane', () => {
  it('Enter focuses the detail pane on the first foldable line, Enter again unfolds it', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'enter' });
    expect(s.focus).toBe('detail');
    expect(s.detailCursor).toBe(1);
    expect(s.selectedSeq).toBe(1);
    s = run(s, c, { type: 'enter' });
    expect(s.unfolded).toEqual(['request']);
    s = run(s, c, { type: 'move', by: 2 }, { type: 'enter' });
    expect(s.unfolded).toEqual(['request', 'up:0']);
    s = run(s, c, { type: 'enter' });
    expect(s.unfolded).toEqual(['request']);
    // a line that does not fold
    s = run(s, c, { type: 'move', by: -1 }, { type: 'enter' });
    expect(s.unfolded).toEqual(['request']);
  });

  it('unfolding a section low in the pane scrolls it to the top; folding it leaves the view', () => {
    const c = ctx({ detailRows: 4, detail: [{}, {}, {}, { fold: 'raw' }, {}, {}] });
    let s = run(initialState(), c, { type: 'toggleFocus' }, { type: 'move', by: 3 });
    expect([s.detailCursor, s.detailTop]).toEqual([3, 0]);
    s = run(s, c, { type: 'enter' });
    expect(s.unfolded).toEqual(['raw']);
    expect(s.detailTop).toBe(3);
    s = run(s, c, { type: 'enter' });
    expect(s.unfolded).toEqual([]);
    expect(s.detailTop).toBeLessThanOrEqual(3);
    // high in the pane: no scroll
    s = run(initialState(), ctx(), { type: 'enter' }, { type: 'enter' });
    expect([s.unfolded, s.detailTop]).toEqual([['request'], 0]);
  });

  it('moves and scrolls inside the detail pane, Tab and Esc go back to the list', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'toggleFocus' }, { type: 'end' });
    expect(s.detailCursor).toBe(5);
    expect(s.detailTop).toBe(3);
    s = run(s, c, { type: 'page', by: -1 });
    expect(s.detailCursor).toBe(3);
    s = run(s, c, { type: 'toggleFocus' });
    expect(s.focus).toBe('list');
    s = run(s, c, { type: 'toggleFocus' }, { type: 'escape' });
    expect(s.focus).toBe('list');
  });

  it('starts the detail pane at the top when a search or filter moved the selection to another request', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'move', by: 2 }, { type: 'toggleFocus' }, { type: 'end' });
    expect(s.detailCursor).toBe(5);
    // the list changed under the selection (a search kept other requests): seq 3 is gone, seq 4 is shown
    const searched = ctx({ list: list(['ok', 'backend-error'], 4) });
    expect(syncDetail(s, searched.list).detailTop).toBe(0);
    s = run(s, searched, { type: 'move', by: 1 });
    expect(s.detailCursor).toBe(1);
    // the same request still selected: the position stays
    expect(syncDetail(s, searched.list)).toBe(s);
  });

  it('Enter on a line with a whole text shows it; Esc comes back to that line', () => {
    const detail = [{}, { fold: 'raw' }, { full: { title: 'raw line 7', body: '{"a": 1}' } }, {}];
    const c = ctx({ detail });
    let s = run(initialState(), c, { type: 'toggleFocus' }, { type: 'move', by: 2 }, { type: 'enter' });
    expect(s.text).toMatchObject({ title: 'raw line 7', body: '{"a": 1}' });
    s = run(s, ctx({ detail: [{}, {}] }), { type: 'escape' });
    expect(s.text).toBeUndefined();
    expect(s.detailCursor).toBe(2);
  });

  it('s keeps the selected request selected, also the first row selected without a key yet', () => {
    const c = ctx();
    const s = run(initialState(), c, { type: 'cycleOrder' });
    expect(s.order).toBe('time');
    expect(s.selectedSeq).toBe(1);
  });

  it('resets the detail scroll when another request is selected', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'toggleFocus' }, { type: 'end' }, { type: 'toggleFocus' }, { type: 'move', by: 1 });
    expect(s.detailCursor).toBe(0);
    expect(s.detailTop).toBe(0);
    s = run(s, c, { type: 'nextFailure', dir: 1 });
    expect(s.focus).toBe('list');
  });
});

describe('pause, time, help, confirm, quit', () => {
  it('toggles', () => {
    const c = ctx();
    const s = run(initialState(), c, { type: 'togglePause' }, { type: 'toggleTime' }, { type: 'toggleHelp' });
    expect(s).toMatchObject({ paused: true, timeMode: 'relative', help: true });
    const t = run(s, c, { type: 'togglePause' }, { type: 'toggleTime' }, { type: 'escape' });
    expect(t).toMatchObject({ paused: false, timeMode: 'absolute', help: false });
    expect(run(t, c, { type: 'quit' }).quit).toBe('q');
    expect(run(t, c, { type: 'quit', interrupted: true }).quit).toBe('interrupt');
  });
  it('space once the input has ended pages down, as in less and lnav (it said "nothing to pause"); p still says so', () => {
    const ended = ctx({ ended: true });
    const s = run(initialState(), ended, { type: 'togglePause', space: true });
    expect(s).toMatchObject({ paused: false, selectedSeq: 4 });
    expect(s.message).toBeUndefined();
    expect(run(s, ended, { type: 'togglePause', space: true }).selectedSeq).toBe(7);
    // live input: space pauses, as before
    expect(run(initialState(), ctx(), { type: 'togglePause', space: true }).paused).toBe(true);
  });
  it('p once the input has ended says there is nothing to pause (was: PAUSED, 0 lines buffered); a pause from before resumes', () => {
    const ended = ctx({ ended: true });
    const s = run(initialState(), ended, { type: 'togglePause' });
    expect(s.paused).toBe(false);
    expect(s.message).toBe('the input has ended: nothing to pause');
    const paused = run(initialState(), ctx(), { type: 'togglePause' });
    expect(run(paused, ended, { type: 'togglePause' }).paused).toBe(false);
  });
  it('scrolls a help taller than its rows within its lines, and closes a help that fits on a scroll key', () => {
    const c = ctx({ help: { rows: 10, lines: 25 } });
    let s = run(initialState(), c, { type: 'toggleHelp' }, { type: 'scrollHelp', by: 1 });
    expect(s).toMatchObject({ help: true, helpTop: 1 });
    s = run(s, c, { type: 'scrollHelp', by: 'page' }, { type: 'scrollHelp', by: 'page' });
    expect(s.helpTop).toBe(15);
    s = run(s, c, { type: 'scrollHelp', by: 'end' }, { type: 'scrollHelp', by: -1 });
    expect(s.helpTop).toBe(14);
    s = run(s, c, { type: 'scrollHelp', by: '-page' }, { type: 'scrollHelp', by: -100 });
    expect(s.helpTop).toBe(0);
    // opened again: from its top
    expect(run(s, c, { type: 'scrollHelp', by: 'end' }, { type: 'toggleHelp' }, { type: 'toggleHelp' }).helpTop).toBe(0);
    expect(run(initialState(), ctx({ help: { rows: 30, lines: 25 } }), { type: 'toggleHelp' }, { type: 'scrollHelp', by: 1 }).help).toBe(false);
  });
  it('asks and forgets the question on any answer', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'ask', prompt: 'Re-run?', intent: { type: 'rerun', seq: 3 } });
    expect(s.confirm?.prompt).toBe('Re-run?');
    s = run(s, c, { type: 'answer', yes: false });
    expect(s.confirm).toBeUndefined();
    expect(s.message).toBe('cancelled');
  });
});

describe('lines without a request', () => {
  it('u opens the view at its newest line with the detail focused; moving in the list closes it', () => {
    const c = ctx();
    let s = run(initialState(), c, { type: 'toggleUnattributed' });
    expect(s).toMatchObject({ unattributed: true, focus: 'detail' });
    expect(s.detailCursor).toBeGreaterThan(1000); // clamped to the last line when drawn
    s = run(s, c, { type: 'move', by: -1 });
    expect(s.detailCursor).toBe(c.detail.length - 2);
    s = run(s, c, { type: 'toggleFocus' }, { type: 'move', by: 1 });
    expect(s.unattributed).toBe(false);
    s = run(s, c, { type: 'toggleUnattributed' }, { type: 'escape' });
    expect(s).toMatchObject({ unattributed: false, focus: 'list' });
  });
});
