// A drawn line is a list of styled segments; the UI fits them to the width itself (never wraps).
import { sanitize } from '../../util/sanitize.js';

export type Color = 'red' | 'redBright' | 'magenta' | 'yellow' | 'yellowBright' | 'cyan' | 'blue' | 'green' | 'gray' | 'white';

export interface Seg {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export interface Line {
  segs: Seg[];
  /** Enter on this line folds/unfolds this key */
  fold?: string;
}

export function seg(text: string, style: Omit<Seg, 'text'> = {}): Seg {
  return { text, ...style };
}

export function lineText(segs: readonly Seg[]): string {
  return segs.map((s) => s.text).join('');
}

/** Cuts segments to `width` characters (an ellipsis marks the cut), optionally padding to the width. */
export function fitSegs(segs: readonly Seg[], width: number, pad = false): Seg[] {
  // sanitize again: cheap on clean text, and no segment can smuggle a control character in
  const clean = segs.map((s) => {
    const text = sanitize(s.text);
    return text === s.text ? s : { ...s, text };
  });
  const out: Seg[] = [];
  let left = Math.max(0, width);
  const cut = clean.reduce((n, s) => n + s.text.length, 0) > left;
  for (const s of clean) {
    if (left <= 0) break;
    if (s.text.length < left || (!cut && s.text.length <= left)) {
      out.push(s);
      left -= s.text.length;
    } else {
      out.push({ ...s, text: s.text.slice(0, cut ? left - 1 : left) + (cut ? '…' : '') });
      left = 0;
    }
  }
  if (pad && left > 0) out.push({ text: ' '.repeat(left) });
  return out;
}
