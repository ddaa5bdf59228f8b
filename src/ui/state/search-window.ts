// `since:` and `until:` in the search: the requests that started in a window of time, as the --since / --until flags
// take it (`since:09:00:30`, `until:09:01`, `since:10m`, `since:2024-03-11T09:00Z`). An on-call question is often
// "what started failing at 09:00:30?": `/since:09:00:30` then `e` lists it, instead of paging through the list.
import { inWindow, parseBound, type TimeWindow } from '../../util/window.js';

const WINDOW_TERM = /^(-?)(since|until):(.*)$/i;
const EXAMPLES = 'since:09:00:30, until:09:01, since:10m, since:2024-03-11T09:00Z';

/** Whether the search reads `word` as a time bound (`since:09:00`), not as a word or a field term. */
export function isWindowTerm(word: string): boolean {
  return WINDOW_TERM.test(word);
}

/**
 * The window the query's `since:`/`until:` words give (a later word of the same bound wins), and why a word could not
 * be read (`since:` half typed, `since:9am`): that one is left out, as a field term it cannot read is.
 */
export function windowOf(words: readonly string[], nowMs = Date.now()): { window?: TimeWindow; errors: string[] } {
  const window: TimeWindow = {};
  const errors: string[] = [];
  for (const w of words) {
    const m = WINDOW_TERM.exec(w);
    if (!m) continue;
    const which = m[2]!.toLowerCase() as 'since' | 'until';
    if (m[1]) {
      errors.push(`${w}: a time bound is not left out: write ${which === 'since' ? 'until' : 'since'}:${m[3] || 'T'} instead`);
      continue;
    }
    const bound = m[3] ? parseBound(m[3], nowMs) : undefined;
    if (!bound) {
      errors.push(`${w}: ${m[3] ? 'not a time' : 'needs a time'} (${EXAMPLES})`);
      continue;
    }
    window[which] = bound;
  }
  return { window: window.since || window.until ? window : undefined, errors };
}

/** Whether a request that started at `t` is outside the window (`face`: the stream's clock face, see inWindow). */
export function outsideWindow(t: number | undefined, w: TimeWindow | undefined, face: number | undefined): boolean {
  return w !== undefined && !inWindow(t, w, face);
}
