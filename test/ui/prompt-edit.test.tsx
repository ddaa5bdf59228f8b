// Ctrl-W (and Alt+Backspace) in the search and the write prompt erase the last word, as readline, lnav's prompt and
// a shell do: taking the last term off `status:5xx up:api` took one Backspace per character (or Ctrl-U and retyping).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp } from './helpers/ink.js';
import { keyToAction } from '../../src/ui/state/keys.js';
import { initialState } from '../../src/ui/state/view-state.js';
import { erase } from '../../src/ui/state/list-actions.js';

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
    expect(keyToAction('', { backspace: true, meta: true }, s)).toEqual({ type: 'searchBackspace', word: true });
    expect(keyToAction('w', { ctrl: true }, s)).toEqual({ type: 'searchBackspace', word: true });
    expect(keyToAction('', { backspace: true }, s)).toEqual({ type: 'searchBackspace' });
    expect(erase('status:5xx up:cms', true)).toBe('status:5xx ');
    expect(erase('status:5xx ', true)).toBe('');
    expect(erase('./out/list.txt', true)).toBe('');
    expect(erase('abc')).toBe('ab');
  });
});
