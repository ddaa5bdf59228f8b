// Property tests against an independent model of the spec (test/helpers/spec-model.ts): random requests of every
// label, rows of one request in mixed formats, interleaved, late, shuffled and repeated. Every line must land in
// exactly one request or be counted, each request ID must make one request, and its label must be the table's.
import { describe, expect, it } from 'vitest';
import { Pipeline, type PipelineOptions } from '../../src/pipeline.js';
import { arrive, fileLines, render, randomRequest, rng, shuffle, specLabel, type Line, type RenderOptions, type SpecRequest } from '../helpers/spec-model.js';

const T0 = Date.UTC(2024, 2, 11, 9, 0, 0);
const GRACE = 35_000;

interface World {
  requests: SpecRequest[];
  /** blocks (a row with its header lines) in arrival order */
  lines: Line[];
}

function world(seed: number, n: number, o: RenderOptions = {}, gap = 400, start = T0): World {
  const r = rng(seed);
  const requests: SpecRequest[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    t += Math.floor(r() * gap);
    requests.push(randomRequest(r, t));
  }
  return { requests, lines: arrive(r, requests.flatMap((q) => render(r, q, o))) };
}

/** Reads lines (a whole file unless `opts` says live) in batches; checks that no line is lost. */
function read(lines: string[], opts: PipelineOptions = {}, batch = 97) {
  const p = new Pipeline(opts);
  const printed: Array<[string, string]> = [];
  p.onDecided = (g) => printed.push([g.requestId, g.label]);
  for (let i = 0; i < lines.length; i += batch) p.feed(lines.slice(i, i + batch));
  p.end();
  let inGroups = 0;
  for (const g of p.groups()) inGroups += g.totalLines;
  if (opts.keepFinal !== false) expect(inGroups + p.stats.unattributed + p.stats.duplicates).toBe(lines.length);
  return { p, printed };
}

/** Differences from the spec's table: a wrong label, a request lost, or one split in two. Empty = all match. */
function mismatches(requests: SpecRequest[], printed: Array<[string, string]>): string[] {
  const got = new Map<string, string[]>();
  for (const [id, label] of printed) got.set(id, [...(got.get(id) ?? []), label]);
  const out: string[] = [];
  for (const q of requests) {
    const want = specLabel(q);
    const labels = got.get(q.id) ?? [];
    if (labels.length !== 1 || labels[0] !== want) out.push(`${q.id}: got ${labels.join('+') || 'nothing'}, spec ${want} ${JSON.stringify({ ...q, id: undefined })}`);
  }
  if (printed.length !== requests.length) out.push(`${printed.length} requests printed for ${requests.length}`);
  return out;
}

describe('labels against the spec table, on random requests', () => {
  it.each([
    [1, {}],
    [2, {}],
    [3, { timeOfDay: true }],
    [4, { timeOfDay: true }],
    [5, { format: 'text' }],
    [6, { format: 'generic' }],
  ] as Array<[number, RenderOptions]>)('seed %i %j: mixed formats, interleaved and late: one request per ID, the table\'s label', (seed, o) => {
    const w = world(seed, 300, o);
    const { p, printed } = read(fileLines(w.lines));
    expect(mismatches(w.requests, printed)).toEqual([]);
    expect([p.stats.unattributed, p.stats.reusedIds, p.stats.duplicates]).toEqual([0, 0, 0]);
    // every label of the table (but pending) occurs
    expect(new Set(w.requests.map((q) => specLabel(q))).size).toBe(9);
  });

  it.each([7, 8, 9])('seed %i: rows in any order, some delivered twice: the same labels, the repeats counted', (seed) => {
    const w = world(seed, 250, seed % 2 ? { timeOfDay: true } : {});
    const r = rng(seed * 31);
    const blocks = shuffle(r, [...w.lines]).flatMap((l) => (r() < 0.2 ? [l, l] : [l]));
    const { p, printed } = read(fileLines(blocks));
    expect(mismatches(w.requests, printed)).toEqual([]);
    expect(p.stats.reusedIds).toBe(0);
    // a repeated row is skipped with its header lines; a repeated application line is another line of the request
    expect(p.stats.duplicates).toBeGreaterThan(0);
  });

  it('small logs of times of day and dated JSON rows: one clock per request before the stream learns their day', () => {
    // the stream places times of day on a date once several requests agree (correlate/clock.ts): before that, a
    // request's text rows and JSON rows are on two clocks
    for (let seed = 100; seed < 400; seed++) {
      const w = world(seed, 2, { timeOfDay: true });
      const { printed } = read(fileLines(w.lines));
      expect(mismatches(w.requests, printed), `seed ${seed}`).toEqual([]);
    }
  });

  it.each([10, 11, 12, 13])('seed %i: times of day across midnight', (seed) => {
    const start = Date.UTC(2024, 2, 11, 23, 59, 0) + (seed % 4) * 10_000;
    const w = world(seed, 200, { timeOfDay: true, ...(seed % 2 ? { format: 'text' as const } : {}) }, 800, start);
    const { p, printed } = read(fileLines(w.lines));
    expect(mismatches(w.requests, printed)).toEqual([]);
    expect(p.stats.reusedIds).toBe(0);
  });
});

describe('live input', () => {
  it.each([20, 21, 22, 23])('seed %i: live report mode prints each request once, with the label of the whole file', (seed) => {
    const w = world(seed, 200, seed % 2 ? { timeOfDay: true } : {}, 3000);
    const { printed } = read(fileLines(w.lines), { live: true, keepFinal: false, lean: true, settleMs: 15_000 }, 5);
    expect(mismatches(w.requests, printed)).toEqual([]);
  });

  it.each([26, 27])('seed %i: lines up to 34 s late (a permutation within the grace period): live report mode prints the same labels', (seed) => {
    const r = rng(seed);
    const requests = Array.from({ length: 200 }, (_, i) => randomRequest(r, T0 + i * 1500 + Math.floor(r() * 1500)));
    const blocks = arrive(r, requests.flatMap((q, i) => render(r, q, { timeOfDay: i % 2 === 1 })), GRACE - 1000);
    const { printed } = read(fileLines(blocks), { live: true, keepFinal: false, lean: true, settleMs: 15_000 }, 3);
    expect(mismatches(requests, printed)).toEqual([]);
  });

  it.each([24, 25])('seed %i: half-way, a request without its response is pending until the clock is past its last line by the grace period', (seed) => {
    const w = world(seed, 200, {}, 3000);
    const p = new Pipeline({ live: true });
    const half = Math.floor(w.lines.length / 2);
    for (let i = 0; i < half; i += 5) p.feed(fileLines(w.lines.slice(i, Math.min(i + 5, half))));
    const arrived = w.lines.slice(0, half);
    const newest = Math.max(...arrived.map((l) => l.t));
    let checked = 0;
    for (const q of w.requests) {
      const mine = arrived.filter((l) => l.id === q.id);
      if (mine.length === 0 || mine.length !== w.lines.filter((l) => l.id === q.id).length) continue;
      const past = newest - Math.max(...mine.map((l) => l.t)) - GRACE;
      // ssrtail's clock is the second-newest time and it sweeps once a second: a little behind the newest (findings G.4)
      if (Math.abs(past) < 3000) continue;
      expect(p.get(q.id)?.label, q.id).toBe(specLabel(q, past <= 0));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('the grace period boundary (spec §3: undecided until the clock is past the last line by the grace period)', () => {
  const A = 'aaaaaaaa-d1d0-4ef9-8e5e-6a39a269efca';
  const row = (id: string, t: number, level: number, data: object) => JSON.stringify({ level, time: T0 + t, requestId: id, data });
  const up = { id: 0, method: 'GET', protocol: 'https:', host: 'api.example.net', port: 443, path: '/v1/x' };
  const a = [row(A, 0, 100, { method: 'GET', path: '/a', host: 'shop.example.com', protocol: 'https:' }), row(A, 1000, 102, up)];
  const other = (n: number, t: number) => Array.from({ length: 2 }, (_, i) => row(`b${n}${i}bbbbb-d1d0-4ef9-8e5e-6a39a269efca`, t, 100, { method: 'GET', path: '/b', host: 'shop.example.com', protocol: 'https:' }));
  const answer = row(A, 1200, 101, { statusCode: 200 });

  it('live: pending at exactly the grace period, decided just past it; a response row inside it joins the request', () => {
    const p = new Pipeline({ live: true });
    p.feed(a);
    p.feed(other(1, 1000 + GRACE));
    expect(p.get(A)?.label).toBe('pending');
    // the response row, stamped inside the request, arriving as late as the grace period allows
    p.feed([answer]);
    p.feed(other(2, 1000 + GRACE + 1));
    expect([p.get(A)?.label, p.get(A)?.totalLines]).toEqual(['ok', 3]);
    const q = new Pipeline({ live: true });
    q.feed(a);
    q.feed([...other(1, 1000 + GRACE), ...other(2, 1000 + GRACE + 1)]);
    expect(q.get(A)?.label).toBe('allowlist-suspect');
  });

  it('live report mode: a response row after the request was decided is counted, not printed as a second request', () => {
    const lines = [...a, ...other(1, 1000 + GRACE + 1), ...other(2, 1000 + GRACE + 2), answer];
    const { p, printed } = read(lines, { live: true, keepFinal: false, lean: true, settleMs: 15_000 }, 1);
    expect(printed.filter(([id]) => id === A)).toEqual([[A, 'allowlist-suspect']]);
    expect(p.stats.afterDecided).toBe(1);
    // a whole file waits longer (shuffled files: see Correlator quietLines): the late row is still its request's
    expect(read(lines).printed.filter(([id]) => id === A)).toEqual([[A, 'ok']]);
  });
});

describe('a request ID used again', () => {
  it.each([30, 31, 32, 33, 34, 35])('seed %i: a second request with the ID, well past the grace period, is a request of its own', (seed) => {
    const r = rng(seed);
    const id = ['reused-id-0001', 'f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'][seed % 3]!;
    const others = Array.from({ length: 40 }, (_, i) => randomRequest(r, T0 + 1000 + i * 3000));
    const a = randomRequest(r, T0 + 500, id);
    const b = { ...randomRequest(r, T0 + 500 + 60_000 + Math.floor(r() * 120_000), id), request: true };
    const o: RenderOptions = seed % 2 ? { timeOfDay: true } : {};
    const lines = arrive(r, [...others, a].flatMap((q) => render(r, q, o)));
    // the second request starts as requests do, with its request row (spec §1); its other rows arrive in any order
    const second = render(r, b, o);
    const at = second.findIndex((l) => /Request details|"level":100|"event":"request"|incoming request|"level":100/.test(l.text));
    const merged = arrive(r, [...lines, ...second.filter((_, i) => i !== at)]);
    const firstOfB = merged.findIndex((l) => l.id === id && l.t >= b.t0);
    merged.splice(firstOfB, 0, second[at]!);
    for (const opts of [{}, { live: true, keepFinal: false, lean: true, settleMs: 15_000 }]) {
      const { printed } = read(fileLines(merged), opts, 7);
      expect(printed.filter(([x]) => x === id).map(([, l]) => l)).toEqual([specLabel(a), specLabel(b)]);
    }
  });
});
