// Top three lines: the sources and their state, totals per label (with their filter keys), sparklines.
import React from 'react';
import { Box } from 'ink';
import { LABELS, type Label } from '../../model.js';
import { LABEL_INFO } from '../../diagnose/labels.js';
import { formatTime } from '../../report/format.js';
import type { SourceView } from '../store.js';
import { describeState } from '../../sources/status.js';
import { digitForLabel } from '../state/keys.js';
import type { ListOrder } from '../state/select.js';
import { sparkline, type Buckets } from '../state/sparkline.js';
import { fitSegs, seg, shortenMiddle, textWidth, type Seg } from '../format/segments.js';
import { Line } from './Line.js';

export interface HeaderProps {
  width: number;
  sources: readonly SourceView[];
  paused: boolean;
  buffered: number;
  follow: boolean;
  /** the list's order: said when it is not the order of arrival */
  order?: ListOrder;
  requests: number;
  lines: number;
  /** lines with no request ID (unparsed included): `u` shows them */
  unattributed: number;
  /** finished requests let go to stay under --max-groups (or under memoryCap) */
  evicted?: number;
  /** the lower cap memory forced (util/heap.ts) */
  memoryCap?: number;
  counts: Readonly<Record<Label, number>>;
  activeLabels: readonly Label[];
  failuresOnly: boolean;
  buckets: Buckets;
  /** --since / --until, as written: `since 09:00 until 09:15` */
  window?: string;
  /** --filter, as written (sanitised) */
  filter?: string;
}

const n = (v: number) => v.toLocaleString('en-US');

export function progressBar(read: number, total: number, width = 12): string {
  const f = total > 0 ? Math.min(1, read / total) : 1;
  const full = Math.round(f * width);
  return `▕${'█'.repeat(full)}${'░'.repeat(width - full)}▏ ${Math.floor(f * 100)}%`;
}

/** what a live source says when all is well: not repeated in the header */
const QUIET_DETAILS = new Set(['following', 'connected']);

/** A source's state after its name (and the lines it dropped, if any). */
export function stateSegs(v: SourceView): Seg[] {
  const s = v.status;
  const out: Seg[] = [];
  switch (s.state) {
    case 'loading':
      out.push(seg(s.bytesTotal ? progressBar(s.bytesRead ?? 0, s.bytesTotal) : 'loading…', { color: 'cyan' }));
      break;
    case 'live':
      out.push(seg('● live', { color: 'green' }));
      // what happened to a followed file (removed, rotated, truncated, a line held) stays in sight
      if (s.detail && !QUIET_DETAILS.has(s.detail)) out.push(seg(`: ${s.detail}`, { color: 'yellow' }));
      break;
    case 'ended':
      out.push(seg('■ ended', { color: 'gray' }));
      // how it ended, when that is worth knowing (plain text after gzip data)
      if (s.detail) out.push(seg(`: ${s.detail}`, { color: 'yellow' }));
      break;
    case 'error':
      out.push(seg(`✗ ${s.detail ?? 'error'}`, { color: 'red' }));
      break;
    default:
      out.push(seg(`◌ ${describeState(s)}`, { color: 'yellow' }));
  }
  if (s.dropped) out.push(seg(` (${n(s.dropped)} lines dropped)`, { color: 'red' }));
  return out;
}

const segsWidth = (segs: readonly Seg[]) => segs.reduce((w, s) => w + textWidth(s.text), 0);

/**
 * The first line: each source with its state, then what the view is (paused, follow, order, --filter) and the counts.
 * Those come first in importance: a long state detail (`--tail 5000: began mid-file at line ~930,674 ...`) is cut
 * to the room they leave, and long source names (paths) give way too.
 */
export function sourceLine(p: HeaderProps): Seg[] {
  const tail: Seg[] = [];
  if (p.paused) tail.push(seg(`  ⏸ PAUSED · ${n(p.buffered)} lines buffered`, { color: 'yellow', bold: true, inverse: true }));
  if (p.follow) tail.push(seg('  ⇣ FOLLOW', { color: 'cyan', bold: true }));
  if (p.order === 'time') tail.push(seg('  ⇅ time order', { color: 'cyan' }));
  if (p.order === 'duration') tail.push(seg('  ⇅ slowest first', { color: 'cyan' }));
  if (p.window) tail.push(seg(`  ${p.window}`, { color: 'cyan' }));
  if (p.filter) tail.push(seg(`  filter: ${p.filter}`, { color: 'cyan' }));
  tail.push(seg(`  ${n(p.requests)} request${p.requests === 1 ? '' : 's'} · ${n(p.lines)} line${p.lines === 1 ? '' : 's'}`, { dim: true }));
  if (p.unattributed > 0) tail.push(seg(` · ${n(p.unattributed)} without ID (u)`, { dim: true }));
  // evicted: the oldest finished requests, let go to stay under --max-groups (or what memory allows)
  if (p.memoryCap !== undefined) tail.push(seg(` · memory short: ${n(p.evicted ?? 0)} oldest evicted, ${n(p.memoryCap)} kept`, { color: 'yellow' }));
  else if (p.evicted) tail.push(seg(` · ${n(p.evicted)} oldest evicted`, { dim: true }));
  const count = Math.max(1, p.sources.length);
  // a name keeps at least 12 columns (6 each for several sources: `ssrtail a.log b.log c.log` keeps its counts)
  const minName = p.sources.length > 1 ? 6 : 12;
  // each source's state gets what the tail and its name leave, its first word kept
  const namesMin = p.sources.reduce((w, v, i) => w + (i > 0 ? 2 : 0) + Math.min(minName, textWidth(v.name)) + 1, 0);
  const stateRoom = Math.floor((p.width - textWidth('ssrtail ') - segsWidth(tail) - namesMin) / count);
  const states = p.sources.map((v) => {
    const st = stateSegs(v);
    return segsWidth(st) <= stateRoom ? st : fitSegs(st, Math.max(textWidth(st[0]?.text ?? '') + 2, stateRoom));
  });
  // 'ssrtail ', then per source: a gap before all but the first, the name, a space, its state
  const fixed = textWidth('ssrtail ') + segsWidth(tail) + states.reduce((w, st, i) => w + (i > 0 ? 2 : 0) + 1 + segsWidth(st), 0);
  const nameCols = Math.max(minName, Math.floor((p.width - fixed) / count));

  const line1: Seg[] = [seg('ssrtail ', { bold: true, color: 'cyan' })];
  p.sources.forEach((v, i) => {
    if (i > 0) line1.push(seg('  '));
    line1.push(seg(shortenMiddle(v.name, nameCols) + ' ', { bold: true }), ...states[i]!);
  });
  line1.push(...tail);
  return line1;
}

export function Header(p: HeaderProps): React.JSX.Element {
  const line1 = sourceLine(p);
  const line2 = labelLines(p.counts, p.activeLabels, p.failuresOnly, p.width);
  const b = p.buckets;
  const max = (a: number[]) => a.reduce((m, v) => Math.max(m, v), 0);
  const line3: Seg[] = [
    seg('req ', { dim: true }),
    seg(sparkline(b.requests), { color: 'cyan' }),
    seg(` ${max(b.requests)}  `, { dim: true }),
    seg('fail ', { dim: true }),
    seg(sparkline(b.failures), { color: 'red' }),
    seg(` ${max(b.failures)}`, { dim: true }),
  ];
  if (b.from !== undefined && b.to !== undefined) line3.push(seg(`  ${formatTime(b.from, false)} → ${formatTime(b.to, false)}`, { dim: true }));

  return (
    <Box flexDirection="column" width={p.width}>
      <Line segs={line1} width={p.width} />
      {line2.map((segs, i) => (
        <Line key={i} segs={segs} width={p.width} />
      ))}
      <Line segs={line3} width={p.width} />
    </Box>
  );
}

/**
 * The totals per label with their filter keys: one line, or two when one cannot hold them all (80 columns, many
 * labels): every key stays in sight.
 */
const FAILURES_ONLY = '[e] failures only';

interface LabelItem {
  l: Label;
  key: string;
  total: string;
}

/** The items in lines of `width` (two at most, the last takes the rest), and whether they fit. */
function packLabels(items: readonly LabelItem[], gap: string, width: number): { lines: LabelItem[][]; used: number; fits: boolean } {
  const lines: LabelItem[][] = [[]];
  let used = 0;
  for (const it of items) {
    const w = textWidth(it.key + it.total) + gap.length;
    if (used + w > width + gap.length && used > 0 && lines.length < 2) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1]!.push(it);
    used += w;
  }
  return { lines, used, fits: used <= width + gap.length };
}

export function labelLines(counts: Readonly<Record<Label, number>>, active: readonly Label[], failuresOnly: boolean, width: number): Seg[][] {
  // each label as its key and its total: measured, then drawn
  const present = LABELS.filter((l) => counts[l]);
  const itemsWith = (keys: boolean): LabelItem[] =>
    present.map((l) => {
      const key = keys ? digitForLabel(l) : undefined;
      return { l, key: key ? `${key}:` : '', total: `${LABEL_INFO[l].badge} ${n(counts[l])}` };
    });
  const widthOf = (items: readonly LabelItem[], gap: number) => items.reduce((w, it) => w + textWidth(it.key + it.total) + gap, 0) + (failuresOnly ? textWidth(FAILURES_ONLY) : 0);
  // on a narrow screen (40 columns) two lines hold the totals but not their keys too: the totals stay (`?` has the keys)
  const keyed = itemsWith(true);
  const items = packLabels(keyed, ' ', width).fits ? keyed : itemsWith(false);
  const gap = widthOf(items, 2) <= width ? '  ' : ' ';
  const packed = packLabels(items, gap, width);
  const lines: Seg[][] = packed.lines.map((line) =>
    line.flatMap((it) => [seg(it.key, { dim: true }), seg(it.total, { color: LABEL_INFO[it.l].color, bold: true, inverse: active.includes(it.l) }), seg(gap)]),
  );
  const used = packed.used;
  if (items.length === 0) lines[0]!.push(seg('no requests', { dim: true }));
  if (failuresOnly) {
    // on a line of its own when the totals fill theirs (as far as the two lines go)
    if (used > 0 && used + textWidth(FAILURES_ONLY) > width && lines.length < 2) lines.push([]);
    lines[lines.length - 1]!.push(seg(FAILURES_ONLY, { color: 'red', inverse: true }));
  }
  return lines;
}

/** Rows the header takes at this width: 3, or 4 when the label totals need two lines. */
export function headerRows(counts: Readonly<Record<Label, number>>, failuresOnly: boolean, width: number): number {
  return 2 + labelLines(counts, [], failuresOnly, width).length;
}

/** How many buckets the header's sparklines use at this width. */
export function sparkWidth(width: number): number {
  // room is left for the time range after them (two times of day and an arrow: ~52 columns with the labels)
  return Math.max(8, Math.min(40, Math.floor((width - 52) / 2)));
}
