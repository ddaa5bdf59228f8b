// A drawn line is a list of styled segments; the UI fits them to the width itself (never wraps).
import { sanitize } from '../../util/sanitize.js';
import { cutMiddle, splitAtWidth, textWidth } from '../../util/width.js';

export { splitAtWidth, textWidth };

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
  /** Enter on this line shows this text whole (a raw line, a header value: cut on screen) */
  full?: { title: string; body: string };
  /** the groups view (`a`): Enter on this line lists only the requests of this group */
  group?: string;
}

export function seg(text: string, style: Omit<Seg, 'text'> = {}): Seg {
  return { text, ...style };
}

export function lineText(segs: readonly Seg[]): string {
  return segs.map((s) => s.text).join('');
}

/** Shortens `text` to `cols` columns by cutting its middle (`/long/dir/…/app.log`): keeps the end, where a path's file name is. */
export function shortenMiddle(text: string, cols: number): string {
  if (textWidth(text) <= cols) return text;
  if (cols <= 1) return cols === 1 ? '…' : '';
  return cutMiddle(text, cols, cols - 1 - Math.ceil((cols - 1) * 0.65));
}

/** Cuts to `cols` columns (an ellipsis marks the cut) and pads with spaces to exactly `cols`. */
export function fitWidth(text: string, cols: number): string {
  const line = lineText(fitSegs([{ text }], cols));
  return line + ' '.repeat(Math.max(0, cols - textWidth(line)));
}

/** Cuts segments to `width` columns (an ellipsis marks the cut), optionally padding to the width. */
export function fitSegs(segs: readonly Seg[], width: number, pad = false): Seg[] {
  // sanitize again: cheap on clean text, and no segment can smuggle a control character in
  const clean = segs.map((s) => {
    const text = sanitize(s.text);
    return text === s.text ? s : { ...s, text };
  });
  const out: Seg[] = [];
  let left = Math.max(0, width);
  const cut = clean.reduce((n, s) => n + textWidth(s.text), 0) > left;
  for (const s of clean) {
    if (left <= 0) break;
    const w = textWidth(s.text);
    if (w < left || (!cut && w <= left)) {
      out.push(s);
      left -= w;
    } else {
      const [head] = splitAtWidth(s.text, cut ? left - 1 : left);
      out.push({ ...s, text: head + (cut ? '…' : '') });
      left -= textWidth(head) + (cut ? 1 : 0);
      left = 0;
    }
  }
  if (pad && left > 0) out.push({ text: ' '.repeat(left) });
  return out;
}

/**
 * Wraps segments into lines of at most `width` columns, breaking at spaces where it can; continuation
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
    if (s0.keep && textWidth(text) > w - used && textWidth(text.trimStart()) <= w - ind && used > ind) {
      newLine();
      text = text.trimStart();
    }
    while (text.length > 0) {
      const room = w - used;
      const [head, rest] = splitAtWidth(text, room);
      if (rest === '') {
        cur.push({ ...s0, text });
        used += textWidth(text);
        break;
      }
      // break at the last space that fits, unless that leaves most of the line empty
      let cut = rest.startsWith(' ') ? head.length : head.lastIndexOf(' ');
      if (cut < head.length / 2 || cut <= 0) cut = used > ind && room < w / 3 && !text.startsWith(' ') ? 0 : head.length;
      if (cut > 0) cur.push({ ...s0, text: text.slice(0, cut) });
      text = text.slice(cut).replace(/^ +/, '');
      newLine();
    }
  }
  if (lines.length === 0 || (cur.length && (cur.length > 1 || !ind))) lines.push(cur);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1]!;
    // padded past the width, so fitSegs cuts it: its ellipsis lands in the last column
    kept[maxLines - 1] = fitSegs([...last, { text: ' '.repeat(w) }], w);
    return kept;
  }
  return lines;
}
