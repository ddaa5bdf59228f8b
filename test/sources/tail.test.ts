// --tail N: the last N lines of real files, found by reading back from the end in blocks.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LineSource } from '../../src/model.js';
import { FileSource } from '../../src/sources/file.js';
import { FollowSource } from '../../src/sources/follow.js';
import { mergeReaders } from '../../src/sources/merge.js';
import { WholeFileReader } from '../../src/sources/reader.js';
import { tailStart } from '../../src/sources/tail.js';
import { collect, numbered, tempDir, waitFor } from './helpers.js';

const running: LineSource[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.stop();
});

/** ~1.1 MB of numbered lines of varied length: many 64 KiB blocks */
const LINES = numbered('09:00:00.000 req-00000001 INFO: line ', 1, 20_000).map((l, i) => l + ' x'.repeat(i % 13));

function file(name: string, content: string): string {
  const p = path.join(tempDir(), name);
  fs.writeFileSync(p, content);
  return p;
}

async function lastLines(p: string, n: number): Promise<{ lines: string[]; detail?: string }> {
  const src = new FileSource(p, n);
  const c = collect(src);
  await c.done;
  return { lines: c.lines, detail: c.status?.detail };
}

describe('--tail N on a file', () => {
  it('gives the last N lines of a file of many blocks, and says where the window began', async () => {
    const p = file('big.log', LINES.join('\n') + '\n');
    const r = await lastLines(p, 2000);
    expect(r.lines).toEqual(LINES.slice(-2000));
    expect(r.detail).toMatch(/^--tail 2000: began mid-file at line ~[\d,]+ \(byte [\d,]+\): requests already under way there are partial$/);
    const line = Number(/line ~([\d,]+)/.exec(r.detail!)![1]!.replace(/,/g, ''));
    // an estimate from the mean line length: near the true 18,001
    expect(Math.abs(line - 18_001)).toBeLessThan(1500);
  });

  it('counts a last line without its newline as a line, and cuts CRLF lines whole', async () => {
    const noNl = file('no-newline.log', LINES.join('\n'));
    expect((await lastLines(noNl, 3)).lines).toEqual(LINES.slice(-3));
    const crlf = file('crlf.log', LINES.join('\r\n') + '\r\n');
    expect((await lastLines(crlf, 1500)).lines).toEqual(LINES.slice(-1500));
  });

  it('reads the whole file when N is larger than it, with no note; N = 0 reads nothing', async () => {
    const p = file('small.log', 'a\nb\nc\n');
    expect(await lastLines(p, 10)).toEqual({ lines: ['a', 'b', 'c'], detail: undefined });
    expect(await lastLines(p, 3)).toEqual({ lines: ['a', 'b', 'c'], detail: undefined });
    expect((await lastLines(p, 2)).lines).toEqual(['b', 'c']);
    expect((await lastLines(p, 0)).lines).toEqual([]);
    expect((await lastLines(file('empty.log', ''), 5)).lines).toEqual([]);
  });

  it('reads back from the end in blocks, never the whole file', async () => {
    const p = file('big.log', LINES.join('\n') + '\n');
    const fh = await fs.promises.open(p, 'r');
    let read = 0;
    const counting = {
      stat: () => fh.stat(),
      read: async (buf: Buffer, off: number, len: number, pos: number) => {
        const r = await fh.read(buf, off, len, pos);
        read += r.bytesRead;
        return r;
      },
    } as unknown as fs.promises.FileHandle;
    try {
      const t = await tailStart(counting, 100, 4096);
      const size = fs.statSync(p).size;
      expect(fs.readFileSync(p).subarray(t.offset).toString().split('\n').slice(0, -1)).toEqual(LINES.slice(-100));
      expect(read).toBeLessThan(size / 50);
    } finally {
      await fh.close();
    }
  });

  it('follows from the last N lines (tail -n N -F), then reads what is appended', async () => {
    const p = file('app.log', LINES.join('\n') + '\n');
    const src = new FollowSource(p, { pollMs: 50, tail: 5 });
    running.push(src);
    const c = collect(src);
    await waitFor(() => c.status?.state === 'live', 'live state');
    expect(c.lines).toEqual(LINES.slice(-5));
    expect(c.status?.detail).toMatch(/^--tail 5: began mid-file at line ~/);
    fs.appendFileSync(p, 'new 1\nnew 2\n');
    await waitFor(() => c.lines.length === 7, 'appended lines');
    expect(c.lines.slice(5)).toEqual(['new 1', 'new 2']);
  });

  it('follows only new lines with --tail 0, and reads a truncated file again from the start', async () => {
    const p = file('app.log', 'old 1\nold 2\n');
    const src = new FollowSource(p, { pollMs: 50, tail: 0 });
    running.push(src);
    const c = collect(src);
    await waitFor(() => c.status?.state === 'live', 'live state');
    expect(c.lines).toEqual([]);
    fs.appendFileSync(p, 'new 1\n');
    await waitFor(() => c.lines.length === 1, 'the appended line');
    fs.truncateSync(p, 0);
    fs.writeFileSync(p, 'again 1\n');
    await waitFor(() => c.lines.length === 2, 'the rewritten file');
    expect(c.lines).toEqual(['new 1', 'again 1']);
  });

  it('gives the last N lines of each of several merged files', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.log');
    const b = path.join(dir, 'b.log');
    fs.writeFileSync(a, numbered('09:00:01.000 a ', 1, 9000).join('\n') + '\n');
    fs.writeFileSync(b, numbered('09:00:02.000 b ', 1, 9000).join('\n'));
    const handles = mergeReaders([new WholeFileReader(a, 2), new WholeFileReader(b, 3)]);
    running.push(...handles);
    const got: string[] = [];
    await Promise.all(handles.map((h) => h.start((lines) => got.push(...lines), () => {})));
    expect(got).toEqual(['09:00:01.000 a 8999', '09:00:01.000 a 9000', '09:00:02.000 b 8998', '09:00:02.000 b 8999', '09:00:02.000 b 9000']);
  });
});
