// The line being typed (the search bar, the write prompt) with its cursor drawn: an inverse cell, the character under
// it (a space at the end). A terminal without attributes (TERM=dumb, --no-color's chalk) gets a bar before it instead.
import chalk from 'chalk';
import { textWidth } from '../../util/width.js';
import { seg, type Seg } from './segments.js';

/** The cursor cell over `ch` ('' at the end of the text). */
export function cursorSeg(ch: string, inverse = chalk.level > 0): Seg {
  return inverse ? seg(ch || ' ', { inverse: true }) : seg(`▏${ch}`, { color: 'cyan' });
}

/**
 * `text` with the cursor at `cursor` (a UTF-16 index) in at most `cols` columns: whole when it fits, else its end
 * (`…` and the tail) when the cursor is in it, else from a little before the cursor (`…` at the cut ends). One column
 * is kept for the bar a terminal without inverse draws.
 */
export function typedSegs(text: string, cursor: number, cols: number, inverse = chalk.level > 0): Seg[] {
  const units = [...text];
  const at = [...text.slice(0, Math.max(0, Math.min(cursor, text.length)))].length;
  if (at === units.length) units.push('');
  const w = units.map((u) => Math.max(1, textWidth(u)));
  const room = Math.max(6, cols - 1);
  const width = (a: number, b: number) => w.slice(a, b).reduce((n, x) => n + x, 0) + (a > 0 ? 1 : 0) + (b < units.length ? 1 : 0);
  let b = units.length;
  let a = b;
  while (a > 0 && width(a - 1, b) <= room) a--;
  if (at < a) {
    a = Math.max(0, at - 4);
    b = a;
    while (b < units.length && width(a, b + 1) <= room) b++;
  }
  const out: Seg[] = [];
  if (a > 0) out.push(seg('…', { dim: true }));
  out.push(seg(units.slice(a, at).join('')), cursorSeg(units[at]!, inverse), seg(units.slice(at + 1, b).join('')));
  if (b < units.length) out.push(seg('…', { dim: true }));
  return out;
}
