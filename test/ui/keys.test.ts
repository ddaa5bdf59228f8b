import { describe, expect, it } from 'vitest';
import { keyToAction, digitForLabel, isIntent, splitKeys } from '../../src/ui/state/keys.js';
import { initialState } from '../../src/ui/state/view-state.js';

const s0 = initialState();

describe('keyToAction', () => {
  it('maps navigation keys', () => {
    expect(keyToAction('j', {}, s0)).toEqual({ type: 'move', by: 1 });
    expect(keyToAction('k', {}, s0)).toEqual({ type: 'move', by: -1 });
    expect(keyToAction('', { downArrow: true }, s0)).toEqual({ type: 'move', by: 1 });
    expect(keyToAction('', { upArrow: true }, s0)).toEqual({ type: 'move', by: -1 });
    expect(keyToAction('', { pageDown: true }, s0)).toEqual({ type: 'page', by: 1 });
    expect(keyToAction('', { pageUp: true }, s0)).toEqual({ type: 'page', by: -1 });
    expect(keyToAction('g', {}, s0)).toEqual({ type: 'home' });
    expect(keyToAction('G', {}, s0)).toEqual({ type: 'end' });
    expect(keyToAction('', { return: true }, s0)).toEqual({ type: 'enter' });
    expect(keyToAction('', { tab: true }, s0)).toEqual({ type: 'toggleFocus' });
  });

  it('maps commands', () => {
    expect(keyToAction('/', {}, s0)).toEqual({ type: 'openSearch' });
    expect(keyToAction('n', {}, s0)).toEqual({ type: 'nextFailure', dir: 1 });
    expect(keyToAction('N', {}, s0)).toEqual({ type: 'nextFailure', dir: -1 });
    expect(keyToAction('e', {}, s0)).toEqual({ type: 'toggleFailures' });
    expect(keyToAction('f', {}, s0)).toEqual({ type: 'cycleLabel' });
    expect(keyToAction(' ', {}, s0)).toEqual({ type: 'togglePause', space: true });
    expect(keyToAction('F', {}, s0)).toEqual({ type: 'toggleFollow' });
    expect(keyToAction('t', {}, s0)).toEqual({ type: 'toggleTime' });
    expect(keyToAction('?', {}, s0)).toEqual({ type: 'toggleHelp' });
    expect(keyToAction('q', {}, s0)).toEqual({ type: 'quit' });
    expect(keyToAction('c', { ctrl: true }, s0)).toEqual({ type: 'quit', interrupted: true });
    expect(keyToAction('W', {}, s0)).toBeUndefined();
    expect(keyToAction('m', {}, s0)).toEqual({ type: 'toggleMark' });
    expect(keyToAction('M', {}, s0)).toEqual({ type: 'toggleMarkedOnly' });
    expect(isIntent(keyToAction('w', {}, s0))).toBe(true);
    expect(keyToAction('z', {}, s0)).toEqual({ type: 'toggleZoom' });
    expect(keyToAction('s', {}, s0)).toEqual({ type: 'cycleOrder' });
  });

  it('digits toggle labels: 1 = sni-error … 4 = allowlist-suspect … 0 = ok', () => {
    expect(keyToAction('1', {}, s0)).toEqual({ type: 'toggleLabel', label: 'sni-error' });
    expect(keyToAction('4', {}, s0)).toEqual({ type: 'toggleLabel', label: 'allowlist-suspect' });
    expect(keyToAction('0', {}, s0)).toEqual({ type: 'toggleLabel', label: 'ok' });
    expect(digitForLabel('allowlist-suspect')).toBe('4');
    expect(digitForLabel('ok')).toBe('0');
    expect(digitForLabel('bad-request')).toBeUndefined();
  });

  it('c and r are intents for the curl feature', () => {
    const c = keyToAction('c', {}, s0);
    const r = keyToAction('r', {}, s0);
    expect(isIntent(c) && isIntent(r)).toBe(true);
    expect(isIntent(keyToAction('j', {}, s0))).toBe(false);
  });

  it('types a path into the write prompt: Enter writes, Esc cancels, no control characters', () => {
    const s = { ...s0, prompt: { kind: 'write' as const, text: './x' } };
    expect(keyToAction('q', {}, s)).toEqual({ type: 'promptEdit', op: { type: 'insert', text: 'q' } });
    expect(keyToAction('a\u001b[31mb\u0007', {}, s)).toEqual({ type: 'promptEdit', op: { type: 'insert', text: 'a[31mb' } });
    expect(keyToAction('', { backspace: true }, s)).toEqual({ type: 'promptEdit', op: { type: 'erase', what: 'before' } });
    expect(keyToAction('u', { ctrl: true }, s)).toEqual({ type: 'promptEdit', op: { type: 'erase', what: 'toStart' } });
    expect(keyToAction('', { return: true }, s)).toEqual({ type: 'writeAccept' });
    expect(keyToAction('', { escape: true }, s)).toEqual({ type: 'closePrompt', message: 'not written' });
    // Esc then a key typed fast: one Meta+key
    expect(keyToAction('x', { meta: true }, s)).toEqual({ type: 'closePrompt', message: 'not written' });
    expect(keyToAction('', { upArrow: true }, s)).toBeUndefined();
  });

  it('types into the search bar instead of running commands', () => {
    const s = { ...s0, searchOpen: true };
    expect(keyToAction('q', {}, s)).toEqual({ type: 'searchEdit', op: { type: 'insert', text: 'q' } });
    expect(keyToAction('j', {}, s)).toEqual({ type: 'searchEdit', op: { type: 'insert', text: 'j' } });
    expect(keyToAction('a\u001b[31mb', {}, s)).toEqual({ type: 'searchEdit', op: { type: 'insert', text: 'a[31mb' } });
    expect(keyToAction('', { backspace: true }, s)).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'before' } });
    expect(keyToAction('', { return: true }, s)).toEqual({ type: 'searchAccept' });
    expect(keyToAction('', { escape: true }, s)).toEqual({ type: 'escape' });
    expect(keyToAction('', { downArrow: true }, s)).toEqual({ type: 'move', by: 1 });
    expect(keyToAction('u', { ctrl: true }, s)).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'toStart' } });
    // Esc then x typed fast arrives as Meta+x: the Esc still closes the prompt, the x is not typed
    expect(keyToAction('x', { meta: true }, s)).toEqual({ type: 'escape' });
  });

  it('answers a question with y or n only', () => {
    const s = { ...s0, confirm: { prompt: 'Re-run?', intent: { type: 'rerun' as const, seq: 1 } } };
    expect(keyToAction('y', {}, s)).toEqual({ type: 'answer', yes: true });
    expect(keyToAction('n', {}, s)).toEqual({ type: 'answer', yes: false });
    expect(keyToAction('', { escape: true }, s)).toEqual({ type: 'answer', yes: false });
    expect(keyToAction('j', {}, s)).toBeUndefined();
  });

  it('Ctrl-Z suspends from every mode: list, search bar, question, help', () => {
    const modes = [s0, { ...s0, searchOpen: true }, { ...s0, help: true }, { ...s0, confirm: { prompt: 'Re-run?', intent: { type: 'rerun' as const, seq: 1 } } }];
    for (const s of modes) expect(keyToAction('z', { ctrl: true }, s)).toEqual({ type: 'suspend' });
    expect(isIntent(keyToAction('z', { ctrl: true }, s0))).toBe(true);
    expect(splitKeys('j\u001a', {})).toEqual([['j', {}], ['z', { ctrl: true }]]);
  });

  it('closes help on any key but the scroll keys (which close it too when it fits: see the reducer), q still quits', () => {
    const s = { ...s0, help: true };
    expect(keyToAction('x', {}, s)).toEqual({ type: 'toggleHelp' });
    expect(keyToAction('', { escape: true }, s)).toEqual({ type: 'toggleHelp' });
    expect(keyToAction('j', {}, s)).toEqual({ type: 'scrollHelp', by: 1 });
    expect(keyToAction('', { pageDown: true }, s)).toEqual({ type: 'scrollHelp', by: 'page' });
    expect(keyToAction('q', {}, s)).toEqual({ type: 'quit' });
  });
});

describe('splitKeys', () => {
  it('passes single keys through untouched', async () => {
    const { splitKeys } = await import('../../src/ui/state/keys.js');
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('', { downArrow: true })).toEqual([['', { downArrow: true }]]);
  });
  it('splits a burst into keys: letters, Enter, Tab, Backspace, Ctrl', async () => {
    const { splitKeys } = await import('../../src/ui/state/keys.js');
    expect(splitKeys('jj', {})).toEqual([['j', {}], ['j', {}]]);
    expect(splitKeys('\r\r', {})).toEqual([['', { return: true }], ['', { return: true }]]);
    expect(splitKeys('/ca\u007f\t\u0015', {})).toEqual([
      ['/', {}],
      ['c', {}],
      ['a', {}],
      ['', { backspace: true }],
      ['', { tab: true }],
      ['u', { ctrl: true }],
    ]);
  });
  it('reads one Meta+key (Esc then a key, typed fast: the terminal sends ESC x) as Esc and then the key', () => {
    expect(splitKeys('s', { meta: true })).toEqual([['', { escape: true }], ['s', {}]]);
    // Esc itself (Ink marks it meta too) and Ctrl keys stay as they are
    expect(splitKeys('', { escape: true, meta: true })).toEqual([['', { escape: true, meta: true }]]);
    expect(splitKeys('c', { ctrl: true, meta: true })).toEqual([['c', { ctrl: true, meta: true }]]);
  });
  it('reads Esc then Enter, Tab or an arrow typed fast as Esc and then the key; Alt+Backspace stays one key', () => {
    expect(splitKeys('\r', { return: true, meta: true })).toEqual([['', { escape: true }], ['\r', { return: true, meta: false }]]);
    expect(splitKeys('', { downArrow: true, meta: true })).toEqual([['', { escape: true }], ['', { downArrow: true, meta: false }]]);
    // Ink reads ESC TAB as no key: a bare tab character
    expect(splitKeys('\t', {})).toEqual([['', { escape: true }], ['', { tab: true }]]);
    expect(splitKeys('', { tab: true })).toEqual([['', { tab: true }]]);
    expect(splitKeys('', { backspace: true, meta: true })).toEqual([['', { backspace: true, meta: true }]]);
  });
});
