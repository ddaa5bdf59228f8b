// --tail N end to end (the built CLI on real files and pipes), and what it is refused with.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, ndjson, runCli, tmpFile } from '../helpers/run-cli.js';
import { openSources, type SourceOptions } from '../../src/sources/index.js';
import type { LokiSource } from '../../src/sources/loki.js';

/** 3,000 requests of three rows each, the last rows of the file a whole request each */
function log(requests: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= requests; i++) {
    const id = `req-${String(i).padStart(8, '0')}`;
    const t = `09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    rows.push(`${t}.000 ${id} Request details: GET https://shop.example.com/p/${i}`);
    rows.push(`${t}.100 ${id} Upstream Request: GET https://api.example.net/p/${i} 200 OK in 20ms`);
    rows.push(`${t}.200 ${id} Response details: GET https://shop.example.com/p/${i} 200 OK`);
  }
  return rows.join('\n') + '\n';
}

describe('--tail N (CLI)', () => {
  it('reports on the last N lines only and says on stderr that the input began mid-file', async () => {
    const f = tmpFile('app.log', log(3000));
    const r = await runCli(['--json', '--tail', '7', f]);
    expect(r.code).toBe(0);
    // 7 lines: the response row of request 2998, then 2999 and 3000 whole
    const rows = ndjson(r.stdout);
    expect(rows.map((o) => o.requestId)).toEqual(['req-00002998', 'req-00002999', 'req-00003000']);
    expect(rows.slice(1).every((o) => o.label === 'ok')).toBe(true);
    expect(r.stderr).toMatch(/app\.log: --tail 7: began mid-file at line ~[\d,]+ \(byte [\d,]+\): requests already under way there are partial/);
    // the line is estimated (from the mean line length): the true one is 8,994
    expect(Math.abs(Number(/line ~([\d,]+)/.exec(r.stderr)![1]!.replace(/,/g, '')) - 8994)).toBeLessThan(450);
    expect(r.stderr).toMatch(/3 requests, 7 lines/);
  });

  it('with -f, follows from the last N lines: appended requests come too', async () => {
    const f = tmpFile('app.log', log(3000));
    const child = spawn(process.execPath, [BIN, '--json', '-f', '--tail', '7', f], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const until = async (what: () => boolean) => {
      const deadline = Date.now() + 15000;
      while (!what() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => err.includes('--tail 7: began mid-file'));
    expect(err).toMatch(/app\.log: live: --tail 7: began mid-file at line ~[\d,]+/);
    fs.appendFileSync(f, '10:00:00.000 req-new00001 Request details: GET https://shop.example.com/new\n10:00:00.300 req-new00001 Response details: GET https://shop.example.com/new 200 OK\n');
    // the file is looked at every 500 ms at least: the appended rows are read well within 2 s
    await new Promise((r) => setTimeout(r, 2000));
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    expect(ndjson(out).map((o) => o.requestId)).toEqual(['req-00002998', 'req-00002999', 'req-00003000', 'req-new00001']);
    expect(err).toMatch(/4 requests, 9 lines/);
  });

  it('refuses a pipe, gzip, --ws, a bad number and --tail 0 without -f, with what to do instead', async () => {
    const f = tmpFile('app.log', log(10));
    const gz = path.join(path.dirname(f), 'app.log.1');
    fs.writeFileSync(gz, zlib.gzipSync(log(10)));
    const cases: Array<[string[], RegExp, string?]> = [
      [['--tail', '5'], /--tail reads a file back from its end, which a pipe does not have: cut it before \(tail -n 5/, log(3)],
      [['--tail', '5', '-'], /a pipe does not have/, log(3)],
      [['--tail', '5', gz], /app\.log\.1 is compressed, and gzip must be read whole: zcat .* \| tail -n 5 \| ssrtail/],
      [['--tail', '5', '--ws', 'ws://127.0.0.1:1'], /--tail does not go with --ws: .*\?backlog=5/],
      [['--tail', 'x', f], /--tail must be a whole number of lines, not "x"/],
      [['--tail', '-3', f], /--tail/],
      [['--tail', '0', f], /--tail 0 reads no line: with -f it follows only what is written from now on/],
    ];
    for (const [args, msg, input] of cases) {
      const r = await runCli(['--report', ...args], { input });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
    }
  });
});

describe('--tail N with --loki', () => {
  const base: SourceOptions = { files: [], follow: false, headers: [], noReconnect: true, stdinIsPipe: false, env: {} };
  it("is Loki's limit", () => {
    const [src] = openSources({ ...base, loki: 'http://127.0.0.1:3100', query: '{app="shop"}', tail: 50 });
    expect(new URL((src as LokiSource).nextUrl()).searchParams.get('limit')).toBe('50');
    expect(() => openSources({ ...base, loki: 'http://127.0.0.1:3100', query: '{app="shop"}', tail: 0 })).toThrow(/--tail 0/);
  });
});
