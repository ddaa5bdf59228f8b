// Ctrl-W (and Alt+Backspace) in the search and the write prompt erase the last word, as readline, lnav's prompt and
// a shell do: taking the last term off `status:5xx up:api` took one Backspace per character (or Ctrl-U and retyping).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp } from './helpers/ink.js';
import { keyToAction } from '../../src/ui/state/keys.js';
import { initialState } from '../../src/ui/state/view-state.js';
import { applyEdit } from '../../src/ui/state/line-edit.js';

afterEach(() => cleanup());

describe('erasing a word in a prompt', () => {
  it('Ctrl-W in the search takes the last term off, and the search runs again without it', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', ...'status:5xx method:post');
    await app.waitFor((f) => f.includes('/status:5xx method:post▏') && f.includes('1 match'), 'the POST');
    await app.press('\u0017');
    await app.waitFor((f) => f.includes('/status:5xx ▏') && f.includes('5 matches'), 'the 5xx again');
    await app.press('\u0017', ...'label:timeout', KEY.enter);
    await app.waitFor((f) => f.includes('search "label:timeout": 1 match'), 'another term');
  });

  it('Ctrl-W in the write prompt erases the path back to the last space, readline style', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('w');
    await app.waitFor((f) => f.includes('write the list to:'), 'asked');
    await app.press('\u0017');
    await app.waitFor((f) => /write the list to: ▏/.test(f), 'the default path erased');
  });

  it('Alt+Backspace does the same; Backspace still erases one character', () => {
    const s = { ...initialState(), searchOpen: true, query: 'a b' };
    const word = { type: 'searchEdit', op: { type: 'erase', what: 'wordBefore' } };
    expect(keyToAction('', { backspace: true, meta: true }, s)).toEqual(word);
    expect(keyToAction('w', { ctrl: true }, s)).toEqual(word);
    expect(keyToAction('', { backspace: true }, s)).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'before' } });
    const erase = (text: string, w?: boolean) => applyEdit({ text }, { type: 'erase', what: w ? 'wordBefore' : 'before' }).text;
    expect(erase('status:5xx up:cms', true)).toBe('status:5xx ');
    expect(erase('status:5xx ', true)).toBe('');
    expect(erase('./out/list.txt', true)).toBe('');
    expect(erase('abc')).toBe('ab');
  });
});

describe('the cursor in the write prompt', () => {
  it('Home, Delete and typing change the start of the default path; End and Ctrl-K its end', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('w');
    await app.waitFor((f) => /write the list to: \.\/ssrtail-\d{6}\.txt▏/.test(f), 'asked');
    // Home (ESC [H), the Delete key (ESC [3~) twice: `./` gone; `out/` typed in front
    await app.press('\u001b[H', '\u001b[3~', '\u001b[3~', ...'out/');
    await app.waitFor((f) => /to: out\/▏ssrtail-\d{6}\.txt/.test(f), 'out/ in front, the cursor after it');
    // Ctrl-→ over the name, Ctrl-K: the rest erased; End, then Backspace (DEL) erases before the cursor
    await app.press('\u001b[1;5C', '\u000b', ...'.log');
    await app.waitFor((f) => /to: out\/ssrtail\.log▏/.test(f), 'the end replaced');
    await app.press('\u0001', '\u001b[F', '\u007f');
    await app.waitFor((f) => /to: out\/ssrtail\.lo▏/.test(f), 'Ctrl-A then End, and Backspace');
  });
});
