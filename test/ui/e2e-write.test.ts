// The real binary in a pseudo-terminal: w writes the list to a real file (its default name in the working
// directory), marked rows only once any is marked, and asks before writing over a file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';

const open = tuiOpener();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('w in a terminal', () => {
  it('writes the list to ./ssrtail-HHMMSS.txt, then the marked rows over it after y', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-e2e-w-'));
    dirs.push(dir);
    const t = open(`cd ${shellQuote(dir)} && ${ssrtail(shellQuote(TRIAGE_LOG))}; echo AFTER-$?`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    await t.press('w');
    let s = await t.waitFor((s) => /write the list to: \.\/ssrtail-\d{6}\.txt/.test(s), 'the prompt with its default');
    const name = /\.\/(ssrtail-\d{6}\.txt)/.exec(s)![1]!;
    await t.press(KEYS.enter);
    s = await t.waitFor((s) => s.includes('wrote 12 requests to'), 'written');
    const file = path.join(dir, name);
    expect(s).toContain(file);
    const all = fs.readFileSync(file, 'utf8');
    expect(all.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT/.test(l))).toHaveLength(12);
    expect(all).toMatch(/allowlist-suspect +539 +GET +https:\/\/shop\.example\.com\/p\/42 .*\n {4}why: +no Response details row/);
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]|SECRET/);

    // mark the 539, write over the same file after saying y
    await t.press('n', 'm');
    await t.waitFor((s) => /^›●19:52:11\.000 \[ALLOW\?\]/m.test(s), 'the mark on the row');
    t.send('w');
    await t.waitFor((s) => s.includes('write the 1 marked request to:'), 'the prompt for the marked');
    t.send('\u0015' + name + KEYS.enter);
    await t.waitFor((s) => s.includes('exists: write over it?'), 'asked first');
    expect(fs.readFileSync(file, 'utf8')).toBe(all);
    await t.press('y');
    await t.waitFor((s) => s.includes('wrote 1 marked request to'), 'overwritten');
    const marked = fs.readFileSync(file, 'utf8');
    expect(marked.split('\n').filter((l) => /^\d{4}-/.test(l))).toEqual([expect.stringMatching(/allowlist-suspect +539 .*22222222-aaaa-4bbb-8ccc-000000000539$/)]);
    // a second mark, then a search that hides it: the prompt counts what it writes
    await t.press('g', 'm');
    await t.waitFor((s) => s.includes('2 marked'), 'two marked');
    await t.press('/', ...'000000000539', KEYS.enter);
    await t.waitFor((s) => s.includes('1 of 12 requests'), 'the 539 alone');
    t.send('w');
    await t.waitFor((s) => s.includes('write the 1 marked request in view (of 2) to:'), 'the prompt counts the marked in view');
    await t.press(KEYS.escape);
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
  }, 60_000);
});
