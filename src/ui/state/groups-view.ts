// The groups view (`a`): the detail pane shows the listed requests grouped by upstream host, route, referer, host,
// path or label (report mode's --group-by table); Enter on a group lists only its requests. Reducer steps for
// view-state.ts.
import { DEFAULT_MAX_KEYS, type GroupBy } from '../../report/group-by.js';
import type { ViewState } from './view-state.js';

/** `a` shows the listed requests grouped by these keys in turn (then closes) */
export const GROUP_VIEWS: readonly GroupBy[] = ['upstream', 'route', 'referer', 'host', 'path', 'label'];

/** The group of the cap's "(other)" row: every key past the first 1,000, no one group to list. */
export const OTHER_GROUP = '\u0000(other)';

/** Enter on the "(other)" row. */
export const NO_GROUP = `no one group here: (other) is every key past the first ${DEFAULT_MAX_KEYS.toLocaleString('en-US')}; narrow the list`;

/** Enter on a line that is no group's: the title, the column heads, the note. */
export const NOT_A_GROUP = "not a group's row: move to one (j, ↓), then Enter lists its requests";

/** The first group's line in the view (panels.ts groupSummaryLines: the title, the column heads, then the rows). */
const FIRST_ROW = 2;

/** `a`: the next key, from the top of the pane, focused to pick a group; after the last, the view closes. */
export function cycleGroups(s: ViewState): ViewState {
  const next = GROUP_VIEWS[s.groups === undefined ? 0 : GROUP_VIEWS.indexOf(s.groups) + 1];
  if (!next) return { ...s, groups: undefined, focus: 'list', detailCursor: 0, detailTop: 0 };
  // the cursor on the first group's row, under the pane's title and the column heads: Enter picks it at once
  return { ...s, groups: next, unattributed: false, text: undefined, help: false, focus: 'detail', detailCursor: FIRST_ROW, detailTop: 0 };
}

/** Enter on a line of the groups view: only that group's requests are listed (a line of no group: says why not). */
export function pickGroup(s: ViewState, key: string | undefined): ViewState {
  if (!s.groups) return s;
  if (key === undefined || key === OTHER_GROUP) return { ...s, message: key === undefined ? NOT_A_GROUP : NO_GROUP };
  return {
    ...s,
    groups: undefined,
    groupFilter: { by: s.groups, key },
    focus: 'list',
    top: 0,
    detailCursor: 0,
    detailTop: 0,
    // with a search on, Esc clears the search first: x clears both
    message: `only ${s.groups} ${key}: ${s.query ? "x" : "Esc or x"} lists every request`,
  };
}
