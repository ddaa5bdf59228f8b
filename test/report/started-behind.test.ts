// A file's report prints each request once final and lets it go: a line of it 50,000 lines on (`cat app.log
// app.log.1`, an access log after the server log) starts a second request. That cannot be undone in bounded memory,
// but it is said: requests that begin far behind the stream's clock once printed ones were let go are counted.
import { describe, expect, it } from 'vitest';
import { Pipeline, type PipelineOptions } from '../../src/pipeline.js';
import { summaryLine } from '../../src/report/run.js';

const T0 = Date.UTC(2024, 2, 11, 9, 0, 0);
const id = (i: number) => `${String(i).padStart(8, '0')}-d1d0-4ef9-8e5e-6a39a269efca`;
const row = (i: number, level: number, t: number, data: object) => JSON.stringify({ level, time: t, requestId: id(i), data });
function request(i: number, t: number): string[] {
  const up = { id: 0, method: 'GET', path: '/x', host: 'api.example.net', protocol: 'https:' };
  return [
    row(i, 100, t, { method: 'GET', path: `/p/${i}`, host: 'shop.example.com', protocol: 'https:' }),
    row(i, 102, t + 5, up),
    row(i, 103, t + 30, { ...up, statusCode: 200, duration: 25 }),
    row(i, 101, t + 40, { statusCode: 200 }),
  ];
}

/** `cat app.log app.log.1`: the newer file (13,000 requests, 52,000 lines) first, then the older one, a request across the two. */
function rotated(): string[] {
  const N = 13_000;
  const newer: string[] = [];
  const older: string[] = [];
  for (let i = 0; i < 100; i++) older.push(...request(i, T0 + i * 20));
  const across = request(100, T0 + 100 * 20);
  older.push(...across.slice(0, 3));
  newer.push(across[3]!);
  for (let i = 101; i < N; i++) newer.push(...request(i, T0 + i * 20));
  return [...newer, ...older];
}

/** the same requests, one file in time order */
function inTimeOrder(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 13_000; i++) out.push(...request(i, T0 + i * 20));
  return out;
}

function read(lines: string[], opts: PipelineOptions): Pipeline {
  const p = new Pipeline(opts);
  for (let i = 0; i < lines.length; i += 1000) p.feed(lines.slice(i, i + 1000));
  p.end();
  return p;
}

describe('requests that begin far behind the stream\'s clock', () => {
  const lines = rotated();

  it("a file's report says so when printed requests were let go: the request across the two files is split", () => {
    const p = read(lines, { keepFinal: false, lean: true });
    // the 101 requests of the older file began 4 minutes behind; one of them is the second piece of request 100
    expect(p.stats.startedBehind).toBe(101);
    expect(p.stats.groups).toBe(13_001);
    expect(summaryLine(p.stats)).toMatch(/101 requests began far behind the stream's clock .* may be split in two; give the logs as separate files/);
  });

  it('nothing to say where nothing was let go (the TUI keeps every request: one request across the files) or the input is in time order', () => {
    const tui = read(lines, {});
    expect([tui.stats.startedBehind, tui.stats.groups]).toEqual([0, 13_000]);
    const inOrder = read(inTimeOrder(), { keepFinal: false, lean: true });
    expect([inOrder.stats.startedBehind, inOrder.stats.groups]).toEqual([0, 13_000]);
    expect(summaryLine(inOrder.stats)).not.toMatch(/behind/);
  });
});
