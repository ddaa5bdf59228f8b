// Terminal columns of text, for everything that fits text to a width: the TUI's segments and the report table.
import stringWidth from 'string-width';
import { NARROW } from './narrow.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns the text takes on a terminal (East Asian wide characters and emoji take two). */
export function textWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/** Splits `text` where it reaches `cols` columns: [what fits, the rest]. Never splits a character. */
export function splitAtWidth(text: string, cols: number): [string, string] {
  if (NARROW.test(text)) return [text.slice(0, Math.max(0, cols)), text.slice(Math.max(0, cols))];
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const w = NARROW.test(segment) ? segment.length : stringWidth(segment);
    if (used + w > cols) return [text.slice(0, index), text.slice(index)];
    used += w;
  }
  return [text, ''];
}

/** The longest end of `text` that fits `cols` columns. Never splits a character. */
function endAtWidth(text: string, cols: number): string {
  if (NARROW.test(text)) return cols > 0 ? text.slice(-cols) : '';
  const parts = [...graphemes.segment(text)];
  let used = 0;
  let i = parts.length;
  while (i > 0) {
    const w = textWidth(parts[i - 1]!.segment);
    if (used + w > cols) break;
    used += w;
    i--;
  }
  return i === parts.length ? '' : text.slice(parts[i]!.index);
}

/** `text` cut in the middle to `cols` columns: its first `head` columns, `…`, and as much of its end as fits. */
export function cutMiddle(text: string, cols: number, head: number): string {
  return `${splitAtWidth(text, head)[0]}…${endAtWidth(text, cols - head - 1)}`;
}

/** `text` padded with spaces to `cols` columns. */
export function padColumns(text: string, cols: number): string {
  const w = textWidth(text);
  return w >= cols ? text : text + ' '.repeat(cols - w);
}
