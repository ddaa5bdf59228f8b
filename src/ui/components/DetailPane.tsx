// The selected request: a title bar, then its detail lines (diagnosis, request tree, logs), scrolled.
import React from 'react';
import { Box } from 'ink';
import { seg, textWidth, type Line as DetailLine, type Seg } from '../format/segments.js';
import { Line } from './Line.js';

export interface DetailPaneProps {
  title: Seg[];
  lines: readonly DetailLine[];
  top: number;
  cursor: number;
  rows: number;
  width: number;
  focused: boolean;
}

export function DetailPane(p: DetailPaneProps): React.JSX.Element {
  const more = p.lines.length - (p.top + p.rows);
  const pos = p.lines.length > p.rows ? ` ${p.top + 1}-${Math.min(p.lines.length, p.top + p.rows)}/${p.lines.length} ` : '';
  const title: Seg[] = [
    seg(p.focused ? '━━ ' : '── ', { color: p.focused ? 'cyan' : 'gray' }),
    ...p.title,
    seg(' '),
    seg(pos, { dim: true }),
    seg(more > 0 ? '↓ more ' : '', { dim: true }),
  ];
  // the rule fills the rest of the line exactly (one too long would be cut, and a cut line ends in '…')
  const used = title.reduce((w, s) => w + textWidth(s.text), 0);
  title.push(seg((p.focused ? '━' : '─').repeat(Math.max(0, p.width - used)), { color: p.focused ? 'cyan' : 'gray' }));
  const rows = p.lines.slice(p.top, p.top + p.rows).map((l, i) => {
    const at = p.top + i === p.cursor && p.focused;
    const segs = [seg(at ? '▶' : ' ', { color: 'cyan', bold: true }), ...l.segs];
    return <Line key={p.top + i} segs={segs} width={p.width} inverse={at && l.fold !== undefined} />;
  });
  while (rows.length < p.rows) rows.push(<Line key={`pad${rows.length}`} segs={[]} width={p.width} />);
  return (
    <Box flexDirection="column" width={p.width} height={p.rows + 1}>
      <Line segs={title} width={p.width} />
      {rows}
    </Box>
  );
}
