// The request list: a column header and only the rows on screen (never the whole list).
import React from 'react';
import { Box } from 'ink';
import type { RequestGroup } from '../../model.js';
import { headerSegs, rowSegs, type RowOptions } from '../format/row.js';
import { seg, wrapSegs } from '../format/segments.js';
import type { TimeMode } from '../format/time.js';
import { Line } from './Line.js';

export interface RequestListProps {
  groups: readonly RequestGroup[];
  top: number;
  cursor: number;
  rows: number;
  width: number;
  focused: boolean;
  timeMode: TimeMode;
  showHost?: boolean;
  newest?: RowOptions['newest'];
  /** the selected request's first time, once the input has ended: relative times count from it */
  anchor?: number;
  /** seqs of the marked requests */
  marked?: ReadonlySet<number>;
  /** shown when the list is empty */
  empty: string;
}

export function RequestList(p: RequestListProps): React.JSX.Element {
  const opts: RowOptions = { width: p.width, timeMode: p.timeMode, newest: p.newest, showHost: p.showHost, anchor: p.anchor, marked: p.marked };
  const visible = p.groups.slice(p.top, p.top + p.rows);
  const lines: React.JSX.Element[] = visible.map((g, i) => {
    const selected = p.top + i === p.cursor;
    return <Line key={g.seq} segs={rowSegs(g, selected, opts)} width={p.width} pad={selected} inverse={selected && p.focused} />;
  });
  if (p.groups.length === 0) {
    // wrapped: a source's error can be long (a URL and why it was refused)
    wrapSegs([seg('  ' + p.empty, { dim: true })], p.width, 4, Math.max(1, p.rows)).forEach((segs, i) =>
      lines.push(<Line key={`empty${i}`} segs={segs} width={p.width} />),
    );
  }
  while (lines.length < p.rows) lines.push(<Line key={`pad${lines.length}`} segs={[]} width={p.width} />);
  return (
    <Box flexDirection="column" width={p.width} height={p.rows + 1}>
      <Line segs={headerSegs(p.width, p.timeMode, p.showHost, p.anchor !== undefined)} width={p.width} />
      {lines}
    </Box>
  );
}
