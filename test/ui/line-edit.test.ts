// The search bar and the write prompt edit as readline does: the cursor moves (←/→, Home/End, Ctrl-A/E, by word),
// typing and pastes go in at the cursor, and the erasing keys work on either side of it. They had no cursor: every
// key worked on the end of the text, so a typo early in `status:5xx method:post` took erasing back to it.
import { describe, expect, it } from 'vitest';
import { applyEdit, cursorOf, editOp, type Edit } from '../../src/ui/state/line-edit.js';
import { keyToAction, refineKey, splitKeys, type KeyInfo } from '../../src/ui/state/keys.js';
import { initialState } from '../../src/ui/state/view-state.js';
import { reduce } from '../../src/ui/state/reducer.js';
import { typedSegs } from '../../src/ui/format/typed.js';
import { lineText } from '../../src/ui/format/segments.js';

/** Applies keys ([input, key] pairs) and draws the result as text with `|` at the cursor. */
function keys(start: Edit, ...ks: Array<[string, KeyInfo]>): string {
  let e = start;
  for (const [input, key] of ks) {
    const op = editOp(input, key);
    if (op) e = applyEdit(e, op);
  }
  const c = cursorOf(e);
  return `${e.text.slice(0, c)}|${e.text.slice(c)}`;
}
const L: [string, KeyInfo] = ['', { leftArrow: true }];
const R: [string, KeyInfo] = ['', { rightArrow: true }];
const ctrl = (c: string): [string, KeyInfo] => [c, { ctrl: true }];
const t = (s: string): [string, KeyInfo] => [s, {}];

describe('line editing', () => {
  it('moves by character, to either end and by word; typing goes in at the cursor', () => {
    expect(keys({ text: 'status:5xx' }, L, L, t('4'))).toBe('status:54|xx');
    expect(keys({ text: 'abc' }, L, L, L, L, L, t('>'))).toBe('>|abc');
    expect(keys({ text: 'abc', cursor: 0 }, R, R, R, R, t('d'))).toBe('abcd|');
    expect(keys({ text: 'abc' }, ['', { home: true }], t('x'), ['', { end: true }], t('y'))).toBe('xabcy|');
    expect(keys({ text: 'abc' }, ctrl('a'), R, t('-'), ctrl('e'), t('!'))).toBe('a-bc!|');
    expect(keys({ text: 'abc' }, ctrl('b'), ctrl('b'), ctrl('f'))).toBe('ab|c');
    // by word: letters and digits, as readline's M-b / M-f
    expect(keys({ text: 'status:5xx up:cms' }, ['', { leftArrow: true, word: true }])).toBe('status:5xx up:|cms');
    expect(keys({ text: 'status:5xx up:cms' }, ['', { leftArrow: true, word: true }], ['', { leftArrow: true, word: true }], ['', { leftArrow: true, word: true }])).toBe('status:|5xx up:cms');
    expect(keys({ text: 'status:5xx up:cms', cursor: 0 }, ['', { rightArrow: true, word: true }], ['', { rightArrow: true, word: true }])).toBe('status:5xx| up:cms');
    // a paste arrives as one chunk
    expect(keys({ text: 'id: ', cursor: 0 }, t('x-request-'))).toBe('x-request-|id: ');
  });

  it('erases before the cursor, under it, the word before it, to the start and to the end', () => {
    expect(keys({ text: 'status:5xx', cursor: 7 }, ['', { backspace: true }])).toBe('status|5xx');
    expect(keys({ text: 'status:5xx', cursor: 7 }, ['', { delete: true }])).toBe('status:|xx');
    expect(keys({ text: 'status:5xx', cursor: 7 }, ctrl('d'), ctrl('d'))).toBe('status:|x');
    expect(keys({ text: 'abc', cursor: 3 }, ctrl('d'))).toBe('abc|');
    expect(keys({ text: 'abc', cursor: 0 }, ['', { backspace: true }])).toBe('|abc');
    expect(keys({ text: 'status:5xx up:cms', cursor: 11 }, ctrl('w'))).toBe('|up:cms');
    expect(keys({ text: 'status:5xx up:cms', cursor: 14 }, ['', { backspace: true, meta: true }])).toBe('status:5xx |cms');
    expect(keys({ text: 'status:5xx up:cms', cursor: 11 }, ctrl('u'))).toBe('|up:cms');
    expect(keys({ text: 'status:5xx up:cms', cursor: 11 }, ctrl('k'))).toBe('status:5xx |');
    // at the end, as before: Ctrl-W the last word, Ctrl-U all of it
    expect(keys({ text: 'status:5xx up:cms' }, ctrl('w'))).toBe('status:5xx |');
    expect(keys({ text: 'status:5xx up:cms' }, ctrl('u'))).toBe('|');
  });

  it('steps over a character outside the BMP whole', () => {
    expect(keys({ text: 'a🙂b' }, L, ['', { backspace: true }])).toBe('a|b');
    expect(keys({ text: 'a🙂b' }, L, L, t('x'))).toBe('ax|🙂b');
    expect(keys({ text: 'a🙂b', cursor: 1 }, ['', { delete: true }])).toBe('a|b');
    expect(keys({ text: 'a🙂b', cursor: 1 }, R, t('x'))).toBe('a🙂x|b');
  });

  it('types no control characters, and leaves the keys that do not edit to the prompt', () => {
    expect(editOp('a\u001b[31mb\u0007', {})).toEqual({ type: 'insert', text: 'a[31mb' });
    expect(editOp('', { return: true })).toBeUndefined();
    expect(editOp('', { upArrow: true })).toBeUndefined();
    expect(editOp('x', { ctrl: true })).toBeUndefined();
  });
});

describe('the reducer', () => {
  const c = { list: [], listRows: 5, detailRows: 5, detail: [], present: [] };
  it('keeps the cursor with the text, and a key that changes nothing changes no state (nothing to redraw)', () => {
    let s = reduce({ ...initialState(), searchOpen: true, query: 'cart' }, { type: 'searchEdit', op: { type: 'move', to: 'start' } }, c);
    expect(s).toMatchObject({ query: 'cart', queryCursor: 0 });
    expect(reduce(s, { type: 'searchEdit', op: { type: 'move', to: 'left' } }, c)).toBe(s);
    s = reduce(s, { type: 'searchEdit', op: { type: 'insert', text: '/api' } }, c);
    expect(s).toMatchObject({ query: '/apicart', queryCursor: 4 });
    // `/` again after Enter kept it: the cursor at the end
    s = reduce(reduce(s, { type: 'searchAccept' }, c), { type: 'openSearch' }, c);
    expect(reduce(s, { type: 'searchEdit', op: { type: 'insert', text: 's' } }, c).query).toBe('/apicarts');
    const w = { ...initialState(), prompt: { kind: 'write' as const, text: 'a' } };
    expect(reduce(w, { type: 'promptEdit', op: { type: 'move', to: 'end' } }, c)).toBe(w);
    expect(reduce(w, { type: 'promptEdit', op: { type: 'move', to: 'start' } }, c).prompt).toEqual({ kind: 'write', text: 'a', cursor: 0 });
  });
});

describe('the keys as the terminal sends them', () => {
  const s = { ...initialState(), searchOpen: true, query: 'abc', queryCursor: 1 };
  const act = (raw: string, input: string, key: KeyInfo) => keyToAction(input, refineKey(key, raw), s);
  it('tells Backspace (DEL) from the Delete key (ESC [3~), which Ink both calls delete', () => {
    expect(act('\u007f', '', { delete: true })).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'before' } });
    expect(act('\u001b[3~', '', { delete: true })).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'under' } });
    expect(act('\u001b\u007f', '', { delete: true, meta: true })).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'wordBefore' } });
    // bytes unknown: Backspace, as it always was
    expect(keyToAction('', refineKey({ delete: true }, undefined), s)).toEqual({ type: 'searchEdit', op: { type: 'erase', what: 'before' } });
  });

  it('moves by word on Ctrl/Alt+← → (CSI 1;5D, 1;3D); Esc typed just before ← still closes the search', () => {
    expect(act('\u001b[1;5D', '', { leftArrow: true, ctrl: true })).toEqual({ type: 'searchEdit', op: { type: 'move', to: 'wordLeft' } });
    expect(act('\u001b[1;3C', '', { rightArrow: true, meta: true })).toEqual({ type: 'searchEdit', op: { type: 'move', to: 'wordRight' } });
    const escLeft = splitKeys('', refineKey({ leftArrow: true, meta: true }, '\u001b\u001b[D'));
    expect(escLeft.map(([i, k]) => keyToAction(i, k, s))).toEqual([{ type: 'escape' }, { type: 'searchEdit', op: { type: 'move', to: 'left' } }]);
  });

  it('edits the write prompt the same way, Home and End included', () => {
    const w = { ...initialState(), prompt: { kind: 'write' as const, text: './a.txt' } };
    expect(keyToAction('', { home: true }, w)).toEqual({ type: 'promptEdit', op: { type: 'move', to: 'start' } });
    expect(keyToAction('k', { ctrl: true }, w)).toEqual({ type: 'promptEdit', op: { type: 'erase', what: 'toEnd' } });
  });
});

describe('drawing the typed line', () => {
  const draw = (text: string, cursor: number, cols: number) => lineText(typedSegs(text, cursor, cols, false));
  it('draws the cursor where it is: a bar where there is no inverse, an inverse cell where there is', () => {
    expect(draw('cart', 4, 40)).toBe('cart▏');
    expect(draw('cart', 1, 40)).toBe('c▏art');
    const inv = typedSegs('cart', 1, 40, true);
    expect(inv.find((x) => x.inverse)).toMatchObject({ text: 'a' });
    expect(typedSegs('cart', 4, 40, true).find((x) => x.inverse)).toMatchObject({ text: ' ' });
  });

  it('keeps the cursor in sight in a long line: the end when it is there, else from just before it', () => {
    const q = 'status:5xx method:post host:www.example-store.com path:/api/cart';
    const end = draw(q, q.length, 20);
    expect(end.startsWith('…') && end.endsWith('cart▏')).toBe(true);
    const early = draw(q, 8, 20);
    expect(early).toMatch(/^…us:5▏xx method:pos…$/);
    for (const cursor of [0, 5, 30, 50, q.length]) {
      const segs = typedSegs(q, cursor, 20, false);
      expect(lineText(segs).length).toBeLessThanOrEqual(20);
      expect(lineText(segs)).toContain('▏');
    }
  });
});
