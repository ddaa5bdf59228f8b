// --since / --until: which requests started in the window, on the clock face or by date.
import { describe, expect, it } from 'vitest';
import { describeWindow, epochWindow, inWindow, parseBound } from '../../src/util/window.js';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const tod = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;
const DAY = 86_400_000;

describe('time windows', () => {
  it('reads times of day and dates and times, and refuses anything else', () => {
    expect(parseBound('09:00')).toEqual({ t: tod(9, 0), timeOfDay: true, text: '09:00' });
    expect(parseBound('9:05:30.25')?.t).toBe(tod(9, 5, 30) + 250);
    expect(parseBound('2024-03-11T09:00Z')).toMatchObject({ t: Date.parse('2024-03-11T09:00:00Z'), timeOfDay: false });
    expect(parseBound('2024-03-11 09:00')?.t).toBe(Date.parse('2024-03-11T09:00:00Z'));
    expect(parseBound('2024-03-11T10:00+01:00')?.t).toBe(Date.parse('2024-03-11T09:00:00Z'));
    expect(parseBound('2024-03-11')?.t).toBe(Date.parse('2024-03-11T00:00:00Z'));
    for (const bad of ['', '9', '25:00', '09:60', 'yesterday', '10', '10x', 'm10', '-10m', '2024-13-01', '2024-03-11T09', '2024-02-30', '2023-02-29T09:00Z']) expect(parseBound(bad), bad).toBeUndefined();
    expect(parseBound('2024-02-29T09:00Z')).toBeDefined();
  });

  it('reads a duration as that long before now, and says the time it stands for', () => {
    const now = Date.parse('2024-03-11T09:30:00Z');
    expect(parseBound('10m', now)).toEqual({ t: Date.parse('2024-03-11T09:20:00Z'), timeOfDay: false, text: '10m (2024-03-11T09:20:00Z)' });
    expect(parseBound('1h30m', now)?.t).toBe(Date.parse('2024-03-11T08:00:00Z'));
    expect(parseBound('2d', now)?.t).toBe(Date.parse('2024-03-09T09:30:00Z'));
    expect(parseBound('1.5h', now)?.t).toBe(Date.parse('2024-03-11T08:00:00Z'));
    expect(parseBound('90s', now)?.text).toBe('90s (2024-03-11T09:28:30Z)');
    expect(parseBound('250ms', now)).toEqual({ t: now - 250, timeOfDay: false, text: '250ms (2024-03-11T09:29:59Z)' });
  });

  it('places a request by its first time: times of day on the clock face, dated times by date or (UTC) clock face', () => {
    const w = { since: parseBound('09:00')!, until: parseBound('09:15')! };
    expect(inWindow(tod(9, 0), w)).toBe(true);
    expect(inWindow(tod(9, 15), w)).toBe(true);
    expect(inWindow(tod(8, 59, 59), w)).toBe(false);
    expect(inWindow(tod(9, 15, 1), w)).toBe(false);
    // the next day's 09:05 (a time of day counted past midnight) and a dated 09:05 UTC
    expect(inWindow(DAY + tod(9, 5), w)).toBe(true);
    expect(inWindow(Date.parse('2024-03-11T09:05:00Z'), w)).toBe(true);
    expect(inWindow(Date.parse('2024-03-11T10:05:00Z'), w)).toBe(false);
    expect(inWindow(undefined, w)).toBe(true);
    // a stream whose times of day were written at +01:00 and placed on the date (correlate/clock.ts): its clock face
    const plusOne = Date.parse('2024-03-11T00:00:00Z') - 3_600_000;
    expect(inWindow(Date.parse('2024-03-11T08:05:00Z'), w, plusOne)).toBe(true);
    expect(inWindow(Date.parse('2024-03-11T09:05:00Z'), w, plusOne)).toBe(false);
    // over midnight
    const night = { since: parseBound('23:30')!, until: parseBound('00:30')! };
    expect([tod(23, 45), tod(0, 10), tod(12, 0)].map((t) => inWindow(t, night))).toEqual([true, true, false]);
    // by date: dated times compared, times of day (which cannot be placed on a date) kept
    const dated = { since: parseBound('2024-03-11T09:00Z')! };
    expect(inWindow(Date.parse('2024-03-11T08:59:59Z'), dated)).toBe(false);
    expect(inWindow(Date.parse('2024-03-12T08:00:00Z'), dated)).toBe(true);
    expect(inWindow(tod(3, 0), dated)).toBe(true);
    expect(describeWindow(w)).toBe('since 09:00 until 09:15');
  });

  it('report mode prints only the requests that started in the window, and says the totals are of the whole input', async () => {
    const row = (t: string, id: string, status: number) => [
      `${t} ${id} Request details: GET https://shop.example.com/${id}`,
      `${t} ${id} Response details: GET https://shop.example.com/${id} ${status} X`,
    ];
    const f = tmpFile('w.log', [...row('08:59:59.000', 'req-early1', 200), ...row('09:05:00.000', 'req-inside', 404), ...row('09:20:00.000', 'req-late01', 500), ''].join('\n'));
    const json = await runCli(['--json', '--since', '09:00', '--until', '09:15', f]);
    expect(json.code).toBe(0);
    expect(ndjson(json.stdout).map((r) => r.requestId)).toEqual(['req-inside']);
    for (const args of [['--report', '--no-color', '--since', '09:00', '--until', '09:15', f], ['--report', '--no-color', '--workers', '2', '--since', '09:00', '--until', '09:15', f]]) {
      const table = await runCli(args);
      expect(table.stdout).toContain('req-inside');
      expect(table.stdout).not.toMatch(/req-early1|req-late01/);
      expect(table.stdout).toContain('Totals (of the whole input: --since 09:00 --until 09:15 chose the rows above)');
      expect(table.stdout).toMatch(/requests +3/);
    }
    const bad = await runCli(['--json', '--since', 'yesterday', f]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be a time of day \(09:00, 09:00:30\.5\), a date and time \(2024-03-11T09:00Z\) or a time ago \(10m/);
  });

  it('--since 10m keeps the requests of the last ten minutes of a dated log, and the totals say from when', async () => {
    const iso = (agoMin: number) => new Date(Date.now() - agoMin * 60_000).toISOString();
    const row = (agoMin: number, id: string) => [
      `${iso(agoMin)} ${id} Request details: GET https://shop.example.com/${id}`,
      `${iso(agoMin)} ${id} Response details: GET https://shop.example.com/${id} 200 OK`,
    ];
    const f = tmpFile('ago.log', [...row(30, 'req-old-30m'), ...row(11, 'req-old-11m'), ...row(4, 'req-new-04m'), ''].join('\n'));
    const json = await runCli(['--json', '--since', '10m', f]);
    expect(json.code).toBe(0);
    expect(ndjson(json.stdout).map((r) => r.requestId)).toEqual(['req-new-04m']);
    const table = await runCli(['--report', '--no-color', '--since', '10m', '--until', '1m', f]);
    expect(table.stdout).toMatch(/--since 10m \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\) --until 1m \(/);
    expect(table.stdout).toMatch(/not shown +2/);
  });
});

describe('epochWindow (the window Loki is asked for)', () => {
  const now = Date.parse('2026-12-02T13:00:00Z');
  const b = (s: string) => parseBound(s)!;
  it('a date and time is itself; the end gets the slack', () => {
    expect(epochWindow({ since: b('2026-12-02T09:00Z'), until: b('2026-12-02T09:15Z') }, now, 35_000)).toEqual({
      startMs: Date.parse('2026-12-02T09:00Z'), endMs: Date.parse('2026-12-02T09:15:35Z'),
    });
  });
  it('a time of day is the most recent one in UTC; --until the first at or after --since (across midnight too)', () => {
    expect(epochWindow({ since: b('09:00') }, now, 0)).toEqual({ startMs: Date.parse('2026-12-02T09:00Z') });
    expect(epochWindow({ since: b('14:00') }, now, 0)).toEqual({ startMs: Date.parse('2026-12-01T14:00Z') });
    expect(epochWindow({ since: b('23:30'), until: b('00:30') }, now, 0)).toEqual({
      startMs: Date.parse('2026-12-01T23:30Z'), endMs: Date.parse('2026-12-02T00:30Z'),
    });
  });
  it('--until alone reads the hour before it; no bound, no window', () => {
    expect(epochWindow({ until: b('12:00') }, now, 0)).toEqual({ startMs: Date.parse('2026-12-02T11:00Z'), endMs: Date.parse('2026-12-02T12:00Z') });
    expect(epochWindow({}, now, 0)).toBeUndefined();
  });
});
