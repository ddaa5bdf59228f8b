// Detail-pane panels other than a request: `u` (lines without a request ID, newest last) and a shown text (a copied command).
import type { RawLine } from '../../model.js';
import { clean } from '../../util/sanitize.js';
import { maskRawLine } from './secrets.js';
import { seg, wrapSegs, type Line } from '../format/segments.js';

export function unattributedLines(lines: readonly RawLine[], total: number, unparsed: number, showSecrets: boolean): Line[] {
  const out: Line[] = [
    {
      segs: [
        seg(`${total.toLocaleString('en-US')} line${total === 1 ? '' : 's'} without a request ID`, { bold: true }),
        seg(` (${unparsed.toLocaleString('en-US')} fit no known format)`, { dim: true }),
        seg(lines.length < total ? `  · the latest ${lines.length.toLocaleString('en-US')} are kept` : '', { dim: true }),
        seg('  · u or Esc goes back', { dim: true }),
      ],
    },
  ];
  if (lines.length === 0) out.push({ segs: [seg('  none so far', { dim: true })] });
  for (const r of lines) {
    out.push({ segs: [seg(`  ${r.source > 0 ? `${r.source}:` : ''}${r.lineNo}`.padEnd(9), { dim: true }), seg(clean(maskRawLine(r.text, showSecrets), 2000))] });
  }
  return out;
}

/** A block of text (a copied command), wrapped to the width. */
export function textLines(body: string, width: number): Line[] {
  const out: Line[] = [];
  for (const line of body.split('\n')) {
    for (const segs of wrapSegs([seg(clean(line, 100_000))], width, 2, 200)) out.push({ segs });
  }
  return out;
}
