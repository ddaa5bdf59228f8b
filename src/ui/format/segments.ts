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
  /** when wrapping, move this segment whole to the next line rather than split it */
  keep?: boolean;
}

export interface Line {
  segs: Seg[];
  /** Enter on this line folds/unfolds this key */
  fold?: string;
  /** the line belongs to this upstream call (index in group.upstreams): `c`/`r` act on it */
  upstream?: number;
  /** wrap instead of cutting, continuation lines indented by this many columns */
  wrap?: number;
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

/**
 * Wraps segments into lines of at most `width` characters, breaking at spaces where it can; continuation
 * lines start with `indent` spaces. At most `maxLines` lines: the last one ends with an ellipsis when cut.
 */
export function wrapSegs(segs: readonly Seg[], width: number, indent = 2, maxLines = 8): Seg[][] {
  const w = Math.max(4, width);
  const ind = Math.min(indent, Math.floor(w / 2));
  const lines: Seg[][] = [];
  let cur: Seg[] = [];
  let used = 0;
  const newLine = () => {
    lines.push(cur);
    cur = ind ? [{ text: ' '.repeat(ind) }] : [];
    used = ind;
  };
  for (const s0 of segs) {
    let text = sanitize(s0.text);
    if (s0.keep && text.length > w - used && text.trimStart().length <= w - ind && used > ind) {
      newLine();
      text = text.trimStart();
    }
    while (text.length > 0) {
      const room = w - used;
      if (text.length <= room) {
        cur.push({ ...s0, text });
        used += text.length;
        break;
      }
      // break at the last space that fits, unless that leaves most of the line empty
      let cut = text.lastIndexOf(' ', room);
      if (cut < room / 2 || cut <= 0) cut = used > ind && text.indexOf(' ') !== 0 && room < w / 3 ? 0 : room;
      if (cut > 0) cur.push({ ...s0, text: text.slice(0, cut) });
      text = text.slice(cut).replace(/^ +/, '');
      newLine();
    }
  }
  if (lines.length === 0 || (cur.length && (cur.length > 1 || !ind))) lines.push(cur);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1]!;
    kept[maxLines - 1] = fitSegs([...last, { text: ' '.repeat(w) }], w - 1).concat({ text: '…' });
    return kept;
  }
  return lines;
}
