// --group-by's fold: keys (routes with IDs collapsed, hosts), counting requests and upstream calls as they are
// decided, the cap's "(other)" bucket, and the bounded percentile sample. Requests come from real log lines.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import type { RequestGroup } from '../../src/model.js';
import { GroupFold, RESERVOIR_SIZE, hostOf, keysOf, percentile, routeOf, timeSpan, type GroupBy } from '../../src/report/group-by.js';
import { groupJson, groupLines } from '../../src/report/group-table.js';

/** The lines through the report's pipeline (lean, each request folded once decided), as report mode runs it. */
function fold(lines: string[], by: GroupBy, maxKeys?: number): { fold: GroupFold; decided: RequestGroup[] } {
  const f = new GroupFold(by, maxKeys);
  const decided: RequestGroup[] = [];
  const p = new Pipeline({ lean: true, keepFinal: false, live: false });
  p.onDecided = (g) => {
    decided.push(g);
    f.add(g);
  };
  p.feed(lines);
  p.end();
  return { fold: f, decided };
}

const req = (t: string, id: string, url: string, ups: string[], status?: string) => [
  `${t} ${id} Request details: GET ${url}`,
  ...ups.map((u) => `${t} ${id} Upstream Request: GET ${u}`),
  ...(status ? [`${t} ${id} Response details: GET ${url} ${status}`] : []),
];

describe('route keys', () => {
  it.each([
    ['https://shop.example.com/p/8902', '/p/:id'],
    ['https://shop.example.com/en-gb/p/8902?variant=18', '/en-gb/p/:id'],
    ['https://shop.example.com/_next/data/Bx81Kq2Lm/p/1658.json', '/_next/data/Bx81Kq2Lm/p/:id.json'],
    ['https://shop.example.com/o/3e93fb25-FB10-4b13-94a5-fbdcb85a6e8e/items/12#top', '/o/:id/items/:id'],
    ['https://shop.example.com/u/5f1d7a3b9c8e4f2a1b3c4d5e', '/u/:id'],
    ['https://shop.example.com/blog/summer-sale', '/blog/summer-sale'],
    // hex-looking words with no digit, and short hex, are words
    ['https://shop.example.com/c/facade/beef12', '/c/facade/beef12'],
    ['https://shop.example.com', '/'],
    ['https://shop.example.com?x=1', '/'],
    ['/p/42/reviews?page=2', '/p/:id/reviews'],
    ['https://shop.example.com/c/shoes/', '/c/shoes/'],
  ])('%s -> %s', (url, route) => {
    expect(routeOf(url)).toBe(route);
  });

  it('hosts are lowercased, keep their port and lose user info', () => {
    expect(hostOf('https://User:pw@API.Example.net:8443/v1?x=1')).toBe('api.example.net:8443');
    expect(hostOf('/only/a/path')).toBeUndefined();
  });
});

describe('GroupFold', () => {
  const LOG = [
    ...req('09:00:00.000', 'req-a0000001', 'https://shop.example.com/p/1', ['https://api.example.net/a 200 OK in 10ms', 'https://cms.example.org/b 503 Service Unavailable in 30ms'], '200 OK'),
    ...req('09:00:01.000', 'req-a0000002', 'https://shop.example.com/p/2', ['https://api.example.net/a', 'https://api.example.net/c 200 OK in 20ms']),
    ...req('09:00:02.000', 'req-a0000003', 'https://other.example.com/p/3?x=1', [], '404 Not Found'),
    ...req('09:00:03.000', 'req-a0000004', 'https://shop.example.com/about', [], '200 OK'),
  ];

  it('by upstream: a request counts once under each host it called, each call under its own', () => {
    const { fold: f } = fold(LOG, 'upstream');
    const rows = Object.fromEntries(f.rows().map((s) => [s.key, groupJson(s, 'upstream')]));
    // one failure each for two of them, and two requests: the key decides
    expect(Object.keys(rows)).toEqual(['(no upstream calls)', 'api.example.net', 'cms.example.org']);
    // req 1 (ok, its cms call answered 503) and req 2 (allowlist-suspect: one call had no answer)
    expect(rows['api.example.net']).toMatchObject({ requests: 2, failures: 1, calls: 3, noAnswer: 1, errorStatus: 0, labels: { ok: 1, 'allowlist-suspect': 1 }, durations: 2, p50Ms: 10, p95Ms: 20 });
    expect(rows['cms.example.org']).toMatchObject({ requests: 1, failures: 0, calls: 1, noAnswer: 0, errorStatus: 1, p50Ms: 30 });
    expect(rows['(no upstream calls)']).toMatchObject({ requests: 2, failures: 1, calls: 0, labels: { 'not-found': 1, ok: 1 } });
    expect(f.requests).toBe(4);
  });

  it('by route and host: one key per request, sorted by failures, then requests; first and last start times', () => {
    const route = fold(LOG, 'route').fold.rows().map((s) => [s.key, s.requests, s.failures]);
    expect(route).toEqual([
      ['/p/:id', 3, 2],
      ['/about', 1, 0],
    ]);
    const host = fold(LOG, 'host').fold.rows();
    expect(host.map((s) => s.key)).toEqual(['shop.example.com', 'other.example.com']);
    expect(groupJson(host[0]!, 'host')).toMatchObject({ requests: 3, first: '09:00:00.000', last: '09:00:03.000' });
    expect(keysOf(fold(LOG, 'label').decided[1]!, 'label')).toEqual(['allowlist-suspect']);
  });

  it('keeps at most maxKeys groups: later keys go to one "(other)" bucket, printed last', () => {
    const lines = Array.from({ length: 50 }, (_, i) => req('09:00:00.000', `req-b${String(i).padStart(7, '0')}`, `https://shop.example.com/page-${i}x`, [], i % 2 ? '500 Internal Server Error' : '200 OK')).flat();
    const { fold: f } = fold(lines, 'path', 10);
    const rows = f.rows();
    expect(rows).toHaveLength(11);
    expect(rows.at(-1)).toMatchObject({ key: '(other)', other: true, requests: 40 });
    expect(rows.reduce((n, s) => n + s.requests, 0)).toBe(50);
    expect(groupJson(rows.at(-1)!, 'path').other).toBe(true);
  });

  it('by upstream past the cap: a request whose two hosts both fall in "(other)" counts there once', () => {
    const lines = req('09:00:00.000', 'req-c0000001', 'https://shop.example.com/', ['https://a.example/1 200 OK in 1ms', 'https://b.example/1 200 OK in 1ms', 'https://c.example/1 200 OK in 1ms'], '200 OK');
    const rows = fold(lines, 'upstream', 1).fold.rows();
    expect(rows.map((s) => [s.key, s.requests, s.calls])).toEqual([
      ['a.example', 1, 1],
      ['(other)', 1, 2],
    ]);
  });

  it('percentiles are exact up to the sample size and the sample stays bounded past it', () => {
    const f = new GroupFold('label');
    const durations: number[] = [];
    const at = (i: number) => ((i * 7919) % 10007) + 1;
    for (let i = 0; i < 700; i++) durations.push(at(i));
    const group = (ms: number) => ({ label: 'ok', durationMs: ms, upstreams: [] }) as unknown as RequestGroup;
    for (const d of durations) f.add(group(d));
    const sorted = [...durations].sort((a, b) => a - b);
    const s = f.rows()[0]!;
    expect(percentile(s.sample, 0.5)).toBe(sorted[349]);
    expect(percentile(s.sample, 0.95)).toBe(sorted[664]);
    for (let i = 700; i < 20_000; i++) f.add(group(at(i)));
    expect(s.sample).toHaveLength(RESERVOIR_SIZE);
    expect(s.durations).toBe(20_000);
    // a uniform sample of values spread evenly over 1..10007: its median is near the middle
    expect(Math.abs(percentile(s.sample, 0.5)! - 5004)).toBeLessThan(800);
  });

  it('a group of dated and time-of-day starts compares them by their time of day', () => {
    const dated = Date.UTC(2024, 2, 11, 9, 30);
    const span = timeSpan({ dated: [dated, dated + 60_000], timeOfDay: [9 * 3600_000, 9.2 * 3600_000] } as never);
    expect(span).toEqual({ first: 9 * 3600_000, last: dated + 60_000 });
  });

  it('on a narrow terminal drops FIRST and LAST so the key stays readable, every row inside the width', () => {
    const lines = [
      ...req('09:00:00.000', 'req-d0000001', 'https://shop.example.com/p/1', ['https://inventory.internal.example.net:8443/stock/1 200 OK in 5ms'], '200 OK'),
      ...req('09:00:01.000', 'req-d0000002', 'https://shop.example.com/p/2', ['https://cms.example.org/graphql 503 Service Unavailable in 9ms'], '500 Internal Server Error'),
    ];
    const f = fold(lines, 'upstream').fold;
    const at = (width: number) => groupLines(f, { json: false, table: { color: false, width } });
    for (const width of [50, 60, 65]) {
      // the note under the table (its own lines) aside
      const out = at(width).slice(0, at(width).indexOf(''));
      expect(out[0], `at ${width}`).not.toMatch(/FIRST|LAST/);
      expect(out.every((l) => l.length < width), `at ${width}: ${out.join('\n')}`).toBe(true);
    }
    expect(at(60).join('\n')).toMatch(/^cms\.example\.org +1 +1 /m);
    expect(at(80)[0]).toMatch(/ FIRST +LAST/);
  });

  it('the table names its columns and masks nothing it need not; log text in keys is cleaned', () => {
    const lines = req('09:00:00.000', 'req-d0000001', 'https://shop.example.com/a\u001b[31mred;jsessionid=S3CR3T', [], '200 OK');
    const out = groupLines(fold(lines, 'path').fold, { json: false, table: { color: false, width: 0 } });
    expect(out[0]).toMatch(/^PATH +REQS FAIL +P50 +P95 FIRST +LAST +LABELS \(but ok\)$/);
    expect(out[1]).not.toContain('\u001b');
    expect(out[1]).not.toContain('S3CR3T');
  });
});
