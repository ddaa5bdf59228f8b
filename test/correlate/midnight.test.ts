// Times of day (`HH:MM:SS.mmm`) that pass midnight: the stream's clock and a request's times count on.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { formatTime } from '../../src/report/format.js';
import { BIN, ROOT, ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const MID = [
  '23:59:59.900 mn-0000001 Request details: GET https://shop.example.com/a',
  '23:59:59.950 mn-0000001 Upstream Request: GET https://api.example.net/x 200 OK in 100ms',
  '00:00:00.100 mn-0000001 Response details: GET https://shop.example.com/a 404 Not Found',
  '23:59:50.000 mn-0000002 Request details: GET https://shop.example.com/b',
  '00:00:05.000 mn-0000002 Upstream Request: GET https://api.example.net/y 503 Service Unavailable in 14000ms',
  '00:00:05.100 mn-0000002 Response details: GET https://shop.example.com/b 200 OK',
];

describe('times of day past midnight', () => {
  it('keep a request that runs past midnight whole, in a file and through a pipe', async () => {
    const f = tmpFile('mid.log', MID.join('\n') + '\n');
    for (const r of [await runCli(['--json', f]), await runCli(['--json'], { shellPipeFrom: f })]) {
      expect(r.code).toBe(0);
      expect(ndjson(r.stdout).map((o) => [o.requestId, o.label, o.time, o.durationMs, o.lines])).toEqual([
        ['mn-0000001', 'not-found', '23:59:59.900', 200, 3],
        ['mn-0000002', 'ok', '23:59:50.000', 15_100, 3],
      ]);
      expect(r.stderr).not.toMatch(/reused/);
    }
  });

  it('a late row from before midnight, after the first one past it, stays on the day before', () => {
    const p = new Pipeline();
    p.feed([
      '23:59:59.000 mn-0000003 Request details: GET https://shop.example.com/c',
      '00:00:00.500 mn-0000004 Request details: GET https://shop.example.com/d',
      '23:59:59.800 mn-0000003 Response details: GET https://shop.example.com/c 200 OK',
      '00:00:01.000 mn-0000004 Response details: GET https://shop.example.com/d 200 OK',
    ]);
    p.end();
    const c = p.get('mn-0000003')!;
    const d = p.get('mn-0000004')!;
    expect([c.label, c.durationMs, d.label, d.durationMs]).toEqual(['ok', 800, 'ok', 500]);
    expect(d.firstTime! - c.firstTime!).toBe(1500);
    expect([formatTime(c.firstTime), formatTime(d.firstTime)]).toEqual(['23:59:59.000', '00:00:00.500']);
    expect(p.stats.reusedIds).toBe(0);
  });

  it('one stray line stamped hours ahead does not make the lines after it the next day', () => {
    const p = new Pipeline();
    p.feed([
      '09:00:00.000 st-00000001 Request details: GET https://shop.example.com/a',
      '09:00:00.100 st-00000002 Request details: GET https://shop.example.com/b',
      '21:30:00.000 WARN: disk usage 91%',
      '09:00:00.200 st-00000001 Upstream Request: GET https://api.example.net/x 200 OK in 100ms',
      '09:00:00.300 st-00000001 Response details: GET https://shop.example.com/a 404 Not Found',
      '09:00:00.400 st-00000002 Response details: GET https://shop.example.com/b 200 OK',
    ]);
    p.end();
    expect(p.groups().map((g) => [g.requestId, g.label])).toEqual([['st-00000001', 'not-found'], ['st-00000002', 'ok']]);
    expect(p.stats.reusedIds).toBe(0);
  });

  it('keeps counting on over several days (still times of day, shown on the clock face)', () => {
    const p = new Pipeline();
    const lines: string[] = [];
    // one request every 8 hours for 4 days: each is 8 h after the one before
    for (let i = 0; i < 12; i++) {
      const h = String((i * 8 + 20) % 24).padStart(2, '0');
      lines.push(`${h}:00:00.000 day-${String(i).padStart(6, '0')} Response details: GET https://s.example/ 200 OK`);
    }
    p.feed(lines);
    p.end();
    const gs = p.groups();
    for (let i = 1; i < gs.length; i++) expect(gs[i]!.firstTime! - gs[i - 1]!.firstTime!).toBe(8 * 3_600_000);
    expect(gs.map((g) => formatTime(g.firstTime).slice(0, 2))).toEqual(['20', '04', '12', '20', '04', '12', '20', '04', '12', '20', '04', '12']);
  });

  it('live input goes on printing after midnight, before the input ends', async () => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    const lines: string[] = [];
    // a request every 2 s from 23:59:40 to 00:00:58, each answered at once
    for (let i = 0; i < 40; i++) {
      const s = (86_380 + i * 2) % 86_400;
      const t = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
      const id = `mm-${String(i).padStart(6, '0')}`;
      lines.push(`${t} ${id} Request details: GET https://shop.example.com/${i}`, `${t} ${id} Response details: GET https://shop.example.com/${i} 200 OK`);
    }
    child.stdin.write(lines.join('\n') + '\n');
    // 00:00:20 is 15 s of the stream's clock before the last line: printed while the pipe is still open
    const deadline = Date.now() + 10_000;
    while (!out.includes('"mm-000020"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('"mm-000020"');
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    expect(ndjson(out)).toHaveLength(40);
  });
});
