import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { LineSource } from '../../src/model.js';
import { FileTail } from '../../src/sources/follow-reader.js';
import { mergeReaders } from '../../src/sources/merge.js';
import { WholeFileReader } from '../../src/sources/reader.js';
import { tempDir, waitFor } from './helpers.js';

const running: LineSource[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.stop();
});

/** Starts every handle; records (source index, line) in delivery order. */
function run(handles: LineSource[]) {
  running.push(...handles);
  const got: Array<[number, string]> = [];
  const statuses: string[] = [];
  const done = Promise.all(
    handles.map((h, i) =>
      h.start(
        (lines) => {
          for (const l of lines) got.push([i, l]);
        },
        (s) => statuses.push(`${i}:${s.state}`),
      ),
    ),
  );
  return { got, statuses, done };
}

function write(dir: string, name: string, lines: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

describe('merge of several files in time order', () => {
  it('interleaves text rows by time; header lines without a time stay with their row', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.log', [
      '01:00:00.000 req-aaaa0001 GET https://shop.example.com/a',
      '01:00:02.000 req-aaaa0001 Upstream Request: GET https://api.example.net/a',
      '    Accept: */*',
      '    X-From: a',
      '01:00:04.000 req-aaaa0001 Response details: GET https://shop.example.com/a 200 OK',
    ]);
    const b = write(dir, 'b.log', [
      '01:00:01.000 req-bbbb0002 GET https://shop.example.com/b',
      '01:00:02.000 req-bbbb0002 Upstream Request: GET https://api.example.net/b',
      '    X-From: b',
      '01:00:03.000 req-bbbb0002 Response details: GET https://shop.example.com/b 200 OK',
    ]);
    const { got, done } = run(mergeReaders([new WholeFileReader(a), new WholeFileReader(b)]));
    await done;
    // equal times (01:00:02): the file that gave the previous line goes on first
    expect(got.map(([i, l]) => `${i} ${l.trim().slice(0, 21)}`)).toEqual([
      '0 01:00:00.000 req-aaaa',
      '1 01:00:01.000 req-bbbb',
      '1 01:00:02.000 req-bbbb',
      '1 X-From: b',
      '0 01:00:02.000 req-aaaa',
      '0 Accept: */*',
      '0 X-From: a',
      '1 01:00:03.000 req-bbbb',
      '0 01:00:04.000 req-aaaa',
    ]);
  });

  it('orders JSON lines by epoch ms (time) and seconds (timestamp), and a .gz file with a plain one', async () => {
    const dir = tempDir();
    const a = write(dir, 'server.log', [
      JSON.stringify({ level: 30, time: 1710186733000, msg: 'a1' }),
      JSON.stringify({ level: 30, time: 1710186735000, msg: 'a2' }),
    ]);
    const gz = path.join(dir, 'rtld.log.gz');
    fs.writeFileSync(
      gz,
      zlib.gzipSync(
        [
          JSON.stringify({ request_id: 'r1', timestamp: 1710186732.5, message: 'b1' }),
          JSON.stringify({ request_id: 'r1', timestamp: 1710186734.25, message: 'b2' }),
          '2024-03-11T19:52:16.000Z plain ISO line b3',
        ].join('\n') + '\n',
      ),
    );
    const { got, done } = run(mergeReaders([new WholeFileReader(a), new WholeFileReader(gz)]));
    await done;
    expect(got.map(([i, l]) => `${i}:${/"(?:msg|message)":"(\w+)"/.exec(l)?.[1] ?? l.split(' ').pop()}`)).toEqual([
      '1:b1', '0:a1', '1:b2', '0:a2', '1:b3',
    ]);
  });

  it('keeps counting up past midnight in a time-of-day file', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.log', ['23:59:58.000 a before midnight', '00:00:03.000 a after midnight']);
    const b = write(dir, 'b.log', ['23:59:59.000 b before', '00:00:01.000 b after']);
    const { got, done } = run(mergeReaders([new WholeFileReader(a), new WholeFileReader(b)]));
    await done;
    expect(got.map(([, l]) => l)).toEqual([
      '23:59:58.000 a before midnight', '23:59:59.000 b before', '00:00:01.000 b after', '00:00:03.000 a after midnight',
    ]);
  });

  it("a dated access record among a file's times of day keeps its place after the row before it", async () => {
    const dir = tempDir();
    const lines = [
      '09:00:00.100 req-aaaa0001 Request details: GET https://shop.example.com/a',
      '{"timestamp":1710147600.2,"uuid":"req-aaaa0001","status_code":200,"method":"GET","host":"shop.example.com","path":"/a"}',
      '09:00:00.300 req-aaaa0001 Response details: GET https://shop.example.com/a 200 OK',
      '09:00:00.400 req-bbbb0002 Request details: GET https://shop.example.com/b',
    ];
    // the same file given twice: the copies go on side by side, the record with its row as a header line would
    // (it sorted after every time of day of the other file, so one copy ran ahead of the other to its next dated line)
    const { got, done } = run(mergeReaders([new WholeFileReader(write(dir, 'a.log', lines)), new WholeFileReader(write(dir, 'b.log', lines))]));
    await done;
    expect(got.map(([f, l]) => `${f} ${lines.indexOf(l)}`)).toEqual(['0 0', '0 1', '1 0', '1 1', '1 2', '0 2', '0 3', '1 3']);
  });

  it('big files: every line once, each file in its own order, delivered in few batches', async () => {
    const dir = tempDir();
    const mk = (name: string, offset: number) =>
      write(dir, name, Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ time: 1710000000000 + i * 10 + offset, n: i, f: name })));
    const a = mk('a.log', 0);
    const b = mk('b.log', 5);
    const handles = mergeReaders([new WholeFileReader(a), new WholeFileReader(b)]);
    let calls = 0;
    const got: string[][] = [[], []];
    running.push(...handles);
    await Promise.all(handles.map((h, i) => h.start((lines) => (calls++, got[i]!.push(...lines)), () => {})));
    expect(got[0]!.length).toBe(30_000);
    expect(got[1]!.length).toBe(30_000);
    expect(got[0]!.map((l) => JSON.parse(l).n)).toEqual(Array.from({ length: 30_000 }, (_, i) => i));
    expect(got[1]!.every((l) => JSON.parse(l).f === 'b.log')).toBe(true);
    // finely interleaved (runs of one line): exact runs until the call budget (2000 + 1 per 64 lines)
    // is spent, then one batch per file per window of 512 lines; never one call per line
    expect(calls).toBeLessThan(2000 + 60_000 / 64 + 600);
  }, 20_000);

  it('a missing file reports an error on its own handle; the others still end', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.log', ['01:00:00.000 x']);
    const { got, statuses, done } = run(mergeReaders([new WholeFileReader(a), new WholeFileReader(path.join(dir, 'nope.log'))]));
    await done;
    expect(got).toEqual([[0, '01:00:00.000 x']]);
    expect(statuses).toContain('1:error');
    expect(statuses).toContain('0:ended');
  });

  it('followed files: the existing content merged, then appended lines as they come, per file', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.log', ['01:00:00.000 a1', '01:00:02.000 a2']);
    const b = write(dir, 'b.log', ['01:00:01.000 b1']);
    const gzPath = path.join(dir, 'old.log.gz');
    fs.writeFileSync(gzPath, zlib.gzipSync('00:59:59.000 old1\n'));
    const handles = mergeReaders([
      new FileTail(a, { pollMs: 50 }),
      new FileTail(b, { pollMs: 50 }),
      new WholeFileReader(gzPath),
    ]);
    expect(handles.map((h) => h.live)).toEqual([true, true, false]);
    const { got } = run(handles);
    await waitFor(() => got.length === 4, 'the existing lines');
    expect(got).toEqual([[2, '00:59:59.000 old1'], [0, '01:00:00.000 a1'], [1, '01:00:01.000 b1'], [0, '01:00:02.000 a2']]);
    fs.appendFileSync(b, '01:00:05.000 b2\n');
    await waitFor(() => got.length === 5, 'appended line of b');
    fs.appendFileSync(a, '01:00:06.000 a3\n');
    await waitFor(() => got.length === 6, 'appended line of a');
    expect(got.slice(4)).toEqual([[1, '01:00:05.000 b2'], [0, '01:00:06.000 a3']]);
    for (const h of handles) h.stop();
  });
});
