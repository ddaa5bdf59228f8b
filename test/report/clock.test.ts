// The built binary on a server log of text rows (times of day) with an access log (dated), as files: one clock for
// both in --json (`time`, `ts`, durations), in the table's TIME column, in --since/--until and with --workers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { DAY, H, hms, mixed539, textOk } from '../helpers/clock-lines.js';

const NINE = 9 * H;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** server.log (text rows) and access.log (the access records) of a log written at `zoneMs` east of UTC. */
function writeLogs(zoneMs: number): { server: string; access: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-clock-'));
  const local = NINE + zoneMs;
  const server: string[] = [...textOk('okbefore1', local - 2000)];
  const access: string[] = [];
  for (let i = 0; i < 4; i++) {
    const [a, b, rec] = mixed539(`m539000${i}`, local + i * 1000, zoneMs);
    server.push(a!, b!);
    access.push(rec!);
  }
  server.push(...textOk('okafter01', local + 6000));
  // an access-only 539, old shape: its `eh` timing says how long the edge held it, its timestamp is the end
  access.push(JSON.stringify({ timestamp: (DAY + NINE + 30_000) / 1000, rid: 'tmo-old-0001', code: '539', met: 'GET', hh: 'shop.example.com', url: '/slow', xmt: 'eh=20011,ect=3,ecc=miss,ec=20010', xms: 'eh=539,ed=539,ec=539' }));
  const s = path.join(dir, 'server.log');
  const a = path.join(dir, 'access.log');
  fs.writeFileSync(s, server.join('\n') + '\n');
  fs.writeFileSync(a, access.join('\n') + '\n');
  return { server: s, access: a };
}

const objects = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a text server log with an access log', () => {
  it('--json: every time dated, ts its epoch ms, 539s 20 s, the access-only one from its eh timing', async () => {
    const { server, access } = writeLogs(0);
    const r = await runCli(['--json', server, access]);
    expect(r.code).toBe(0);
    const rows = objects(r.stdout);
    expect(rows).toHaveLength(7);
    for (const o of rows) {
      expect(o.time).toMatch(ISO);
      expect(o.ts).toBe(Date.parse(o.time as string));
    }
    const by = Object.fromEntries(rows.map((o) => [o.requestId, o]));
    for (let i = 0; i < 4; i++) expect([by[`m539000${i}`]!.durationMs, by[`m539000${i}`]!.ts]).toEqual([20_000, DAY + NINE + i * 1000]);
    expect(by['okbefore1']!.time).toBe('2024-03-11T08:59:58.000Z');
    expect([by['tmo-old-0001']!.label, by['tmo-old-0001']!.time, by['tmo-old-0001']!.durationMs]).toEqual(['timeout', '2024-03-11T09:00:09.989Z', 20_011]);
    // two workers: the same rows
    const w = await runCli(['--json', '--workers', '2', server, access]);
    expect(objects(w.stdout).sort((a, b) => String(a.requestId).localeCompare(String(b.requestId)))).toEqual(
      rows.sort((a, b) => String(a.requestId).localeCompare(String(b.requestId))),
    );
  });

  it('piped (live input) as from the file: the same rows, on the one clock', async () => {
    const { server, access } = writeLogs(0);
    // one stream, the access records among the text rows as a log shipper would interleave them
    const text = fs.readFileSync(server, 'utf8').trim().split('\n');
    const recs = fs.readFileSync(access, 'utf8').trim().split('\n');
    const both = path.join(path.dirname(server), 'both.log');
    fs.writeFileSync(both, [...text.slice(0, 6), recs[0], ...text.slice(6), ...recs.slice(1)].join('\n') + '\n');
    const file = objects((await runCli(['--json', both])).stdout);
    const piped = await runCli(['--json'], { shellPipeFrom: both });
    expect(piped.code).toBe(0);
    const rows = objects(piped.stdout);
    const key = (o: Record<string, unknown>) => JSON.stringify([o.requestId, o.label, o.time, o.ts, o.durationMs]);
    expect(rows.map(key).sort()).toEqual(file.map(key).sort());
    expect(rows.filter((o) => o.status === 539 && o.label !== 'timeout').map((o) => o.durationMs)).toEqual([20_000, 20_000, 20_000, 20_000]);
  });

  it('the table: one kind of time in the TIME column', async () => {
    const { server, access } = writeLogs(0);
    const r = await runCli(['--report', server, access]);
    const times = r.stdout.trim().split('\n').slice(1, 8).map((l) => l.split(/\s+/)[0]);
    expect(times).toHaveLength(7);
    for (const t of times) expect(t).toMatch(ISO);
  });

  it('a text log in local time (+01:00): times in UTC, --since/--until by the log’s own clock face or by date', async () => {
    const { server, access } = writeLogs(H);
    const r = await runCli(['--json', server, access]);
    const by = Object.fromEntries(objects(r.stdout).map((o) => [o.requestId, o]));
    // logged 10:00:06.000 at +01:00
    expect([by['okafter01']!.time, by['m5390001']!.durationMs]).toEqual(['2024-03-11T09:00:06.000Z', 20_000]);
    const ids = async (args: string[]) => objects((await runCli(['--json', ...args, server, access])).stdout).map((o) => o.requestId).sort();
    expect(await ids(['--since', '10:00:01', '--until', '10:00:06'])).toEqual(['m5390001', 'm5390002', 'm5390003', 'okafter01']);
    expect(await ids(['--since', '2024-03-11T09:00:01Z', '--until', '2024-03-11T09:00:06Z'])).toEqual(['m5390001', 'm5390002', 'm5390003', 'okafter01']);
  });
});

describe('a dated --since/--until on a log of times of day only', () => {
  it('keeps its requests (nothing to compare) and says so on stderr, with one thread and with --workers', async () => {
    const { server } = writeLogs(0);
    const all = objects((await runCli(['--json', server])).stdout).length;
    for (const extra of [[], ['--workers', '2']]) {
      const r = await runCli(['--json', ...extra, '--since', '2024-03-11T09:00:01Z', server]);
      expect(objects(r.stdout)).toHaveLength(all);
      expect(r.stderr).toContain(`${all} requests kept without being compared with --since/--until`);
    }
    // a time-of-day window compares them: no such note
    expect((await runCli(['--json', '--since', '09:00:01', server])).stderr).not.toContain('without being compared');
  });
});

describe('text rows with the dated time a wrapper put first (kubectl logs --timestamps)', () => {
  it('the wrapper’s time places the rows’ own times of day (+05:30): dated, ts set, alike with --workers and piped', async () => {
    const zone = 5.5 * H;
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      const local = 10 * H + i * 5000;
      for (const [dt, row] of [[0, 'Request details: GET'], [150, 'Response details: GET']] as const) {
        const wrapper = new Date(DAY + local + dt - zone + 3).toISOString().replace('Z', '123456Z');
        const end = row.startsWith('Response') ? ' 200 OK' : '';
        lines.push(`${wrapper} ${hms(local + dt)} kts-req-000${i} ${row} https://shop.example.com/k/${i}${end}`);
      }
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-kts-')), 'pod.log');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const rows = objects((await runCli(['--json', file])).stdout);
    expect(rows.map((o) => [o.time, o.ts, o.durationMs])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [new Date(DAY + 10 * H - zone + i * 5000).toISOString(), DAY + 10 * H - zone + i * 5000, 150]),
    );
    const sorted = (out: string) => out.trim().split('\n').sort();
    expect(sorted((await runCli(['--json', '--workers', '2', file])).stdout)).toEqual(sorted(rows.map((o) => JSON.stringify(o)).join('\n')));
    expect(sorted((await runCli(['--json'], { shellPipeFrom: file })).stdout)).toEqual(sorted(rows.map((o) => JSON.stringify(o)).join('\n')));
  });
});
