// Detail-pane panels other than a request: `u` (lines without a request ID, newest last), a shown text (a copied
// command) and `a`, the listed requests by upstream host, route, ...
import type { RawLine, RequestGroup } from '../../model.js';
import { GroupFold, type GroupBy } from '../../report/group-by.js';
import { groupTable } from '../../report/group-table.js';
import { clean } from '../../util/sanitize.js';
import { maskRawLine } from './secrets.js';
import { wholeLine } from './tree.js';
import { OTHER_GROUP } from '../state/groups-view.js';
import { seg, wrapSegs, type Line } from '../format/segments.js';

export function unattributedLines(lines: readonly RawLine[], total: number, unparsed: number, showSecrets: boolean): Line[] {
  const out: Line[] = [
    {
      segs: [
        seg(`${total.toLocaleString('en-US')} line${total === 1 ? '' : 's'} without a request ID`, { bold: true }),
        seg(` (${unparsed.toLocaleString('en-US')} fit no known format)`, { dim: true }),
        seg(lines.length < total ? `  · the latest ${lines.length.toLocaleString('en-US')} are kept` : '', { dim: true }),
        seg('  · Enter: a line whole · u or Esc goes back', { dim: true }),
      ],
    },
  ];
  if (lines.length === 0) out.push({ segs: [seg('  none so far', { dim: true })] });
  for (const r of lines) {
    const where = `${r.source > 0 ? `${r.source}:` : ''}${r.lineNo}`;
    const text = maskRawLine(r.text, showSecrets);
    // cut to the width on screen: Enter shows it whole (Esc comes back), as a request's raw lines
    out.push({ segs: [seg(`  ${where}`.padEnd(9), { dim: true }), seg(clean(text, 2000))], full: wholeLine(`line ${where}`, text) });
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

/**
 * The groups view (`a`): the listed requests grouped by `by`, the table report mode prints with --group-by.
 * Enter on a group's line lists only its requests (the cap's "(other)" bucket is no one group: it has none).
 */
export function groupSummaryLines(list: readonly RequestGroup[], by: GroupBy, width: number): Line[] {
  const fold = new GroupFold(by);
  for (const g of list) fold.add(g);
  const t = groupTable(fold, { color: false, width });
  const out: Line[] = [
    { segs: [seg(`${list.length.toLocaleString('en-US')} listed requests by ${by}`, { bold: true }), seg('  · Enter: only that group · a: next key · Esc closes', { dim: true })] },
    { segs: [seg(t.head, { bold: true })] },
  ];
  if (t.rows.length === 0) out.push({ segs: [seg('  no requests listed', { dim: true })] });
  for (const r of t.rows) {
    const group = r.summary.other ? OTHER_GROUP : r.summary.key;
    r.lines.forEach((text, i) => out.push({ segs: [seg(text, i > 0 || r.summary.failures === 0 ? { dim: i > 0 } : { color: 'red' })], group }));
  }
  for (const text of [...(t.legend.length ? ['', ...t.legend] : []), ...t.note]) out.push({ segs: [seg(text, { dim: true })] });
  return out;
}
