// The groups view (`a`): the reducer's steps, and the list filtered to the picked group, on the UI fixture.
import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/ui/state/reducer.js';
import { initialState, type Action, type ViewContext, type ViewState } from '../../src/ui/state/view-state.js';
import { GROUP_VIEWS, OTHER_GROUP, pickGroup } from '../../src/ui/state/groups-view.js';
import { visibleGroups } from '../../src/ui/state/select.js';
import { groupSummaryLines } from '../../src/ui/detail/panels.js';
import { keyToAction } from '../../src/ui/state/keys.js';
import { triagePipeline } from './helpers/fixture.js';

const ctx = (detail: ViewContext['detail']): ViewContext => ({
  list: [1, 2, 3].map((seq) => ({ seq, label: 'ok' as const })),
  listRows: 5,
  detailRows: 5,
  detail,
  present: ['ok'],
});
const run = (s: ViewState, c: ViewContext, ...actions: Action[]) => actions.reduce((st, a) => reduce(st, a, c), s);

describe('the groups view', () => {
  it('a opens it focused, cycles the keys, and closes after the last', () => {
    const c = ctx([]);
    expect(keyToAction('a', {}, initialState())).toEqual({ type: 'cycleGroups' });
    let s = run(initialState(), c, { type: 'cycleGroups' });
    // the cursor on the first group's row (past the title and the column heads)
    expect(s).toMatchObject({ groups: 'upstream', focus: 'detail', detailCursor: 2 });
    const seen = [s.groups];
    for (let i = 1; i < GROUP_VIEWS.length; i++) seen.push((s = run(s, c, { type: 'cycleGroups' })).groups);
    expect(seen).toEqual([...GROUP_VIEWS]);
    s = run(s, c, { type: 'cycleGroups' });
    expect(s).toMatchObject({ groups: undefined, focus: 'list' });
  });

  it('Enter on a group lists only it; on a line of no group it does nothing; Esc closes, then clears the filter', () => {
    const c = ctx([{}, {}, { group: 'api.example.net' }, { group: OTHER_GROUP }]);
    let s = run(initialState(), c, { type: 'cycleGroups' }, { type: 'move', by: 1 }, { type: 'enter' });
    expect(s.groups).toBe('upstream');
    // it says why (the "(other)" row past the cap is no one group)
    expect(s.message).toBe('no one group here: (other) is every key past the first 1,000; narrow the list');
    expect(s.message!.length).toBeLessThanOrEqual(80);
    // on the title or the column heads: not the (other) row's reason, but where to go (was the same message)
    const head = run(initialState(), c, { type: 'cycleGroups' }, { type: 'move', by: -1 }, { type: 'enter' });
    expect(head.message).toBe("not a group's row: move to one (j, ↓), then Enter lists its requests");
    expect(run(initialState(), c, { type: 'cycleGroups' }, { type: 'home' }, { type: 'enter' }).message).toBe(head.message);
    // it opens on the first group: Enter lists it
    expect(run(initialState(), c, { type: 'cycleGroups' }, { type: 'enter' }).groupFilter).toEqual({ by: 'upstream', key: 'api.example.net' });
    s = run(s, c, { type: 'move', by: -1 }, { type: 'enter' });
    expect(s).toMatchObject({ groups: undefined, focus: 'list', groupFilter: { by: 'upstream', key: 'api.example.net' } });
    expect(s.message).toMatch(/only upstream api\.example\.net/);
    // the view open again: Esc closes it and keeps the filter; Esc again clears it
    s = run(s, c, { type: 'cycleGroups' }, { type: 'escape' });
    expect(s).toMatchObject({ groups: undefined, focus: 'list', groupFilter: { key: 'api.example.net' } });
    expect(run(s, c, { type: 'escape' }).groupFilter).toBeUndefined();
    expect(run(s, c, { type: 'clearFilters' }).groupFilter).toBeUndefined();
  });

  it('the message after Enter names the key that lists every request again (with a search on, Esc clears the search first)', () => {
    const open = { ...initialState(), groups: GROUP_VIEWS[0]! };
    expect(pickGroup(open, 'api.example.net').message).toMatch(/: Esc or x lists every request$/);
    expect(pickGroup({ ...open, query: 'cart' }, 'api.example.net').message).toMatch(/: x lists every request$/);
  });
  it('u and a copied command replace it; moving in the list closes it', () => {
    const c = ctx([]);
    const open = run(initialState(), c, { type: 'cycleGroups' });
    expect(run(open, c, { type: 'toggleUnattributed' }).groups).toBeUndefined();
    expect(run(open, c, { type: 'showText', title: 't', body: 'b' }).groups).toBeUndefined();
    expect(run(open, c, { type: 'toggleFocus' }, { type: 'move', by: 1 }).groups).toBeUndefined();
  });
});

describe('the groups of the listed requests', () => {
  it('each group line picks the requests counted in its row', () => {
    const groups = triagePipeline().groups();
    for (const by of GROUP_VIEWS) {
      const lines = groupSummaryLines(groups, by, 200);
      const picked = lines.filter((l) => l.group !== undefined);
      expect(picked.length, by).toBeGreaterThan(0);
      for (const l of picked) {
        const shown = visibleGroups(groups, { labels: [], failuresOnly: false, group: { by, key: l.group! } });
        // the REQS column: the number after the key (written as is, or cleaned of its escape sequences: no spaces then)
        const text = l.segs.map((x) => x.text).join('');
        const rest = text.startsWith(l.group!) ? text.slice(l.group!.length) : text.replace(/^\S+/, '');
        const reqs = Number(/^ +(\d+) /.exec(rest)?.[1]);
        expect(shown.length, `${by} ${l.group}`).toBe(reqs);
      }
    }
  });
  it("past 1,000 keys the '(other)' row's lines say so on Enter, apart from the title's and heads'", async () => {
    const { Pipeline } = await import('../../src/pipeline.js');
    const p = new Pipeline({});
    const lines: string[] = [];
    for (let i = 0; i < 1002; i++) {
      const id = `req-${String(i).padStart(8, '0')}`;
      lines.push(`09:00:00.000 ${id} Request details: GET https://shop.example.com/k${i}`, `09:00:00.010 ${id} Response details: GET https://shop.example.com/k${i} 200 OK`);
    }
    p.feed(lines);
    p.end();
    const shown = groupSummaryLines(p.groups(), 'path', 200);
    const other = shown.filter((l) => l.group === OTHER_GROUP);
    expect(other.length).toBe(1);
    expect(other[0]!.segs.map((x) => x.text).join('')).toMatch(/^\(other\)/);
    const c = ctx(shown);
    const at = shown.indexOf(other[0]!);
    expect(run(initialState(), c, { type: 'cycleGroups' }, { type: 'move', by: at - 2 }, { type: 'enter' }).message).toMatch(/^no one group here: \(other\)/);
  });
});
