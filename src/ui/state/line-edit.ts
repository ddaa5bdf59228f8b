// Line editing in the search bar and the write prompt, as readline has it: a cursor that ←/→, Home/End,
// Ctrl-A/E/B/F and Alt/Ctrl-←/→ move; typing and pastes go in at the cursor; Backspace, Delete/Ctrl-D, Ctrl-W
// (Alt+Backspace), Ctrl-U and Ctrl-K erase. A pure function of (text, cursor, key): the reducer keeps the result.
import type { KeyInfo } from './keys.js';

/** The text and the cursor: a UTF-16 index into text, never inside a surrogate pair; undefined = at the end. */
export interface Edit {
  text: string;
  cursor?: number;
}

export type EditOp =
  | { type: 'insert'; text: string }
  | { type: 'move'; to: 'left' | 'right' | 'start' | 'end' | 'wordLeft' | 'wordRight' }
  | { type: 'erase'; what: 'before' | 'under' | 'wordBefore' | 'toStart' | 'toEnd' };

/** The cursor as an index, kept within the text (undefined or past the end: the end). */
export function cursorOf(e: Edit): number {
  const c = e.cursor ?? e.text.length;
  return Math.max(0, Math.min(c, e.text.length));
}

const isLow = (text: string, i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? '') && /[\uD800-\uDBFF]/.test(text[i - 1] ?? '');
/** One character (code point) back / on from i. */
const back = (text: string, i: number) => (i <= 0 ? 0 : isLow(text, i - 1) ? i - 2 : i - 1);
const on = (text: string, i: number) => (i >= text.length ? text.length : isLow(text, i + 1) ? i + 2 : i + 1);

/** A word for moving by words: letters and digits, as readline's M-b / M-f (`status:5xx` is two words). */
const WORD = /[\p{L}\p{N}_]/u;
function wordLeft(text: string, i: number): number {
  while (i > 0 && !WORD.test(text[i - 1]!)) i--;
  while (i > 0 && WORD.test(text[i - 1]!)) i--;
  return i;
}
function wordRight(text: string, i: number): number {
  while (i < text.length && !WORD.test(text[i]!)) i++;
  while (i < text.length && WORD.test(text[i]!)) i++;
  return i;
}
/** Ctrl-W, as readline's unix-word-rubout: back over spaces, then to the previous space (`status:5xx up:cms` -> `status:5xx `). */
function spaceWordLeft(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

/** The edit after `op`; the same object when nothing changes. */
export function applyEdit(e: Edit, op: EditOp): Edit {
  const { text } = e;
  const c = cursorOf(e);
  const cut = (from: number, to: number, cursor: number): Edit => (from === to ? e : { text: text.slice(0, from) + text.slice(to), cursor });
  switch (op.type) {
    case 'insert':
      return op.text ? { text: text.slice(0, c) + op.text + text.slice(c), cursor: c + op.text.length } : e;
    case 'move': {
      const to = { left: back(text, c), right: on(text, c), start: 0, end: text.length, wordLeft: wordLeft(text, c), wordRight: wordRight(text, c) }[op.to];
      return to === c ? e : { text, cursor: to };
    }
    case 'erase':
      switch (op.what) {
        case 'before':
          return cut(back(text, c), c, back(text, c));
        case 'under':
          return cut(c, on(text, c), c);
        case 'wordBefore':
          return cut(spaceWordLeft(text, c), c, spaceWordLeft(text, c));
        case 'toStart':
          return cut(0, c, 0);
        case 'toEnd':
          return cut(c, text.length, c);
      }
  }
}

/** Text typed or pasted: kept minus control characters. */
export function typedText(input: string, key: KeyInfo): string {
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || !input) return '';
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

const CTRL: Record<string, EditOp> = {
  a: { type: 'move', to: 'start' },
  e: { type: 'move', to: 'end' },
  b: { type: 'move', to: 'left' },
  f: { type: 'move', to: 'right' },
  d: { type: 'erase', what: 'under' },
  h: { type: 'erase', what: 'before' },
  w: { type: 'erase', what: 'wordBefore' },
  u: { type: 'erase', what: 'toStart' },
  k: { type: 'erase', what: 'toEnd' },
};

/** What a key does to the line being typed; undefined for the keys that do not edit (Enter, Esc, ↑↓…). */
export function editOp(input: string, key: KeyInfo): EditOp | undefined {
  if (key.leftArrow) return { type: 'move', to: key.word ? 'wordLeft' : 'left' };
  if (key.rightArrow) return { type: 'move', to: key.word ? 'wordRight' : 'right' };
  if (key.home) return { type: 'move', to: 'start' };
  if (key.end) return { type: 'move', to: 'end' };
  // Alt+Backspace erases the word before the cursor, as Ctrl-W
  if (key.backspace) return { type: 'erase', what: key.meta ? 'wordBefore' : 'before' };
  if (key.delete) return { type: 'erase', what: 'under' };
  if (key.ctrl) return CTRL[input];
  const text = typedText(input, key);
  return text ? { type: 'insert', text } : undefined;
}
