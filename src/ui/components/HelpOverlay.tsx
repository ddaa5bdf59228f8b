// `?`: every key and every label, in the space of the list and detail panes.
import React from 'react';
import { Box } from 'ink';
import { LABELS } from '../../model.js';
import { LABEL_INFO } from '../../diagnose/labels.js';
import { digitForLabel } from '../state/keys.js';
import { seg, wrapSegs, type Seg } from '../format/segments.js';
import { Line } from './Line.js';

// each fits 80 columns beside its keys (62 columns): the help is read on the smallest terminal too
const KEYS: Array<[string, string]> = [
  ['↑ ↓  j k  g G', 'move in the focused pane · PgUp PgDn: page · g G: first, last'],
  ['Enter', 'list: open the request; detail: fold/unfold, a line whole'],
  ['Tab  ← →  z', 'focus the list or the detail pane · z: zoom it (z again: both)'],
  ['/', 'search ID, URL, label, status, messages; -word, -term exclude'],
  ['/ fields', 'status:5xx up:cms upstatus: host: path: method: label: id:'],
  ['/ times', 'since:09:00:30 until:09:01 since:10m (as --since, --until)'],
  ['← → Home End', 'cursor in / and w; Ctrl-A E, Ctrl-← → word; Del Ctrl-D W U K'],
  ['Esc  x  u', 'clear the search and filters · u: lines without a request ID'],
  ['n N  space', 'next / previous failure · space: pause / resume, ended: page'],
  ['1..9 0 f e a', 'label filter (header keys) · f cycles · e failures · a groups'],
  ['F  t  s  H', 'follow newest (live) · relative time · s: order · hosts'],
  ['m  M  w', 'mark · list only the marked · write the list (marked) out'],
  ['c  C  y  r', "copy as curl · the request's lines · its ID · re-run (asks)"],
  ['q  Ctrl-C', 'quit · Ctrl-Z: suspend (fg resumes)'],
];

/** The help's lines at this size: each key's text wrapped under itself; the labels in a table, or compact on a short screen. */
export function helpLines(width: number, rows: number): Seg[][] {
  const lines: Seg[][] = [[seg('Keys', { bold: true, color: 'cyan' })]];
  for (const [k, what] of KEYS) lines.push(...wrapSegs([seg('  ' + k.padEnd(16), { bold: true }), seg(what)], width, 18, 4));
  lines.push([seg('Labels', { bold: true, color: 'cyan' }), seg('   (the number toggles its filter)', { dim: true })]);
  if (rows - lines.length >= LABELS.length) {
    for (const l of LABELS) {
      const info = LABEL_INFO[l];
      lines.push([seg(`  ${digitForLabel(l) ?? ' '} `, { dim: true }), seg(`[${info.badge}]`.padEnd(10), { color: info.color, bold: true }), seg(l.padEnd(27), { color: info.color }), seg(info.meaning)]);
    }
  } else {
    // compact: several labels per line
    const cell = 38;
    const per = Math.max(1, Math.floor((width - 2) / cell));
    for (let i = 0; i < LABELS.length; i += per) {
      const row: Seg[] = [seg('  ')];
      for (const l of LABELS.slice(i, i + per)) {
        const info = LABEL_INFO[l];
        row.push(seg(`${digitForLabel(l) ?? ' '} `, { dim: true }), seg(`[${info.badge}] ${l}`.padEnd(cell - 2), { color: info.color, bold: true }));
      }
      lines.push(row);
    }
  }
  // the first line says how to leave, and how to scroll when it does not fit
  lines[0]!.push(seg(lines.length > rows ? '   (↓ PgDn scroll · another key closes)' : '   (any key closes this help)', { dim: true }));
  return lines;
}

/** `lines`: helpLines(width, rows), when the caller has them already (App counts them to scroll) */
export function HelpOverlay({ width, rows, top = 0, lines = helpLines(width, rows) }: { width: number; rows: number; top?: number; lines?: Seg[][] }): React.JSX.Element {
  const from = Math.max(0, Math.min(top, lines.length - rows));
  const shown = lines.slice(from, from + rows);
  if (from + rows < lines.length && rows > 1) shown[rows - 1] = [seg(`  ↓ ${lines.length - (from + rows - 1)} more lines (↓ or PgDn)`, { dim: true })];
  while (shown.length < rows) shown.push([]);
  return (
    <Box flexDirection="column" width={width} height={rows}>
      {shown.map((segs, i) => (
        <Line key={i} segs={segs} width={width} />
      ))}
    </Box>
  );
}
