// The line above the footer: the search bar while typing, a question, a message, or what the view shows.
import React from 'react';
import { Box } from 'ink';
import { LABEL_INFO } from '../../diagnose/labels.js';
import type { ViewState } from '../state/view-state.js';
import { ORDER_TEXT } from '../state/list-actions.js';
import type { SearchState } from '../hooks/useSearch.js';
import { MAX_RESULTS } from '../state/search.js';
import { lineText, seg, wrapSegs, type Seg } from '../format/segments.js';
import { textWidth } from '../../util/width.js';
import { typedSegs } from '../format/typed.js';
import { cursorOf } from '../state/line-edit.js';
import { Line } from './Line.js';

export interface StatusLineProps {
  state: ViewState;
  search: SearchState;
  shown: number;
  total: number;
  width: number;
  /** rows it may take (the layout's statusRows: fewer than statusRows asks for on a short screen) */
  rows?: number;
}

const n = (v: number) => v.toLocaleString('en-US');

/** What `w` writes when requests are marked: those in the view (a filter may hide some of them). */
function markedRows(rows: number, marked: number): string {
  const what = `the ${n(rows)} marked request${rows === 1 ? '' : 's'}`;
  return rows < marked ? `${what} in view (of ${n(marked)})` : what;
}

/** The question asked, keys first: on a narrow screen the end of a long question (a URL) is what gets cut. */
const confirmSegs = (prompt: string): Seg[] => [seg('[y/n] ', { bold: true }), seg(prompt, { bold: true, color: 'yellow' })];

/** Rows a question may take: the re-run's says where the call goes (and when that is this machine), read before `y`. */
const CONFIRM_ROWS = 3;

/** A message longer than the width (a re-run's verdict, where a copy went, why a write failed) takes two rows, a question up to three. */
export function statusRows(state: ViewState, width: number): number {
  if (state.confirm) return textWidth(lineText(confirmSegs(state.confirm.prompt))) > width ? wrapSegs(confirmSegs(state.confirm.prompt), width, 2, CONFIRM_ROWS).length : 1;
  const shown = !state.prompt && !state.searchOpen && state.message;
  return shown && textWidth(shown) > width ? 2 : 1;
}

export function StatusLine({ state, search, shown, total, width, rows = CONFIRM_ROWS }: StatusLineProps): React.JSX.Element {
  let segs: Seg[];
  const found = search.matches
    ? search.capped
      ? `over ${n(MAX_RESULTS)} matches (the newest ${n(MAX_RESULTS)} kept)`
      : `${n(shown)} match${shown === 1 ? '' : 'es'}${search.running ? ` (searching ${Math.floor(search.progress * 100)}%)` : ''}`
    : '';
  if (state.confirm) {
    segs = confirmSegs(state.confirm.prompt);
  } else if (state.prompt) {
    const said = `write ${state.marked.length ? markedRows(state.prompt.rows ?? state.marked.length, state.marked.length) : 'the list'} to: `;
    // on a narrow screen the question is short: the path and its cursor must stay in sight
    const ask = textWidth(said) + 14 <= width ? said : state.marked.length ? 'write marked to: ' : 'write to: ';
    const hint = '   Enter write · Esc cancel · Ctrl-U erase';
    // a long path shows its end, or where the cursor is, and no key hints (the footer has them)
    const fits = textWidth(ask + state.prompt.text + hint) + 2 <= width;
    const shown = typedSegs(state.prompt.text, cursorOf(state.prompt), fits ? Infinity : Math.max(12, width - textWidth(ask) - 1));
    segs = [seg(ask, { bold: true, color: 'cyan' }), ...shown, seg(fits ? hint : '', { dim: true })];
  } else if (state.searchOpen) {
    // a field term that cannot be read: why, instead of the count (the list stays as it was)
    const said = search.error ? seg(`  ${search.error}`, { color: 'yellow' }) : seg(`  ${found}`, { dim: true });
    const hint = '   Enter keep · Esc clear';
    // a query longer than the room shows its end, where the typing is, and the count after it (the footer has the keys)
    const whole = 3 + textWidth(state.query) + textWidth(said.text);
    const room = whole + textWidth(hint) <= width ? Infinity : width - 1 - Math.min(textWidth(said.text), Math.floor(width / 2));
    const typed = typedSegs(state.query, cursorOf({ text: state.query, cursor: state.queryCursor }), Math.max(12, room));
    segs = [seg('/', { bold: true, color: 'cyan' }), ...typed, said, seg(room === Infinity ? hint : '', { dim: true })];
  } else if (state.message) {
    segs = [seg(state.message, { color: 'yellow' })];
  } else {
    const parts: Seg[] = [seg(`${n(shown)} of ${n(total)} requests${state.order === 'arrival' ? '' : ` · ${ORDER_TEXT[state.order]} (s)`}`, { dim: true })];
    if (state.marked.length) parts.push(seg(`  ● ${n(state.marked.length)} marked${state.markedOnly ? ', only they are listed (M)' : ' (M lists them)'}`, { color: 'magenta' }));
    if (state.query) parts.push(seg(`  search "${state.query}": ${search.error ?? found}`, { color: search.error ? 'yellow' : 'cyan' }));
    if (state.labels.length) parts.push(seg(`  label: ${state.labels.map((l) => LABEL_INFO[l].badge).join(',')}`, { color: 'cyan' }));
    if (state.failuresOnly) parts.push(seg('  failures only', { color: 'red' }));
    if (state.query || state.labels.length || state.failuresOnly || state.markedOnly) parts.push(seg('  (Esc clears)', { dim: true }));
    segs = parts;
  }
  if ((state.confirm || (!state.prompt && !state.searchOpen && state.message)) && statusRows(state, width) > 1 && rows > 1) {
    return (
      <Box flexDirection="column" width={width}>
        {wrapSegs(segs, width, 2, Math.min(rows, state.confirm ? CONFIRM_ROWS : 2)).map((l, i) => (
          <Line key={i} segs={l} width={width} />
        ))}
      </Box>
    );
  }
  return <Line segs={segs} width={width} />;
}
