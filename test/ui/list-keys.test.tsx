// The App on a real file: s (order), m/M (marks), w (write the list to a real file), F at the end of the input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { TuiStore } from '../../src/ui/store.js';
import { Pipeline } from '../../src/pipeline.js';
import type { LineSource, SourceStatus } from '../../src/model.js';

const CTRL_U = '\u0015';
const dirs: string[] = [];
afterEach(() => {
  cleanup();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-w-'));
  dirs.push(d);
  return d;
}
/** The list's rows (under the column header), as drawn. */
const rows = (f: string) => f.split('\n').filter((l) => /^[› ][● ] ?\S.*\[[A-Z0-9?]+\]/.test(l));

describe('s: the list order', () => {
  it('cycles arrival, time order, slowest first; the header says which; slowest first selects the slowest, the others keep the selection', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('j', 'j'); // /cart, 200ms+
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/cart'), '/cart selected');
    await app.press('s');
    let f = await app.waitFor((f) => f.includes('⇅ time order'), 'time order');
    await app.press('s');
    f = await app.waitFor((f) => f.includes('⇅ slowest first'), 'slowest first');
    // the status line says it too, and what the next s does
    expect(f).toMatch(/list slowest first \(no response: the least it ran; pending last\) · s: in order of arrival/);
    const list = rows(f);
    expect(list[0]).toMatch(/^› .*\/p\/42 +20\.5s\+/);
    expect(list[1]).toMatch(/\/api\/order +300ms/);
    expect(list[2]).toMatch(/\/cart +200ms\+/);
    await app.press('j', 'j');
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/cart'), '/cart selected in slowest first');
    await app.press('s');
    f = await app.waitFor((f) => !f.includes('⇅'), 'arrival again');
    expect(selectedRow(f)).toMatch(/\/cart/);
    expect(rows(f)[0]).toMatch(/\[OK\] +200 +GET +\/ /);
  });
});

describe('m, M and w: marks, and the list written to a file', () => {
  it('marks rows, lists only them, writes them to a file, asks before writing over it', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'marked.txt');
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('j', 'm', 'j', 'j', 'j', 'j', 'm');
    let f = await app.waitFor((f) => f.includes('2 marked'), 'two marks');
    expect(rows(f).filter((l) => /^[› ]●/.test(l)).map((l) => /\/\S+/.exec(l)![0])).toEqual(['/p/42', '/nope']);
    await app.press('M');
    f = await app.waitFor((f) => rows(f).length === 2, 'only the marked');
    expect(f).toMatch(/only the 2 marked listed \(M: all\)/);

    await app.press('w');
    f = await app.waitFor((f) => f.includes('write the 2 marked requests to:'), 'the prompt');
    expect(f).toMatch(/to: \.\/ssrtail-\d{6}\.txt▏/);
    await app.press(CTRL_U, out, KEY.enter);
    f = await app.waitFor((f) => f.includes('wrote 2 marked requests to'), 'written');
    expect(f).toContain(out);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^TIME +LABEL/);
    expect(text).toMatch(/allowlist-suspect +539 +GET +https:\/\/shop\.example\.com\/p\/42 .*\n {4}why: /);
    expect(text).toMatch(/not-found +404 +GET +https:\/\/shop\.example\.com\/nope/);
    expect(text).not.toMatch(/\/cart|SECRET|\u001b/);

    // the file is there: asked first; n leaves it alone
    await app.press('w', CTRL_U, out, KEY.enter);
    f = await app.waitFor((f) => f.includes('exists: write over it?'), 'the question');
    expect(f).toMatch(/\[y\/n\]/);
    await app.press('n');
    await app.waitFor((f) => f.includes('not written'), 'n');
    expect(fs.readFileSync(out, 'utf8')).toBe(text);
    // unmark one, list all again, write over it with y
    await app.press('m', 'M');
    await app.waitFor((f) => rows(f).length > 2 && f.includes('every request listed'), 'one mark left, all listed');
    await app.press('w', CTRL_U, out, KEY.enter);
    await app.waitFor((f) => f.includes('exists: write over it?'), 'asked again');
    await app.press('y');
    await app.waitFor((f) => f.includes('wrote 1 marked request to'), 'overwritten');
    expect(fs.readFileSync(out, 'utf8')).not.toBe(text);
  });

  it('without marks writes the visible list; Esc writes nothing; a missing folder is said, not thrown', async () => {
    const dir = tmpDir();
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('e', 'w');
    await app.waitFor((f) => f.includes('write the list to:'), 'the prompt');
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('not written') && !f.includes('write the list to:'), 'cancelled');
    expect(fs.readdirSync(dir)).toEqual([]);

    await app.press('w', CTRL_U, path.join(dir, 'no/such/dir/x.txt'), KEY.enter);
    await app.waitFor((f) => f.includes('its folder does not exist (ENOENT)'), 'the error');

    const out = path.join(dir, 'failures.txt');
    await app.press('w', CTRL_U, out, KEY.enter);
    await app.waitFor((f) => f.includes('wrote 9 requests to'), 'the failures written');
    const rowsWritten = fs.readFileSync(out, 'utf8').split('\n').filter((l) => /^\d{4}-/.test(l));
    expect(rowsWritten).toHaveLength(9);
    expect(rowsWritten.some((l) => / ok /.test(l))).toBe(false);
  });

  it('a path longer than the prompt shows its end, where the typing is', async () => {
    const app = renderApp(await loadedStore(), { size: { columns: 60, rows: 24 } });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('w', CTRL_U, '/tmp/some/rather/long/folder/name/for/the/incident/notes/failures.txt');
    const f = await app.waitFor((f) => f.includes('failures.txt▏'), 'the end of the path');
    const line = f.split('\n').find((l) => l.includes('▏'))!;
    expect(line).toMatch(/^write the list to: …\S*\/notes\/failures\.txt▏/);
    expect(line.length).toBeLessThanOrEqual(60);
    await app.press(KEY.escape);
  });

  it('a message longer than the width (a long path, then why) takes two rows, from the detail pane, none past the edge', async () => {
    const dir = tmpDir();
    const app = renderApp(await loadedStore(), { size: { columns: 80, rows: 24 } });
    await app.waitFor((f) => f.includes('12 requests'));
    const before = app.frame().split('\n');
    await app.press('w', CTRL_U, path.join(dir, 'a-folder-with-a-rather-long-name/and-another-one-under-it/x.txt'), KEY.enter);
    const f = await app.waitFor((f) => f.includes('not written'), 'the error');
    const lines = f.split('\n');
    expect(lines).toHaveLength(before.length);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // the reason at the end is on screen (was cut at the edge)
    expect(lines.slice(-3, -1).join(' ')).toMatch(/its folder does not exist \(ENOENT\)/);
    // the footer keeps its row
    expect(lines.at(-1)).toMatch(/\? help +q quit/);
  });
});

describe('F at the end of the input', () => {
  it('a finished file: F selects the newest request and the header never says FOLLOW', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('F');
    const f = await app.waitFor((f) => f.includes('the input has ended: the newest request is selected'), 'F');
    expect(f).not.toContain('FOLLOW');
    expect(selectedRow(f)).toMatch(/\/about/);
  });

  it('live input that ends: FOLLOW goes away with it, the newest request stays selected', async () => {
    let end = () => {};
    let feed: (lines: string[]) => void = () => {};
    const src: LineSource = {
      name: 'stdin',
      live: true,
      start: (onLines: (l: string[]) => void, onStatus: (s: SourceStatus) => void) =>
        new Promise<void>((resolve) => {
          onStatus({ state: 'live' });
          feed = onLines;
          end = () => {
            onStatus({ state: 'ended' });
            resolve();
          };
        }),
      stop: () => {},
    } as LineSource;
    const store = new TuiStore(new Pipeline({ live: true }), [src]);
    void store.start(0);
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('⇣ FOLLOW'), 'following');
    feed(['2024-03-11T19:52:10.000Z abcdefgh-0001 GET https://shop.example.com/one', '2024-03-11T19:52:11.000Z abcdefgh-0002 GET https://shop.example.com/two']);
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/two'), 'the newest followed');
    end();
    const f = await app.waitFor((f) => f.includes('■ ended') && !f.includes('FOLLOW'), 'ended, not following');
    expect(selectedRow(f)).toMatch(/\/two/);
  });
});

describe('the status line: marks and the order', () => {
  it('says how many are marked, whether only they are listed, and the order', async () => {
    const { render } = await import('ink-testing-library');
    const React = (await import('react')).default;
    const { StatusLine } = await import('../../src/ui/components/StatusLine.js');
    const { initialState } = await import('../../src/ui/state/view-state.js');
    const search = { matches: undefined, capped: false, running: false, progress: 1 };
    const draw = (over: object) => render(React.createElement(StatusLine, { state: { ...initialState(), ...over }, search, shown: 2, total: 12, width: 100 })).lastFrame();
    expect(draw({ marked: [3, 5] })).toBe('2 of 12 requests  ● 2 marked (M lists them)');
    expect(draw({ marked: [3, 5], markedOnly: true, order: 'duration' })).toBe('2 of 12 requests · slowest first (s)  ● 2 marked, only they are listed (M)  (Esc clears)');
    expect(draw({ prompt: { kind: 'write', text: './a.txt' } })).toMatch(/^write the list to: \.\/a\.txt▏ +Enter write · Esc cancel/);
    // marks a filter hides are not written: the prompt counts the ones it writes
    expect(draw({ marked: [3, 5, 7], prompt: { kind: 'write', text: './a.txt', rows: 1 } })).toMatch(/^write the 1 marked request in view \(of 3\) to: \.\/a\.txt▏/);
    expect(draw({ marked: [3, 5], prompt: { kind: 'write', text: './a.txt', rows: 2 } })).toMatch(/^write the 2 marked requests to: /);
    // 40 columns: the question was cut before the path, and the path and its cursor were not seen
    const narrow = (over: object) => render(React.createElement(StatusLine, { state: { ...initialState(), ...over }, search, shown: 2, total: 12, width: 40 })).lastFrame();
    expect(narrow({ marked: [3, 5, 7], prompt: { kind: 'write', text: './ssrtail-184255.txt', rows: 1 } })).toBe('write marked to: ./ssrtail-184255.txt▏');
    expect(narrow({ prompt: { kind: 'write', text: './ssrtail-184255.txt' } })).toMatch(/^write the list to: …\S*-184255\.txt▏$/);
  });
});

describe('Esc after a search: the request it found stays selected', () => {
  it('keeps the row the search showed selected when the search is cleared, and when x clears the filters', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    // a search the cursor was never moved in: the row it shows first is the one selected on screen
    await app.press('/', ...'/nope', KEY.enter);
    let f = await app.waitFor((f) => (selectedRow(f) ?? '').includes('/nope'), '/nope found');
    await app.press(KEY.escape);
    f = await app.waitFor((f) => f.includes('12 of 12 requests'), 'search cleared');
    expect(selectedRow(f)).toMatch(/\/nope/);
    // the same after a label filter cleared with x
    await app.press('g', 'e');
    f = await app.waitFor((f) => /failures only/.test(f), 'failures only');
    // g selected the first row (an ok one): the filter shows the first failure selected
    const shown = /\/\S+/.exec(selectedRow(f) ?? '')![0];
    expect(selectedRow(f)).not.toMatch(/\[OK\]/);
    await app.press('x');
    f = await app.waitFor((f) => !/failures only/.test(f), 'filters cleared');
    expect(selectedRow(f)).toContain(shown);
  });
});
