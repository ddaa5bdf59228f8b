// The real binary in a pseudo-terminal, following a file that grows past --max-groups: a marked request that is let
// go is no longer counted as marked (the status line said "2 marked" of requests that were gone).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';

const open = tuiOpener();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('marks of requests let go', () => {
  it('are dropped, and said so, once --max-groups lets their requests go', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-e2e-marks-'));
    dirs.push(dir);
    const lines = fs.readFileSync(path.join(ROOT, 'samples/busy.log'), 'utf8').split('\n');
    const log = path.join(dir, 'app.log');
    fs.writeFileSync(log, lines.slice(0, 300).join('\n') + '\n');
    const t = open(`${ssrtail(`-f --max-groups 20 ${shellQuote(log)}`)}; echo AFTER-$?`, { cols: 100, rows: 30 });
    await t.waitFor((s) => s.includes('live') && /\d+ requests · 300 lines/.test(s), 'the first lines');
    await t.press('g', 'm', 'j', 'm');
    await t.waitFor((s) => s.includes('2 marked'), 'two marked');
    fs.appendFileSync(log, lines.slice(300).join('\n'));
    const s = await t.waitFor((s) => s.includes('2 marked requests were let go'), 'the marks dropped');
    expect(s).toMatch(/oldest evicted/);
    await t.press('M');
    await t.waitFor((s) => s.includes('no request is marked: m marks the selected one'), 'nothing marked any more');
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
  }, 60_000);
});
