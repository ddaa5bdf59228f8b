// Key hints, as many as fit.
import React from 'react';
import type { ViewState } from '../state/view-state.js';
import { seg, type Seg } from '../format/segments.js';
import { Line } from './Line.js';

const MAIN: Array<[string, string]> = [
  ['↑↓/jk', 'move'],
  ['Enter', 'unfold'],
  ['Tab', 'focus'],
  ['z', 'zoom'],
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
  ['m/M', 'mark'],
  ['w', 'write'],
];
/** always shown, at the end */
const LAST: Array<[string, string]> = [
  ['?', 'help'],
  ['q', 'quit'],
];

/** What Enter and Esc do in the detail pane's other views (its title says it too) */
function viewHints(state: ViewState): Array<[string, string]> | undefined {
  if (state.text) return [['↑↓/jk', 'scroll'], ['Esc', 'back']];
  if (state.groups) return [['↑↓/jk', 'move'], ['Enter', 'only that group'], ['a', 'next key'], ['Esc', 'close']];
  if (state.unattributed) return [['↑↓/jk', 'move'], ['Enter', 'whole line'], ['Esc/u', 'back']];
  return undefined;
}

export function Footer({ width, state }: { width: number; state: ViewState }): React.JSX.Element {
  const view = state.focus === 'detail' ? viewHints(state) : undefined;
  const [hints, last]: Array<Array<[string, string]>> = state.confirm
    ? [[['y', 'yes'], ['n/Esc', 'no']], []]
    : state.prompt
    ? [[['type', 'a path'], ['Enter', 'write'], ['Esc', 'cancel'], ['←→', 'cursor'], ['Ctrl-W', 'word'], ['Ctrl-U/K', 'erase ←/→']], []]
    : state.searchOpen
    ? [[['type', 'to search'], ['↑↓', 'move'], ['Enter', 'keep'], ['Esc', 'clear'], ['←→', 'cursor'], ['Ctrl-W', 'word'], ['Ctrl-U/K', 'erase ←/→']], []]
    : state.help
      ? [[['any key', 'close help']], [['q', 'quit']]]
      : view
        ? [view, LAST]
      : state.paused
        ? [[['space', 'resume'], ...MAIN.filter(([k]) => k !== 'space')], LAST]
        : [MAIN, LAST];
  const size = ([k, what]: [string, string]) => k.length + what.length + 3;
  const room = width - last.reduce((n, h) => n + size(h), 0);
  const segs: Seg[] = [];
  let used = 0;
  const add = ([k, what]: [string, string]) => {
    segs.push(seg(k, { bold: true, color: 'cyan' }), seg(` ${what}  `, { dim: true }));
    used += size([k, what]);
  };
  for (const h of hints) {
    if (used + size(h) > room && segs.length) break;
    add(h);
  }
  for (const h of last) add(h);
  return <Line segs={segs} width={width} />;
}
