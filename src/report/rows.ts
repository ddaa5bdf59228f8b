// What report mode prints for one decided request: an NDJSON object, or a table row (and, with
// --details, the reasons and next steps under a failure). Shared by the single reader and the workers.
import type { Label, RequestGroup } from '../model.js';
import { groupToNdjson } from './json.js';
import { describeWindow, inWindow, isWindow, keptUncompared, type TimeWindow } from '../util/window.js';
import { tableDetails, tableRow, type TableOptions } from './table.js';
import { matchesFilter, type RequestFilter } from '../filter/filter.js';
import { clean } from '../util/sanitize.js';

export interface RowOptions {
  json: boolean;
  /** --only: the labels to print (all when undefined) */
  only?: ReadonlySet<Label>;
  table: TableOptions;
  details: boolean;
  /** --since / --until: only requests that started in this window */
  window?: TimeWindow;
  /** --filter: only requests that pass it */
  filter?: RequestFilter;
}

/** Which options chose the printed rows, for the totals' heading ('--only', '--since/--until', '--filter'); undefined: none. */
export function rowFilters(o: { only?: unknown; window?: TimeWindow; filter?: RequestFilter }): string | undefined {
  const f = [
    o.only !== undefined ? '--only' : '',
    isWindow(o.window) ? describeWindow(o.window, true) : '',
    o.filter ? o.filter.sources.map((e) => `--filter '${clean(e, 200)}'`).join(' ') : '',
  ].filter(Boolean);
  return f.length ? f.join(' and ') : undefined;
}

/** What the row filters did: requests they left out, and requests a dated window kept without comparing them. */
export interface RowCounts {
  hidden: number;
  /** kept by a --since/--until date and time they have no date to compare with (times of day only, or no time) */
  undated: number;
}

/** Counts `g` as left out by the row filters, or as kept by a dated window it could not be compared with. */
export function countRow(g: RequestGroup, o: { window?: TimeWindow }, kept: boolean, c: RowCounts): void {
  if (!kept) c.hidden++;
  else if (o.window && keptUncompared(g.firstTime, o.window)) c.undated++;
}

/** Whether --only, --since/--until and --filter let `g` through; `face` as for inWindow. */
export function selected(g: RequestGroup, o: { only?: ReadonlySet<Label>; window?: TimeWindow; filter?: RequestFilter }, face?: number): boolean {
  return (!o.only || o.only.has(g.label)) && (!o.window || inWindow(g.firstTime, o.window, face)) && (!o.filter || matchesFilter(g, o.filter));
}

/** Appends the lines printed for `g` to `out`; false (and nothing appended) when --only, the window or --filter leaves it out. `face` as for inWindow. */
export function pushRows(g: RequestGroup, o: RowOptions, out: string[], face?: number): boolean {
  if (!selected(g, o, face)) return false;
  if (o.json) out.push(groupToNdjson(g));
  else {
    out.push(tableRow(g, o.table));
    if (o.details && g.label !== 'ok') out.push(...tableDetails(g, o.table));
  }
  return true;
}
