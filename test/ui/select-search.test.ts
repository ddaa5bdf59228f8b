import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { visibleGroups, presentLabels, isFiltered, sortByTime, timeOrderedIndex } from '../../src/ui/state/select.js';
import { cursorIndex, initialState } from '../../src/ui/state/view-state.js';
import { SearchIndex, MAX_RESULTS } from '../../src/ui/state/search.js';
import { triagePipeline, IDS } from './helpers/fixture.js';
import { genLines } from './helpers/gen.js';

describe('visibleGroups', () => {
  const p = triagePipeline();
  const all = p.groups();
  it('returns the list itself when nothing filters', () => {
    expect(visibleGroups(all, { labels: [], failuresOnly: false })).toBe(all);
    expect(isFiltered({ labels: [], failuresOnly: false })).toBe(false);
  });
  it('filters by label, failures only and search matches, keeping list order', () => {
    const a = visibleGroups(all, { labels: ['allowlist-suspect'], failuresOnly: false });
    expect(a.map((g) => g.requestId)).toEqual([IDS.s539, IDS.json]);
    const f = visibleGroups(all, { labels: [], failuresOnly: true });
    expect(f.every((g) => g.label !== 'ok')).toBe(true);
    expect(f.length).toBe(all.length - 3);
    const seqs = f.map((g) => g.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const m = visibleGroups(all, { labels: [], failuresOnly: true, matches: new Set([all[0]!.seq, all[1]!.seq]) });
    expect(m.map((g) => g.requestId)).toEqual([IDS.s539]);
  });
  it('sorts by first time (stable, requests without a time last) and finds a row of the sorted list by its seq', () => {
    const t = (seq: number, firstTime?: number) => ({ ...all[0]!, seq, firstTime });
    const list = [t(1, 300), t(2, 100), t(3), t(4, 100), t(5, 200)];
    const sorted = sortByTime(list);
    expect(sorted.map((g) => g.seq)).toEqual([2, 4, 5, 1, 3]);
    expect(list.map((g) => g.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(timeOrderedIndex(sorted, 1)).toBe(3);
    expect(timeOrderedIndex(sorted, 99)).toBe(-1);
    expect(timeOrderedIndex(list, 1)).toBeUndefined();
    expect(cursorIndex({ ...initialState(), selectedSeq: 5 }, sorted)).toBe(2);
    // times of day among dated times (text and JSON lines of one log) are placed on the first date's day
    const day = Date.UTC(2024, 2, 11);
    const mixed = sortByTime([t(1, day + 9 * 3_600_000 + 500), t(2, 9 * 3_600_000 + 100), t(3, day + 9 * 3_600_000), t(4, 9 * 3_600_000 + 900)]);
    expect(mixed.map((g) => g.seq)).toEqual([3, 2, 1, 4]);
  });
  it('keeps a text log that runs past midnight in time order: 00:00:02 comes after 23:59:59', () => {
    const lines: string[] = [];
    ['23:59:50', '23:59:59', '00:00:02', '00:00:05'].forEach((tod, i) => {
      lines.push(`${tod}.000 req-mid-${i} Request details: GET https://shop.example.com/p/${i}`);
      lines.push(`${tod}.000 req-mid-${i} Response details: GET https://shop.example.com/p/${i} 200 OK`);
    });
    const mid = new Pipeline({});
    mid.feed(lines);
    mid.end();
    expect(sortByTime(mid.groups()).map((g) => g.requestId)).toEqual(['req-mid-0', 'req-mid-1', 'req-mid-2', 'req-mid-3']);
  });
  it('lists the labels present', () => {
    expect(presentLabels(p.stats.labels)).toEqual(['sni-error', 'upstream-connection-error', 'allowlist-suspect', 'backend-error', 'ssr-code-error', 'timeout', 'not-found', 'error', 'ok']);
  });
});

describe('SearchIndex', () => {
  const p = triagePipeline();
  const all = p.groups();
  const ids = (q: string) => {
    const r = new SearchIndex().searchAll(all, q);
    return all.filter((g) => r.has(g.seq)).map((g) => g.requestId);
  };
  it('finds a request by a piece of its ID', () => {
    expect(ids('000000000539')).toEqual([IDS.s539]);
    expect(ids(IDS.backend)).toEqual([IDS.backend]);
  });
  it('finds by URL, label, status and application messages', () => {
    expect(ids('/cart')).toContain(IDS.backend);
    expect(ids('ssr-code-error')).toEqual([IDS.ssr]);
    expect(ids('539')).toEqual(expect.arrayContaining([IDS.s539, IDS.timeout]));
    expect(ids('fetching product')).toContain(IDS.s539);
    expect(ids('ECONNREFUSED')).toEqual([IDS.json]);
  });
  it('is fuzzy: tolerates a typo', () => {
    expect(ids('fetchng prodct')).toContain(IDS.s539);
    expect(ids('cannot read propertis')).toContain(IDS.ssr);
  });
  it('ANDs words, exact or fuzzy, and a -word leaves out what it matches', () => {
    // `cart down`: neither word alone is the whole query, both are in the backend-error request
    expect(ids('cart down')).toEqual([IDS.backend]);
    expect(ids('cart servce')).toEqual([IDS.backend]);
    expect(ids('cart zzqxw')).toEqual([]);
    const all539 = ids('539');
    expect(all539.length).toBeGreaterThan(1);
    expect(ids('539 -timeout')).toEqual(all539.filter((id) => id !== IDS.timeout));
    // only exclusions: everything else
    expect(ids('-ssr-code-error')).toEqual(all.filter((g) => g.label !== 'ssr-code-error').map((g) => g.requestId));
    // on the way to `-404`: `-` and `-4` leave out nothing yet
    expect(ids('-')).toHaveLength(all.length);
    expect(ids('-4')).toHaveLength(all.length);
    // a number matches whole numbers: `50` is not the start of the backend's 503
    expect(ids('503')).toContain(IDS.backend);
    expect(ids('50')).not.toContain(IDS.backend);
  });
  it('finds nothing for nonsense and everything-free for an empty query', () => {
    expect(ids('zzqxw')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });
  it('sees groups that changed since the last search', () => {
    const live = new Pipeline({ live: true });
    const idx = new SearchIndex();
    live.feed(['2024-03-11T19:52:10.000Z abcdefgh-1111 GET https://shop.example.com/x']);
    expect(idx.searchAll(live.groups(), 'kaboom').size).toBe(0);
    live.feed(['2024-03-11T19:52:10.100Z abcdefgh-1111 ERROR: kaboom happened']);
    expect(idx.searchAll(live.groups(), 'kaboom').size).toBe(1);
  });
  it('asks the fuzzy matcher again only about groups that changed since the last run of the same query', () => {
    const live = new Pipeline({ live: true });
    live.feed(genLines(2_000));
    const idx = new SearchIndex();
    const first = idx.searchAll(live.groups(), 'rendring item');
    const checked = idx.fuzzyChecked;
    expect(checked).toBeGreaterThan(100);
    // nothing changed: the same answer, and no document matched again
    expect([...idx.searchAll(live.groups(), 'rendring item')]).toEqual([...first]);
    expect(idx.fuzzyChecked).toBe(checked);
    // one request gets a new line: only it is looked at again, and the answer equals a fresh index's
    const g = live.groups()[3]!;
    live.feed([`2024-03-11T19:00:00.160Z ${g.requestId} INFO: rendering item 424242`]);
    const again = idx.searchAll(live.groups(), 'rendring item');
    expect(idx.fuzzyChecked - checked).toBe(1);
    expect([...again].sort()).toEqual([...new SearchIndex().searchAll(live.groups(), 'rendring item')].sort());
    // another query starts over
    idx.searchAll(live.groups(), 'rendring itme');
    expect(idx.fuzzyChecked - checked).toBeGreaterThan(100);
  });
  it('matches a pasted query longer than 32 characters exactly, without the fuzzy matcher', () => {
    const live = new Pipeline({ live: true });
    live.feed(genLines(2_000));
    const idx = new SearchIndex();
    // 3,000 characters: fuse.js would take seconds over 2,000 requests
    expect(idx.searchAll(live.groups(), 'abcdefghij'.repeat(300)).size).toBe(0);
    expect(idx.fuzzyChecked).toBe(0);
    // a long exact piece still finds its request: a whole URL pasted in
    const g = live.groups()[7]!;
    const url = g.url!;
    expect(url.length).toBeGreaterThan(32);
    expect(idx.searchAll(live.groups(), url).has(g.seq)).toBe(true);
    expect(idx.fuzzyChecked).toBe(0);
  });
  it('searches 8k requests in small steps, newest first, capped', () => {
    const big = new Pipeline({});
    big.feed(genLines(8_000));
    big.end();
    const groups = big.groups();
    const run = new SearchIndex().start(groups, 'rendering item 1999');
    let steps = 0;
    while (!run.step(5)) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(run.progress).toBe(1);
    const hit = groups.find((g) => g.logs.some((l) => l.msg === 'rendering item 1999'))!;
    expect(run.results.has(hit.seq)).toBe(true);
    const capped = new SearchIndex().searchAll(groups, 'item', 100);
    expect(capped.size).toBe(100);
    // the newest matches are kept
    expect(capped.has(groups[groups.length - 1]!.seq)).toBe(true);
    expect(MAX_RESULTS).toBeGreaterThanOrEqual(1000);
    // a capped run says so; one that found fewer does not
    const r = new SearchIndex().start(groups, 'item', 100);
    while (!r.step(1e9));
    expect(r.capped).toBe(true);
    const few = new SearchIndex().start(groups, hit.requestId, 100);
    while (!few.step(1e9));
    expect(few.capped).toBe(false);
    // an exact query is a filter, not a ranking: every match is kept (`/status:2xx` then `a` counts them all)
    const ok = groups.filter((g) => g.status === 200).length;
    expect(ok).toBeGreaterThan(100);
    const field = new SearchIndex().start(groups, 'status:2xx up:api', 100);
    while (!field.step(1e9));
    expect(field.results.size).toBe(ok);
    expect(field.capped).toBe(false);
    expect(new SearchIndex().searchAll(groups, '-robots', 100).size).toBe(groups.length);
  }, 60_000);
});
