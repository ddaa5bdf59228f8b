// Key hints, as many as fit.
import React from 'react';
import type { ViewState } from '../state/view-state.js';
import { seg, type Seg } from '../format/segments.js';
import { Line } from './Line.js';

const MAIN: Array<[string, string]> = [
  ['↑↓/jk', 'move'],
  ['Enter', 'unfold'],
  ['Tab', 'focus'],
  ['/', 'search'],
  ['n/N', 'failure'],
  ['1-0/f', 'label'],
  ['e', 'failures'],
  ['space', 'pause'],
  ['F', 'follow'],
  ['t', 'time'],
  ['u', 'no-ID lines'],
  ['c', 'curl'],
  ['r', 're-run'],
  ['?', 'help'],
  ['q', 'quit'],
];

export function Footer({ width, state }: { width: number; state: ViewState }): React.JSX.Element {
  const hints: Array<[string, string]> = state.searchOpen
    ? [['type', 'to search'], ['↑↓', 'move'], ['Enter', 'keep'], ['Esc', 'clear'], ['Ctrl-U', 'erase']]
    : state.help
      ? [['any key', 'close help'], ['q', 'quit']]
      : state.paused
        ? [['space', 'resume'], ...MAIN.filter(([k]) => k !== 'space')]
        : MAIN;
  const segs: Seg[] = [];
  let used = 0;
  for (const [k, what] of hints) {
    const len = k.length + what.length + 3;
    if (used + len > width && segs.length) break;
    segs.push(seg(k, { bold: true, color: 'cyan' }), seg(` ${what}  `, { dim: true }));
    used += len;
  }
  return <Line segs={segs} width={width} />;
}
