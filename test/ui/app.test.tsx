import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/ui/components/App.js';
import { ColorContext } from '../../src/ui/components/Line.js';
import { KEY, loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { IDS } from './helpers/fixture.js';

afterEach(() => cleanup());

describe('App', () => {
  it('draws the header, the list, the detail pane and the key hints', async () => {
    const app = renderApp(await loadedStore());
    const f = await app.waitFor((f) => f.includes('12 requests'), 'totals');
    expect(f).toMatch(/triage\.log ■ ended/);
    expect(f).toMatch(/4:ALLOW\? 2 +5:BACKEND 1/);
    expect(f).toMatch(/req .*fail /);
    expect(f).toMatch(/TIME +LABEL +STAT +METH +PATH/);
    expect(selectedRow(f)).toMatch(/\[OK\] +200 +GET +\/ /);
    expect(f).toMatch(/\[OK\] ok · 200 · 100ms — answered with a status < 400/);
    expect(f).toMatch(/↑↓\/jk move/);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    // the pane's rule fills its line exactly: not cut (a cut line ends in an ellipsis)
    const rule = lines.find((l) => l.startsWith('── '))!;
    expect(rule.length).toBe(100);
    expect(rule.endsWith('─')).toBe(true);
  });

  it('walks to the 539 with n and shows why it failed', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('n');
    const f = await app.waitFor((f) => /allowlist-suspect [·—]/.test(f), '539 detail');
    expect(selectedRow(f)).toMatch(/\[ALLOW\?\] +539 +GET +\/p\/42/);
    expect(f).toMatch(/why +no Response details row/);
    expect(f).toMatch(/Upstream Request: GET https:\/\/origin\.example\.org\/api\/products\/42\s+✗ no answer logged/);
    expect(f).toMatch(/✗ Response details: missing — the SSR code did not run to completion/);
    await app.press('n');
    expect(selectedRow(await app.waitFor((f) => /backend-error [·—]/.test(f)))).toMatch(/\/cart/);
    await app.press('N');
    expect(selectedRow(await app.waitFor((f) => /allowlist-suspect [·—]/.test(f)))).toMatch(/\/p\/42/);
  });

  it('moves with j/k and arrows, g/G and pages', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('j', 'j', KEY.down);
    expect(selectedRow(await app.waitFor((f) => /ssr-code-error [·—]/.test(f)))).toMatch(/\/c\/shoes/);
    await app.press('k', KEY.up);
    expect(selectedRow(await app.waitFor((f) => /allowlist-suspect [·—]/.test(f)))).toMatch(/\/p\/42/);
    await app.press('G');
    expect(selectedRow(await app.waitFor((f) => /\/about/.test(selectedRow(f) ?? '')))).toMatch(/\[OK\]/);
    await app.press('g');
    await app.waitFor((f) => /\[OK\] +200 +GET +\/ /.test(selectedRow(f) ?? ''), 'first row');
    await app.press(KEY.pageDown);
    await app.waitFor((f) => !/\[OK\] +200 +GET +\/ /.test(selectedRow(f) ?? ''), 'paged');
  });

  it('Enter opens the request, Enter unfolds headers with secrets masked, Tab goes back', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press(KEY.enter);
    let f = await app.waitFor((f) => f.includes('━━'), 'detail focus');
    expect(f).toMatch(/▶ +\S+ +Request details:/);
    await app.press(KEY.enter);
    f = await app.waitFor((f) => f.includes('▾ 3 request headers'), 'unfolded');
    expect(f).toMatch(/User-Agent: Mozilla\/5\.0/);
    expect(f).toMatch(/Cookie: session=<masked>/);
    expect(f).not.toContain('SECRET');
    await app.press('j', 'j', 'j', 'j', 'j', KEY.enter);
    f = await app.waitFor((f) => f.includes('▾ 2 request headers'), 'upstream headers');
    expect(f).toMatch(/Authorization: Bearer <masked: 14 chars>/);
    await app.press(KEY.tab);
    await app.waitFor((f) => !f.includes('━━'), 'list focus');
    // the unfolded state stays with the section while moving
    await app.press('j');
    await app.waitFor((f) => /allowlist-suspect [·—]/.test(f) && f.includes('▾ 1 request header'), 'kept unfolded');
  });

  it('shows secrets with showSecrets', async () => {
    const app = renderApp(await loadedStore(), { showSecrets: true });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor((f) => f.includes('Cookie: session=SECRETCOOKIE123'), 'secret shown');
  });

  it('a search for a request ID looks it up (no fuzzy near-misses), selects it and says when results are capped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-app-'));
    const log = path.join(dir, 'ids.log');
    // req-00031 and req-00032 come first: they contain the ID searched for, the request itself comes after them
    const ids = ['req-00031', 'req-00032', 'req-0003', 'req-00410', 'req-00999'];
    fs.writeFileSync(log, ids.map((id, i) => `09:00:0${i}.000 ${id} Response details: GET https://shop.example.com/${id.slice(4)} 200 OK`).join('\n') + '\n');
    const app = renderApp(await loadedStore(log));
    await app.waitFor((f) => f.includes('5 requests'));
    await app.press('/', ...'req-0003');
    const f = await app.waitFor((f) => f.includes('3 matches') && !f.includes('searching') && /\/0003 /.test(selectedRow(f) ?? ''), 'the ID selected');
    // substring matches only: req-00410 and req-00999 hold the characters in order but are not matches
    expect(f).not.toMatch(/\/00410|\/00999/);
  });

  it('a source that failed says why in the empty list, wrapped to the width', async () => {
    const missing = path.join(os.tmpdir(), 'ssrtail-no-such-dir', 'a-rather-long-file-name-that-does-not-exist-anywhere.log');
    const app = renderApp(await loadedStore(missing), { size: { columns: 60, rows: 24 } });
    const f = await app.waitFor((f) => /exist-anywhere\.log: no\s+such file/.test(f), 'the error in the list');
    expect(f).not.toMatch(/no requests in this input/);
    expect(f.split('\n').every((l) => l.length <= 60)).toBe(true);
  });

  it('searches live as you type, Esc clears', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', 'c', 'a', 'r', 't');
    let f = await app.waitFor((f) => f.includes('1 match') && !f.includes('searching'), 'search result');
    expect(f).toMatch(/\/cart/);
    expect(selectedRow(f)).toMatch(/\/cart/);
    expect(f).not.toMatch(/\/p\/42/);
    expect(f).toMatch(/\/cart▏/);
    // typing q in the search bar types, it does not quit
    await app.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, ...'000000000539');
    f = await app.waitFor((f) => f.includes('1 match') && f.includes('/p/42'), 'search by id');
    await app.press(KEY.enter);
    f = await app.waitFor((f) => f.includes('search "000000000539"'), 'kept search');
    await app.press(KEY.escape);
    f = await app.waitFor((f) => f.includes('12 of 12 requests'), 'cleared');
    expect(f).toMatch(/\/cart/);
  });

  it('a query longer than the status line shows its end, where the typing is, and the count (was: cut, the end unseen)', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 60, rows: 24 } });
    await app.waitFor((f) => f.includes('12 requests'));
    const q = 'status:5xx -host:docs.example.org up:api.example.net method:get';
    app.stdin.write(`/${q}`);
    const f = await app.waitFor((f) => /method:get▏ +\d+ match/.test(f), 'typed, counted');
    const line = f.split('\n').find((l) => l.includes('▏'))!;
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line).toMatch(/^\/….*method:get▏ +\d+ match/);
    app.stdin.write('x');
    await app.waitFor((f) => f.includes('method:getx▏'), 'the new end in sight');
  });

  it('filters by label with digits and f, failures only with e', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('4');
    let f = await app.waitFor((f) => f.includes('2 of 12 requests'), 'label filter');
    expect(f).toMatch(/label: ALLOW\?/);
    expect(f).toContain('/p/42');
    expect(f).toContain('/json?x=1');
    await app.press('4', 'e');
    f = await app.waitFor((f) => f.includes('9 of 12 requests'), 'failures only');
    expect(f).not.toMatch(/\[OK\]  /);
    await app.press(KEY.escape, 'f');
    f = await app.waitFor((f) => f.includes('1 of 12 requests'), 'f cycles');
    expect(f).toMatch(/label: SNI/);
    await app.press('x');
    await app.waitFor((f) => f.includes('12 of 12 requests'), 'x clears');
  });

  it('switches to relative time (from the selected request: the input has ended), opens and closes help', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('t');
    let f = await app.waitFor((f) => f.includes('FROM SEL'), 'relative');
    // the requests start a second apart from 19:52:10: counted from the selected one, not "ago" the last line
    expect(selectedRow(f)).toMatch(/^› +\+0ms +\[OK\]/);
    expect(f).toMatch(/^ {2}\+1\.0s +\[ALLOW\?\] +539/m);
    await app.press('j', 'j');
    f = await app.waitFor((f) => /^› +\+0ms +\[BACKEND\]/m.test(f), 'counted from the new selection');
    expect(f).toMatch(/^ {2}-2\.0s +\[OK\] +200/m);
    expect(f).toMatch(/^ {2}\+1\.0s +\[SSR\]/m);
    expect(f).not.toMatch(/ago/);
    await app.press('?');
    f = await app.waitFor((f) => f.includes('Keys'), 'help');
    expect(f).toMatch(/search ID, URL/);
    expect(f).toMatch(/\[ALLOW\?\] +allowlist-suspect/);
    await app.press('j');
    await app.waitFor((f) => !f.includes('search ID, URL') && f.includes('FROM SEL'), 'help closed');
  });

  it('on a small terminal the help wraps to the width and scrolls (↓, PgDn, G), another key closes it', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 60, rows: 20 } });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('?');
    let f = await app.waitFor((f) => f.includes('Keys'), 'help');
    expect(f.split('\n').every((l) => l.length <= 60)).toBe(true);
    // each key's text whole, wrapped under itself (was cut at the edge)
    expect(f).toMatch(/list: open the request; detail:\n +fold\/unfold, a line whole/);
    expect(f).toMatch(/more lines \(↓ or PgDn\)/);
    expect(f).not.toContain('[BADREQ]');
    await app.press(KEY.pageDown);
    f = await app.waitFor((f) => f.includes('Labels'), 'the next page');
    expect(f).not.toMatch(/^Keys/m);
    await app.press('G');
    f = await app.waitFor((f) => f.includes('[BADREQ] bad-request'), 'the end');
    expect(f).not.toContain('more lines');
    await app.press('j');
    expect(app.frame()).toContain('[BADREQ] bad-request');
    await app.press('x');
    await app.waitFor((f) => !f.includes('[BADREQ]') && f.includes('12 of 12 requests'), 'help closed');
  });

  it('says what c and r need when the curl feature is not wired', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('c');
    await app.waitFor((f) => /copy as curl needs the curl feature/.test(f), 'c message');
    await app.press('r');
    await app.waitFor((f) => /re-run needs the curl feature/.test(f), 'r message');
  });

  it('never draws escape sequences from the log, and cuts long lines', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 80, rows: 24 } });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('G', 'k');
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/evil/'), 'evil row');
    await app.press(KEY.tab, 'G');
    const f = await app.waitFor((f) => f.includes('title'), 'evil log line');
    // no ESC, BEL or other control character: colours are off, so the frame is plain text
    expect(f).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(f).toMatch(/title/);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(selectedRow(f)).toMatch(/…/);
  });

  it('stays usable at 80x24 and says when the terminal is too small', async () => {
    const store = await loadedStore();
    const app = renderApp(store, { size: { columns: 80, rows: 24 } });
    const f = await app.waitFor((f) => f.includes('12 requests'));
    expect(f.split('\n').length).toBe(23);
    expect(f).toMatch(/TIME +LABEL/);
    expect(f).toMatch(/↑↓\/jk move/);
    // help and quit are always in the footer, however narrow
    expect(f.split('\n')[22]).toMatch(/\? help +q quit/);
    app.rerender(undefined as never);
    const small = renderApp(store, { size: { columns: 30, rows: 8 } });
    await small.waitFor((f) => f.includes('terminal too small'), 'too small');
  });

  it('too small: says so whole, wrapped to the width, and keys other than q do nothing unseen', async () => {
    const store = await loadedStore();
    const at = (columns: number, rows: number) => (
      <ColorContext.Provider value={false}>
        <App store={store} showSecrets={false} size={{ columns, rows }} />
      </ColorContext.Provider>
    );
    const r = render(at(30, 8));
    const frame = () => r.lastFrame() ?? '';
    const wait = async (pred: (f: string) => boolean, what: string) => {
      for (const until = Date.now() + 5000; !pred(frame()); await new Promise((res) => setTimeout(res, 20))) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${frame()}`);
      }
    };
    await wait((f) => f.includes('terminal too small'), 'too small');
    expect(frame().split('\n').every((l) => l.length <= 30)).toBe(true);
    expect(frame().replace(/\n/g, ' ').replace(/ +/g, ' ')).toContain('make it at least 40x12 · q quits');
    for (const k of ['j', 'j', 'e', 'm']) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 30));
    }
    r.rerender(at(100, 30));
    await wait((f) => f.includes('12 requests'), 'drawn');
    expect(selectedRow(frame())).toMatch(/\[OK\] +200 +GET +\/ /);
    expect(frame()).not.toContain('failures only');
    expect(frame()).not.toContain('●');
  });

  it('opens with the --only labels', async () => {
    const app = renderApp(await loadedStore(), { only: new Set(['timeout', 'sni-error'] as const) });
    const f = await app.waitFor((f) => f.includes('2 of 12 requests'));
    expect(f).toContain('/slow');
    expect(f).toContain('/sni');
  });
});

describe('App with a live store', () => {
  it('pauses: new lines are buffered and counted, resume feeds them', async () => {
    const { TuiStore } = await import('../../src/ui/store.js');
    const { Pipeline } = await import('../../src/pipeline.js');
    const store = new TuiStore(new Pipeline({ live: true }), []);
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('waiting for lines'));
    store.lines(['2024-03-11T19:52:10.000Z abcdefgh-0001 GET https://shop.example.com/one'], 0);
    await app.waitFor((f) => f.includes('/one'), 'first line');
    await app.press(' ');
    await app.waitFor((f) => f.includes('PAUSED · 0 lines buffered'), 'paused');
    expect(store.isPaused).toBe(true);
    store.lines(['2024-03-11T19:52:11.000Z abcdefgh-0002 GET https://shop.example.com/two', '2024-03-11T19:52:11.100Z abcdefgh-0002 INFO: hi'], 0);
    let f = await app.waitFor((f) => f.includes('PAUSED · 2 lines buffered'), 'buffered');
    expect(f).not.toContain('/two');
    await app.press(' ');
    f = await app.waitFor((f) => f.includes('/two') && !f.includes('PAUSED'), 'resumed');
    expect(store.pipeline.stats.lines).toBe(3);
    expect(f).toMatch(/\[PEND\]/);
  });

  it('follows the newest request on live input until the user moves', async () => {
    const { TuiStore } = await import('../../src/ui/store.js');
    const { Pipeline } = await import('../../src/pipeline.js');
    const store = new TuiStore(new Pipeline({ live: true }), [{ name: 'stdin', live: true, start: () => new Promise<void>(() => {}), stop: () => {} }]);
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('FOLLOW'));
    for (let i = 1; i <= 30; i++) store.lines([`2024-03-11T19:52:${String(i).padStart(2, '0')}.000Z abcdefgh-${String(i).padStart(4, '0')} GET https://shop.example.com/n${i}`], 0);
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/n30'), 'newest selected');
    await app.press('k');
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/n29') && !f.includes('FOLLOW'), 'stopped following');
    store.lines(['2024-03-11T19:53:00.000Z abcdefgh-0031 GET https://shop.example.com/n31'], 0);
    await app.waitFor((f) => f.includes('31 requests'));
    expect(selectedRow(app.frame())).toContain('/n29');
    await app.press('F');
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/n31') && f.includes('FOLLOW'), 'following again');
  });
});

describe('App: lines without a request', () => {
  it('u shows the unparsed and ID-less lines, u or Esc goes back', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('1 without ID (u)'), 'count in the header');
    await app.press('u');
    const f = await app.waitFor((f) => f.includes('lines without a request ID'), 'the view');
    expect(f).toMatch(/1 line without a request ID \(1 fit no known format\)/);
    expect(f).toMatch(/45 +a line that fits no format/);
    await app.press('u');
    await app.waitFor((f) => !f.includes('a line that fits no format'), 'back');
    await app.press('u', KEY.escape);
    await app.waitFor((f) => !f.includes('a line that fits no format') && f.includes('[OK] ok'), 'back with Esc');
  });

  it('Enter on a line without a request shows it whole (cut on screen), Esc comes back to the list of them', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('1 without ID (u)'), 'count in the header');
    await app.press('u');
    let f = await app.waitFor((f) => /45 +a line that fits no format/.test(f), 'the view');
    // the key hints say what Enter does here (not the list's 'Enter unfold')
    expect(f.split('\n').at(-1)).toMatch(/Enter whole line +Esc\/u back/);
    // the view opens on its newest line
    await app.press(KEY.enter);
    f = await app.waitFor((f) => f.includes('line 45') && f.includes('(Esc closes)'), 'the line whole');
    expect(f).not.toContain('lines without a request ID');
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('lines without a request ID') && /45 +a line that fits no format/.test(f), 'back to the lines');
  });

  it('a shows the listed requests by upstream host; Enter lists only the picked group, Esc lists them all again', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('a');
    let f = await app.waitFor((f) => f.includes('requests by upstream') && /UPSTREAM HOST +REQS/.test(f), 'the view');
    expect(f.split('\n').at(-1)).toMatch(/Enter only that group +a next key +Esc close/);
    const row = f.split('\n').find((l) => /api\.example\.net +\d/.test(l))!;
    const reqs = Number(/api\.example\.net +(\d+)/.exec(row)![1]);
    // the cursor to that row: from the first group's row, where the view opens (under the title and the column heads)
    const lines = f.split('\n');
    const at = lines.indexOf(row) - lines.findIndex((l) => /UPSTREAM HOST/.test(l)) - 1;
    await app.press(...Array.from({ length: at }, () => 'j'), KEY.enter);
    // the header names the group while the list is filtered to it
    f = await app.waitFor((f) => f.split('\n')[0]!.includes('upstream api.example.net') && !f.includes('requests by upstream'), 'filtered');
    const rows = (f: string) => f.split('\n').filter((l) => /^[› ] \d\d:\d\d:\d\d\.\d{3} \[/.test(l));
    expect(rows(f)).toHaveLength(reqs);
    expect(reqs).toBeGreaterThan(1);
    await app.press(KEY.escape);
    await app.waitFor((f) => rows(f).length > reqs && f.includes('/slow') && !f.split('\n')[0]!.includes('upstream api.example.net'), 'every request again');
  });

  it('s puts the list in time order, slowest first and back, the selection staying on its request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-app-'));
    const log = path.join(dir, 'late.log');
    // the third request's first line comes last but is stamped first
    fs.writeFileSync(log, [
      '09:00:02.000 req-0002 Response details: GET https://shop.example.com/b 200 OK',
      '09:00:03.000 req-0003 Response details: GET https://shop.example.com/c 200 OK',
      '09:00:01.000 req-0001 Response details: GET https://shop.example.com/a 200 OK',
    ].join('\n') + '\n');
    const app = renderApp(await loadedStore(log));
    const order = (f: string) => f.split('\n').filter((l) => /^[› ] 09:00:0\d/.test(l)).map((l) => /\/([abc]) /.exec(l)?.[1]).join('');
    await app.waitFor((f) => order(f) === 'bca', 'arrival order');
    await app.press('j');
    await app.waitFor((f) => /\/c /.test(selectedRow(f) ?? ''), 'c selected');
    await app.press('s');
    const f = await app.waitFor((f) => order(f) === 'abc', 'time order');
    expect(selectedRow(f)).toMatch(/\/c /);
    expect(f).toMatch(/list in time order/);
    await app.press('s');
    // no request has a duration: slowest first leaves them in order of arrival
    await app.waitFor((f) => order(f) === 'bca' && /list slowest first/.test(f), 'slowest first');
    await app.press('s');
    await app.waitFor((f) => order(f) === 'bca' && /list in order of arrival/.test(f), 'arrival order again');
  });

  it('z zooms the focused pane and back', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 80, rows: 24 } });
    const rows = (f: string) => f.split('\n').filter((l) => /^[› ] \d\d:\d\d:\d\d\.\d{3} \[/.test(l)).length;
    const before = rows(await app.waitFor((f) => f.includes('12 requests')));
    await app.press('z');
    await app.waitFor((f) => rows(f) === 12, 'every request on screen');
    expect(before).toBeLessThan(12);
    await app.press('z');
    await app.waitFor((f) => rows(f) === before, 'back to both panes');
  });

  it('help fits 80x24 with every key and every label', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 80, rows: 24 } });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('?');
    const f = await app.waitFor((f) => f.includes('Keys'), 'help');
    expect(f).not.toMatch(/more lines/);
    for (const l of ['sni-error', 'upstream-connection-error', 'allowlist-suspect', 'bad-request', 'allowlist-error']) expect(f).toContain(l);
    expect(f).toMatch(/q  Ctrl-C/);
    expect(f).toMatch(/quit · Ctrl-Z: suspend \(fg resumes\)/);
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
  });

  it('Ctrl-Z asks to be suspended, and the App goes on after', async () => {
    let suspended = 0;
    const app = renderApp(await loadedStore(), { onSuspend: () => suspended++ });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', '\u001a');
    await app.waitFor(() => suspended === 1, 'onSuspend called');
    await app.press(KEY.escape, 'n');
    await app.waitFor((f) => f.includes('allowlist-suspect ·'), 'keys after the resume');
  });
});

describe('App: header', () => {
  it('a long file path gives way to the counts, which stay whole', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { TRIAGE_LOG } = await import('./helpers/fixture.js');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-')), 'a-rather-long-directory-name', 'and-another-one-below-it');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'triage.log');
    fs.copyFileSync(TRIAGE_LOG, file);
    const app = renderApp(await loadedStore(file), { size: { columns: 80, rows: 24 } });
    const f = await app.waitFor((f) => f.includes('12 requests'), 'counts');
    const first = f.split('\n')[0];
    expect(first).toMatch(/ssrtail \S*…\S*triage\.log ■ ended {2}12 requests · 45 lines · 1 without ID \(u\)/);
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });
});

describe('App: bursts of keys', () => {
  it('loses no key when several arrive in one chunk', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    app.stdin.write('jjj');
    await app.waitFor((f) => /ssr-code-error [·—]/.test(f), 'three moves');
    app.stdin.write('/cart\r');
    await app.waitFor((f) => f.includes('search "cart": 1 match'), 'typed search, accepted');
    app.stdin.write('\u001b');
    await app.waitFor((f) => f.includes('12 of 12 requests'));
    app.stdin.write('g\r\r');
    await app.waitFor((f) => f.includes('▾ 3 request headers') && f.includes('━━'), 'focused and unfolded');
  });

  it('Esc then Enter, Tab or an arrow in one chunk (typed fast: ESC and the key together) is both keys', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    const searched = async (q: string) => {
      app.stdin.write(`/${q}`);
      await app.waitFor((f) => f.includes(`/${q}▏`) && !f.includes('searching'), `typed ${q}`);
    };
    // Esc Enter: the search is cleared, then Enter opens the selected request
    await searched('cart');
    app.stdin.write('\u001b\r');
    let f = await app.waitFor((f) => f.includes('12 of 12 requests') && f.includes('━━'), 'cleared, then opened');
    expect(f).not.toContain('search "cart"');
    app.stdin.write('\u001b');
    await app.waitFor((f) => !f.includes('━━'), 'back to the list');
    // Esc Tab: cleared, then the focus goes to the detail pane
    await searched('zzz');
    app.stdin.write('\u001b\t');
    await app.waitFor((f) => f.includes('12 of 12 requests') && f.includes('━━'), 'cleared, then focused');
    app.stdin.write('\u001b');
    await app.waitFor((f) => !f.includes('━━'), 'back to the list');
    // Esc Down: cleared, then the selection moves one row down the whole list
    await searched('cart');
    const cart = selectedRow(app.frame())!;
    app.stdin.write('\u001b\u001b[B');
    f = await app.waitFor((f) => f.includes('12 of 12 requests'), 'cleared');
    const rows = f.split('\n');
    const at = rows.findIndex((l) => l.slice(2) === cart.slice(2));
    await app.waitFor((f) => selectedRow(f) === rows[at + 1]!.replace(/^ /, '›'), 'moved down');
  });
});

describe('App: wide characters', () => {
  it('cuts lines of CJK text and emoji to the terminal width instead of wrapping them', async () => {
    const { TuiStore } = await import('../../src/ui/store.js');
    const { Pipeline } = await import('../../src/pipeline.js');
    const store = new TuiStore(new Pipeline({}), []);
    store.lines([
      `2024-03-11T19:52:10.000Z abcdefgh-0001 GET https://shop.example.com/${'商品'.repeat(40)}`,
      `2024-03-11T19:52:10.100Z abcdefgh-0001 INFO: ${'日本語のメッセージ🙂'.repeat(20)}`,
      '2024-03-11T19:52:10.200Z abcdefgh-0001 Response details: GET https://shop.example.com/x 200 OK',
    ], 0);
    await store.start(0);
    const app = renderApp(store, { size: { columns: 80, rows: 24 } });
    await app.waitFor((f) => f.includes('商品'));
    await app.press(KEY.tab, 'G');
    const f = await app.waitFor((f) => f.includes('日本語'), 'the message');
    // display width: East Asian wide characters and emoji take two columns
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0);
    const lines = f.split('\n');
    expect(lines.length).toBe(23);
    for (const l of lines) expect(width(l), l).toBeLessThanOrEqual(80);
    // wrapped, not cut: the message goes on over several lines
    expect(lines.filter((l) => l.includes('日本語')).length).toBeGreaterThan(2);
    // the list row keeps its columns
    const row = lines.find((l) => l.startsWith('› '))!;
    expect(width(row)).toBe(80);
    // the path cut in the middle (its start and its end kept)
    expect(row).toMatch(/ \/商品[^ ]*…[^ ]*商品 +200ms +…fgh-0001$/);
  });
});

describe('App: a log it cannot group', () => {
  it('says what the log looks like where the requests would be', async () => {
    const store = await loadedStore(path.join(process.cwd(), 'test/fixtures/pino-pretty.log'));
    const app = renderApp(store, { size: { columns: 100, rows: 20 } });
    const f = await app.waitFor((f) => f.includes('no requests in this input'), 'the empty list');
    expect(f.replace(/\s+/g, ' ')).toMatch(/no requests in this input: 30 of 30 lines unparsed: they look like pino-pretty output .*give ssrtail the raw JSON/);
  });
});

describe('App: --since / --until', () => {
  it('lists only the requests that started in the window and says so in the header', async () => {
    const { parseBound } = await import('../../src/util/window.js');
    const store = await loadedStore();
    const app = renderApp(store, { window: { since: parseBound('19:52:11')!, until: parseBound('19:52:12.5')! } });
    const f = await app.waitFor((f) => f.includes('12 requests'), 'loaded');
    expect(f).toContain('since 19:52:11 until 19:52:12.5');
    const rows = f.split('\n').filter((l) => /^[ ›] \d{2}:\d{2}:\d{2}\.\d{3} /.test(l));
    expect(rows.map((l) => l.slice(2, 14))).toEqual(['19:52:11.000', '19:52:12.000']);
    const none = renderApp(await loadedStore(), { window: { since: parseBound('23:00')! } });
    await none.waitFor((f) => f.includes('no request started since 23:00 (of 12 in the input)'), 'the empty list says why');
  });
});

describe('App: H', () => {
  it('shows each request host with its path, and back', async () => {
    const store = await loadedStore();
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('12 requests'));
    expect(app.frame()).not.toContain('shop.example.com/p/42');
    await app.press('H');
    const f = await app.waitFor((f) => f.includes('HOST/PATH'), 'hosts shown');
    expect(f).toMatch(/GET +shop\.example\.com\/p\/42 /);
    await app.press('H');
    await app.waitFor((f) => !f.includes('HOST/PATH') && /GET +\/p\/42 /.test(f), 'paths again');
  });
});
