// The line above the footer: the search bar while typing, a question, a message, or what the view shows.
import React from 'react';
import { Box } from 'ink';
import { LABEL_INFO } from '../../diagnose/labels.js';
import type { ViewState } from '../state/view-state.js';
import { ORDER_TEXT } from '../state/list-actions.js';
import type { SearchState } from '../hooks/useSearch.js';
import { MAX_RESULTS } from '../state/search.js';
import { seg, wrapSegs, type Seg } from '../format/segments.js';
import { textWidth } from '../../util/width.js';
import { Line } from './Line.js';

export interface StatusLineProps {
  state: ViewState;
  search: SearchState;
  shown: number;
  total: number;
  width: number;
}

const n = (v: number) => v.toLocaleString('en-US');

/** What `w` writes when requests are marked: those in the view (a filter may hide some of them). */
function markedRows(rows: number, marked: number): string {
  const what = `the ${n(rows)} marked request${rows === 1 ? '' : 's'}`;
  return rows < marked ? `${what} in view (of ${n(marked)})` : what;
}

/** A message longer than the width (a re-run's verdict, where a copy went, why a write failed) takes two rows. */
export function statusRows(state: ViewState, width: number): 1 | 2 {
  const shown = !state.confirm && !state.prompt && !state.searchOpen && state.message;
  return shown && textWidth(shown) > width ? 2 : 1;
}

export function StatusLine({ state, search, shown, total, width }: StatusLineProps): React.JSX.Element {
  let segs: Seg[];
  const found = search.matches
    ? search.capped
      ? `over ${n(MAX_RESULTS)} matches (the newest ${n(MAX_RESULTS)} kept)`
      : `${n(shown)} match${shown === 1 ? '' : 'es'}${search.running ? ` (searching ${Math.floor(search.progress * 100)}%)` : ''}`
    : '';
  if (state.confirm) {
    // the keys first: on a narrow screen the end of a long question (a URL) is what gets cut
    segs = [seg('[y/n] ', { bold: true }), seg(state.confirm.prompt, { bold: true, color: 'yellow' })];
  } else if (state.prompt) {
    segs = [
      seg(`write ${state.marked.length ? markedRows(state.prompt.rows ?? state.marked.length, state.marked.length) : 'the list'} to: `, { bold: true, color: 'cyan' }),
      seg(state.prompt.text),
      seg('▏', { color: 'cyan' }),
      seg('   Enter write · Esc cancel · Ctrl-U erase', { dim: true }),
    ];
  } else if (state.searchOpen) {
    // a field term that cannot be read: why, instead of the count (the list stays as it was)
    const said = search.error ? seg(`  ${search.error}`, { color: 'yellow' }) : seg(`  ${found}`, { dim: true });
    segs = [seg('/', { bold: true, color: 'cyan' }), seg(state.query), seg('▏', { color: 'cyan' }), said, seg('   Enter keep · Esc clear', { dim: true })];
  } else if (state.message) {
    segs = [seg(state.message, { color: 'yellow' })];
    if (statusRows(state, width) === 2) {
      return (
        <Box flexDirection="column" width={width}>
          {wrapSegs(segs, width, 2, 2).map((l, i) => (
            <Line key={i} segs={l} width={width} />
          ))}
        </Box>
      );
    }
  } else {
    const parts: Seg[] = [seg(`${n(shown)} of ${n(total)} requests${state.order === 'arrival' ? '' : ` · ${ORDER_TEXT[state.order]} (s)`}`, { dim: true })];
    if (state.marked.length) parts.push(seg(`  ● ${n(state.marked.length)} marked${state.markedOnly ? ', only they are listed (M)' : ' (M lists them)'}`, { color: 'magenta' }));
    if (state.query) parts.push(seg(`  search "${state.query}": ${search.error ?? found}`, { color: search.error ? 'yellow' : 'cyan' }));
    if (state.labels.length) parts.push(seg(`  label: ${state.labels.map((l) => LABEL_INFO[l].badge).join(',')}`, { color: 'cyan' }));
    if (state.failuresOnly) parts.push(seg('  failures only', { color: 'red' }));
    if (state.query || state.labels.length || state.failuresOnly || state.markedOnly) parts.push(seg('  (Esc clears)', { dim: true }));
    segs = parts;
  }
  return <Line segs={segs} width={width} />;
}
