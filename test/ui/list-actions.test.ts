// The reducer's list actions (order, marks, the write prompt, follow at the end of the input), the orders
// themselves, and relative times counted from the selected request.
import { describe, expect, it } from 'vitest';
import type { Label, RequestGroup } from '../../src/model.js';
import { reduce } from '../../src/ui/state/reducer.js';
import { cursorIndex, initialState, type Action, type ViewContext, type ViewState } from '../../src/ui/state/view-state.js';
import { rowsToWrite } from '../../src/ui/state/list-actions.js';
import { newestIndex, sortByDuration, sortList } from '../../src/ui/state/select.js';
import { offsetTime } from '../../src/ui/format/time.js';

/** Groups with what the orders read: seq, label, first time, duration, and whether a response row came. */
function group(seq: number, durationMs: number | undefined, o: { label?: Label; response?: boolean; firstTime?: number } = {}): RequestGroup {
  return { seq, label: o.label ?? 'ok', durationMs, firstTime: o.firstTime ?? 1_710_186_730_000 + seq * 1000, response: o.response === false ? undefined : { headers: [] } } as unknown as RequestGroup;
}

function ctx(list: readonly { seq: number; label: Label }[], over: Partial<ViewContext> = {}): ViewContext {
  return { list, listRows: 4, detailRows: 3, detail: [], present: ['ok'], ...over };
}

function run(s: ViewState, c: ViewContext, ...actions: Action[]): ViewState {
  return actions.reduce((st, a) => reduce(st, a, c), s);
}

const groups = [
  group(1, 100),
  group(2, 20_500, { label: 'allowlist-suspect', response: false }),
  group(3, 200, { label: 'backend-error', response: false }),
  group(4, undefined, { label: 'timeout' }),
  group(5, 30_000, { label: 'pending', response: false }),
  group(6, 300, { label: 'error' }),
  group(7, 100),
];

describe('slowest first', () => {
  it('orders by duration, a request without a response by the least it ran; no duration, then pending, last', () => {
    expect(sortByDuration(groups).map((g) => g.seq)).toEqual([2, 6, 3, 1, 7, 4, 5]);
  });

  it('s cycles arrival, time, duration, arrival: time and arrival keep the selected request, slowest first selects the slowest', () => {
    const arrival = ctx(groups);
    let s = run(initialState(), arrival, { type: 'move', by: 2 }); // seq 3
    s = run(s, arrival, { type: 'cycleOrder' });
    expect(s.order).toBe('time');
    s = run(s, ctx(sortList(groups, 'time')), { type: 'cycleOrder' });
    expect(s.order).toBe('duration');
    expect(s.message).toMatch(/slowest first.*pending last/);
    const slow = ctx(sortList(groups, 'duration'));
    expect(cursorIndex(s, slow.list)).toBe(0);
    expect(slow.list[0]!.seq).not.toBe(3);
    // moving goes by the new order
    s = run(s, slow, { type: 'move', by: 1 });
    expect(s.selectedSeq).toBe(slow.list[1]!.seq);
    s = run(s, slow, { type: 'cycleOrder' });
    expect(s.order).toBe('arrival');
    expect(groups[cursorIndex(s, groups)]!.seq).toBe(slow.list[1]!.seq);
  });

  it('follow keeps the newest request selected, wherever the order puts it', () => {
    const slow = sortList(groups, 'duration');
    expect(newestIndex(slow)).toBe(slow.findIndex((g) => g.seq === 7));
    expect(newestIndex(groups)).toBe(groups.length - 1);
    const s = initialState({ live: true });
    expect(slow[cursorIndex(s, slow)]!.seq).toBe(7);
  });
});

describe('marks', () => {
  const c = ctx(groups);
  it('m marks and unmarks the selected request; M lists only the marked ones; x and Esc list all again', () => {
    let s = run(initialState(), c, { type: 'toggleMarkedOnly' });
    expect(s.markedOnly).toBe(false);
    expect(s.message).toMatch(/no request is marked/);
    s = run(s, c, { type: 'toggleMark' }, { type: 'move', by: 2 }, { type: 'toggleMark' });
    expect(s.marked).toEqual([1, 3]);
    expect(s.message).toMatch(/2 marked/);
    s = run(s, c, { type: 'toggleMarkedOnly' });
    expect(s.markedOnly).toBe(true);
    expect(s.selectedSeq).toBe(3);
    expect(run(s, c, { type: 'clearFilters' }).markedOnly).toBe(false);
    // what the status line said about the marked-only list is not left standing
    expect(run(s, c, { type: 'clearFilters' }).message).toBeUndefined();
    expect(run(s, c, { type: 'escape' }).markedOnly).toBe(false);
    expect(run(s, c, { type: 'escape' }).marked).toEqual([1, 3]);
  });

  it('the last mark taken off lists every request again', () => {
    let s = run(initialState(), c, { type: 'toggleMark' }, { type: 'toggleMarkedOnly' });
    expect(s.markedOnly).toBe(true);
    s = run(s, ctx([groups[0]!]), { type: 'toggleMark' });
    expect(s).toMatchObject({ marked: [], markedOnly: false });
  });

  it('w writes the visible list, or only its marked rows when any request is marked', () => {
    const s = initialState();
    expect(rowsToWrite(s, groups)).toBe(groups);
    const marked = run(s, c, { type: 'move', by: 1 }, { type: 'toggleMark' }, { type: 'move', by: 4 }, { type: 'toggleMark' });
    expect(rowsToWrite(marked, groups).map((g) => g.seq)).toEqual([2, 6]);
    // marked requests filtered out of the view are not written
    expect(rowsToWrite(marked, groups.slice(2))).toEqual([groups[5]]);
  });
});

describe('the write prompt', () => {
  it('opens with a path, takes typed text, erases, and closes', () => {
    const c = ctx(groups);
    let s = run(initialState(), c, { type: 'openPrompt', text: './ssrtail-091500.txt' });
    expect(s.prompt).toEqual({ kind: 'write', text: './ssrtail-091500.txt' });
    s = run(s, c, { type: 'promptEdit', op: { type: 'erase', what: 'before' } }, { type: 'promptEdit', op: { type: 'erase', what: 'before' } }, { type: 'promptEdit', op: { type: 'erase', what: 'before' } }, { type: 'promptEdit', op: { type: 'erase', what: 'before' } }, { type: 'promptEdit', op: { type: 'insert', text: '.log' } });
    expect(s.prompt?.text).toBe('./ssrtail-091500.log');
    s = run(s, c, { type: 'promptEdit', op: { type: 'erase', what: 'toStart' } }, { type: 'promptEdit', op: { type: 'insert', text: '/tmp/a' } });
    expect(s.prompt?.text).toBe('/tmp/a');
    s = run(s, c, { type: 'closePrompt', message: 'not written' });
    expect(s.prompt).toBeUndefined();
    expect(s.message).toBe('not written');
  });

  it('n to the overwrite question says the file was not written', () => {
    const c = ctx(groups);
    const s = run(initialState(), c, { type: 'ask', prompt: '/tmp/a exists: write over it?', intent: { type: 'overwrite', path: '/tmp/a' } }, { type: 'answer', yes: false });
    expect(s.confirm).toBeUndefined();
    expect(s.message).toBe('not written');
  });
});

describe('follow once the input has ended', () => {
  const c = ctx(groups, { ended: true });
  it('the input ending stops following, on the request it followed', () => {
    const s = run(initialState({ live: true }), c, { type: 'inputEnded' });
    expect(s.follow).toBe(false);
    expect(s.selectedSeq).toBe(7);
  });

  it('F selects the newest request and does not claim to follow', () => {
    const s = run(initialState(), c, { type: 'toggleFollow' });
    expect(s.follow).toBe(false);
    expect(s.selectedSeq).toBe(7);
    expect(s.message).toMatch(/input has ended/);
    // on live input F turns following on, and off
    const live = run(initialState(), ctx(groups), { type: 'toggleFollow' });
    expect(live.follow).toBe(true);
    expect(live.message).toMatch(/following the newest/);
    expect(run(live, ctx(groups), { type: 'toggleFollow' }).message).toMatch(/follow off/);
  });
});

describe('relative time from the selected request', () => {
  const t0 = Date.UTC(2024, 2, 11, 19, 52, 10);
  it('+ after, - before, compact', () => {
    expect(offsetTime(t0, t0)).toBe('+0ms');
    expect(offsetTime(t0 + 250, t0)).toBe('+250ms');
    expect(offsetTime(t0 + 1234, t0)).toBe('+1.2s');
    expect(offsetTime(t0 - 3456, t0)).toBe('-3.4s');
    expect(offsetTime(t0 + 80_000, t0)).toBe('+1m20s');
    expect(offsetTime(t0 - (2 * 3_600_000 + 5 * 60_000), t0)).toBe('-2h05m');
    expect(offsetTime(t0 + 3 * 86_400_000, t0)).toBe('+3d');
  });

  it('a time of day against a dated time compares on the clock face', () => {
    const tod = (19 * 3600 + 52 * 60 + 12) * 1000; // 19:52:12 as logged
    expect(offsetTime(tod, t0)).toBe('+2.0s');
    expect(offsetTime(t0, tod)).toBe('-2.0s');
  });
});
