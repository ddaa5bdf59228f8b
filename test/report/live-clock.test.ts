// Live input (a pipe that stays open) of text rows stamped with times of day and the edge's access records (epoch):
// a 539 whose access record came after its text rows is decided by the stream's clock while the input goes on, as
// reading the file whole labels it, not left `pending` until the input ends (spec §3: replaying a file live gives
// the labels of reading it whole).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';
import { H, mixed539, textOk } from '../helpers/clock-lines.js';

/** Writes `lines` to a live ssrtail --json and keeps its stdin open; after `waitMs`, SIGINT. */
function runLive(lines: string[], waitMs: number): Promise<{ code: number | null; rows: Record<string, unknown>[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stdin.write(lines.join('\n') + '\n');
    setTimeout(() => child.kill('SIGINT'), waitMs);
    child.on('close', (code) =>
      resolve({ code, rows: out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) }));
  });
}

/** 60 requests 7 s apart, every third a 539 (text rows, then its access record), written at `zoneMs` east of UTC */
function stream(zoneMs: number, skewMs: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const id = `live-${String(i).padStart(5, '0')}`;
    const t = 10 * H + zoneMs + i * 7000;
    if (i % 3 === 0) {
      const [a, b, rec] = mixed539(id, t, zoneMs);
      const r = JSON.parse(rec!) as { timestamp: number };
      out.push(a!, b!, JSON.stringify({ ...r, timestamp: r.timestamp + skewMs / 1000 }));
    } else out.push(...textOk(id, t));
  }
  return out;
}

describe('live input with times of day and access records', () => {
  for (const [name, zone, skew] of [
    ['a +05:30 log (the clock learned after three requests)', 5.5 * H, 0],
    ['clocks 3 minutes apart (never one clock)', 0, 180_000],
  ] as const) {
    it(`${name}: early 539s are decided while the input is open`, async () => {
      const { rows } = await runLive(stream(zone, skew), 3000);
      const early = rows.filter((o) => o.status === 539 && Number(String(o.requestId).slice(5)) < 45);
      expect(early.length).toBe(15);
      expect(early.every((o) => o.label === 'allowlist-suspect')).toBe(true);
    }, 15_000);
  }
});
