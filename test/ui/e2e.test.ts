// The real binary (npm test builds dist/ first) in a pseudo-terminal: open a log, walk to the 539, read why,
// search, filter, pause, resize, quit, and find the terminal as it was. Also with piped stdin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, selected, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';
import { heavyRequestLines } from '../helpers/heavy-lines.mjs';

const LEAVE_ALT = '\u001b[?1049l';
const ENTER_ALT = '\u001b[?1049h';
const open = tuiOpener();
const file = shellQuote(TRIAGE_LOG);

/** After the last "leave the alternate screen", only cursor-visibility sequences may follow. */
function leftAltScreenLast(raw: string): boolean {
  const i = raw.lastIndexOf(LEAVE_ALT);
  if (i < 0 || raw.lastIndexOf(ENTER_ALT) > i) return false;
  const after = raw.slice(i + LEAVE_ALT.length).replace(/\u001b\[\?25h/g, '');
  return after === '' || /^(\r?\n)?AFTER/.test(after);
}

describe('ssrtail TUI in a terminal', () => {
  it('triages a file: 539, reasons, unfold, search, filter, pause, resize, help, quit', async () => {
    const t = open(`printf 'BEFORE-MARKER\\n'; ${ssrtail(file)}; echo AFTER-$?`);
    let s = await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    expect(t.buffer()).toBe('alternate');
    expect(s).not.toContain('BEFORE-MARKER');
    expect(s).toMatch(/4:ALLOW\? 2/);

    // walk to the 539 and read why it failed
    await t.press('n');
    s = await t.waitFor((s) => s.includes('allowlist-suspect ·'), 'the 539');
    expect(selected(s)).toMatch(/\[ALLOW\?\] +539 +GET +\/p\/42/);
    expect(s).toMatch(/why +no Response details row/);
    expect(s).toMatch(/Upstream Request: GET https:\/\/origin\.example\.org\/api\/products\/42\s+✗ no answer logged/);
    expect(s).toMatch(/✗ Response details: missing — the SSR code did not run to completion/);

    // unfold the upstream's headers: the API key is masked
    await t.press(KEYS.enter);
    for (let i = 0; i < 12 && !/▶.*Upstream Request/.test(t.screen().join('\n')); i++) await t.press('j');
    await t.press(KEYS.enter);
    s = await t.waitFor((s) => s.includes('▾ 2 request headers'), 'unfolded upstream headers');
    expect(s).toMatch(/X-Api-Key: <masked: 15 chars>/);
    expect(t.raw()).not.toContain('SECRETAPIKEY000');
    await t.press(KEYS.tab);

    // search live, then clear
    await t.press('/', ...'cart');
    // the cursor: an inverse cell after the text
    s = await t.waitForMarked((s) => s.includes('1 match') && s.includes('/cart⟦ ⟧'), 'search results');
    expect(selected(s)).toMatch(/\/cart/);
    await t.press(KEYS.escape);
    await t.waitFor((s) => s.includes('12 of 12 requests'), 'search cleared');

    // filters
    await t.press('e');
    s = await t.waitFor((s) => s.includes('9 of 12 requests'), 'failures only');
    await t.press('e', '5');
    s = await t.waitFor((s) => s.includes('1 of 12 requests'), 'backend-error only');
    expect(selected(s)).toMatch(/\[BACKEND\]/);
    await t.press('x');
    await t.waitFor((s) => s.includes('12 of 12 requests'), 'filters cleared');

    // pause: the file has been read whole, nothing flows to pause (live input pauses: app.test.tsx); space pages there
    await t.press('p');
    s = await t.waitFor((s) => s.includes('the input has ended: nothing to pause'), 'nothing to pause');
    expect(s).not.toContain('PAUSED');

    // resize to 80x24: the frame follows, one row shorter than the terminal
    t.resize(80, 24);
    s = await t.waitFor((s) => s.split('\n')[0]!.includes('12 requests') && /↑↓\/jk move/.test(s.split('\n')[22] ?? ''), 'the 80x24 frame');
    expect(s.split('\n')[23]).toBe('');
    t.resize(100, 30);
    await t.waitFor((s) => /↑↓\/jk move/.test(s.split('\n')[28] ?? ''), 'the 100x30 frame');

    // help, then quit
    await t.press('?');
    await t.waitFor((s) => s.includes('Keys') && s.includes('search ID, URL'), 'help');
    await t.press(KEYS.escape);
    await t.waitFor((s) => !s.includes('search ID, URL'), 'help closed');
    t.send('q');
    const { exitCode } = await t.exited;
    expect(exitCode).toBe(0);
    s = await t.waitFor((s) => s.includes('AFTER-0'), 'the shell after quit');
    expect(t.buffer()).toBe('normal');
    expect(s).toContain('BEFORE-MARKER');
    expect(s).not.toContain('requests');
    expect(leftAltScreenLast(t.raw())).toBe(true);
  }, 90_000);

  it('q after every source failed (a refused token) exits 2 and leaves the reason on the terminal', async () => {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: (_info, cb) => cb(false, 401, 'Unauthorized') });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    try {
      const t = open(`${ssrtail(`--ws ws://127.0.0.1:${port}`)}; echo AFTER-$?`);
      await t.waitFor((s) => s.includes('401 Unauthorized'), 'the refusal on screen');
      t.send('q');
      expect((await t.exited).exitCode).toBe(0);
      const s = await t.waitFor((s) => s.includes('AFTER-2'), 'exit status 2');
      expect(s).toMatch(/ssrtail: .*401 Unauthorized: the server wants credentials/);
    } finally {
      wss.close();
    }
  }, 60_000);

  it('reads data from a pipe and keys from the terminal', async () => {
    const t = open(`cat ${file} | ${ssrtail('')}; echo AFTER-$?`);
    const ended = await t.waitFor((s) => s.includes('12 requests') && s.includes('stdin') && s.includes('ended'), 'piped data');
    // the pipe has ended: nothing is followed any more, and the header does not say so
    expect(ended).not.toContain('FOLLOW');
    await t.press('g', 'n');
    const s = await t.waitFor((s) => s.includes('allowlist-suspect ·'), 'the 539 via keys');
    expect(selected(s)).toMatch(/\/p\/42/);
    t.send('q');
    expect((await t.exited).exitCode).toBe(0);
    await t.waitFor((s) => s.includes('AFTER-0'), 'the shell after quit');
    expect(t.buffer()).toBe('normal');
    expect(leftAltScreenLast(t.raw())).toBe(true);
  }, 60_000);

  it('draws even when CI is set in the environment', async () => {
    const t = open(`${ssrtail(file)}; echo AFTER-$?`, { env: { CI: 'true', GITHUB_ACTIONS: 'true' } });
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the first frame');
    await t.press('n');
    await t.waitFor((s) => s.includes('allowlist-suspect ·'), 'a key answered');
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
  }, 60_000);

  it('quits on a pipe that never ends (kubectl logs -f | ssrtail)', async () => {
    const t = open(`(cat ${file}; sleep 600) | (${ssrtail('')}; echo AFTER-$?)`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('● live'), 'live piped data');
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'ssrtail gone');
    expect(t.buffer()).toBe('normal');
  }, 60_000);

  it('restores the terminal on Ctrl-C and on SIGTERM', async () => {
    const a = open(`${ssrtail(file)}; echo AFTER-$?`);
    await a.waitFor((s) => s.includes('12 requests'), 'loaded');
    a.send(KEYS.ctrlC);
    // 130 like report mode and other tools: a script can tell an interrupt from q
    expect(await a.waitFor((s) => s.includes('AFTER-'), 'after Ctrl-C')).toContain('AFTER-130');
    expect(a.buffer()).toBe('normal');
    expect(leftAltScreenLast(a.raw())).toBe(true);

    const b = open(`${ssrtail(file)} & pid=$!; sleep 0.1; echo PID=$pid; wait $pid; echo AFTER-$?`);
    await b.waitFor((s) => s.includes('12 requests'), 'loaded');
    const pid = Number(/PID=(\d+)/.exec(b.raw())![1]);
    process.kill(pid, 'SIGTERM');
    const s = await b.waitFor((s) => s.includes('AFTER-'), 'after SIGTERM');
    expect(s).toContain('AFTER-143');
    expect(b.buffer()).toBe('normal');
    expect(leftAltScreenLast(b.raw())).toBe(true);
  }, 60_000);

  it('draws no colour under NO_COLOR, colours otherwise, and never an escape sequence from the log', async () => {
    // eslint-disable-next-line no-control-regex
    const SGR_COLOR = /\u001b\[(?:3[0-7]|9[0-7]|38;|4[0-7]|10[0-7])[0-9;]*m/;
    const plain = open(ssrtail(file), { env: { NO_COLOR: '1' } });
    await plain.waitFor((s) => s.includes('12 requests'), 'loaded without colour');
    await plain.press('G', 'k', KEYS.tab, 'G');
    await plain.waitFor((s) => s.includes('title'), 'the hostile request');
    expect(plain.raw()).not.toMatch(SGR_COLOR);
    expect(plain.raw()).toMatch(/\[ALLOW\?\]/);

    const colour = open(ssrtail(file));
    await colour.waitFor((s) => s.includes('12 requests'), 'loaded with colour');
    await colour.press('G', 'k', KEYS.tab, 'G');
    await colour.waitFor((s) => s.includes('title'), 'the hostile request');
    expect(colour.raw()).toMatch(SGR_COLOR);
    for (const t of [plain, colour]) {
      const raw = t.raw();
      expect(raw).not.toContain('\u001b]0;pwned');
      expect(raw).not.toContain('\u001b[31mRED');
      // the log's "\e[?1049l" must not have left the alternate screen
      expect(t.buffer()).toBe('alternate');
      t.send('q');
      expect((await t.exited).exitCode).toBe(0);
    }
  }, 60_000);

  it('npm start opens the busy sample', async () => {
    const t = open('npm start --silent; echo AFTER-$?');
    const s = await t.waitFor((s) => /samples\/busy\.log ■ ended/.test(s), 'the busy sample', 40_000);
    expect(s).toMatch(/TIME +LABEL +STAT/);
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
  }, 60_000);

  it('falls back to a report when there is no terminal to read keys from', async () => {
    // setsid: no controlling terminal, so /dev/tty cannot be opened; stdout is still the pty
    const t = open(`setsid -w ${ssrtail('')} < ${file}; echo AFTER-$?`);
    await t.waitFor((s) => s.includes('AFTER-'), 'the report');
    expect(t.raw()).toMatch(/ssrtail: no terminal to read keys from \(\/dev\/tty: \w+\); printing a report instead/);
    // eslint-disable-next-line no-control-regex
    expect(t.raw().replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/allowlist-suspect +539/);
    expect(t.raw()).not.toContain(ENTER_ALT);
  }, 60_000);

  it('keeps fewer requests when they fill the heap, says so, and stays usable', async () => {
    // 12,000 requests of ~32 KB kept (lines and headers): more than a 384 MB heap holds
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-heavy-'));
    const log = path.join(dir, 'heavy.log');
    const fd = fs.openSync(log, 'w');
    for (let i = 0; i < 12_000; i++) fs.writeSync(fd, heavyRequestLines(i, 4000).join('\n') + '\n');
    fs.closeSync(fd);
    try {
      const t = open(`${ssrtail(shellQuote(log))}; echo AFTER-$?`, { cols: 160, rows: 30, env: { NODE_OPTIONS: '--max-old-space-size=384' } });
      const s = await t.waitFor((s) => /■ ended +12,000 requests · 24,000 lines · memory short: [\d,]+ oldest evicted, [\d,]+ kept/.test(s) || s.includes('AFTER-'), 'loaded', 90_000);
      expect(s).not.toContain('AFTER-');
      const kept = Number(/([\d,]+) kept/.exec(s)![1]!.replace(/,/g, ''));
      expect(kept).toBeGreaterThanOrEqual(1000);
      expect(kept).toBeLessThan(12_000);
      expect(s).toContain(`${kept.toLocaleString('en-US')} of ${kept.toLocaleString('en-US')} requests`);
      t.send('G');
      await t.waitFor((s) => selected(s).includes('/p/11999'), 'the newest request selected');
      t.send('q');
      await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
