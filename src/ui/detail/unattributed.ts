// `u`: the lines that belong to no request (unparsed text, ID-less application lines), newest last.
import type { RawLine } from '../../model.js';
import { clean } from '../../util/sanitize.js';
import { maskRawLine } from './secrets.js';
import { seg, type Line } from '../format/segments.js';

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
