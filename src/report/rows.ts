// What report mode prints for one decided request: an NDJSON object, or a table row (and, with
// --details, the reasons and next steps under a failure). Shared by the single reader and the workers.
import type { Label, RequestGroup } from '../model.js';
import { groupToNdjson } from './json.js';
import { describeWindow, inWindow, isWindow, type TimeWindow } from '../util/window.js';
import { tableDetails, tableRow, type TableOptions } from './table.js';

export interface RowOptions {
  json: boolean;
  /** --only: the labels to print (all when undefined) */
  only?: ReadonlySet<Label>;
  table: TableOptions;
  details: boolean;
  /** --since / --until: only requests that started in this window */
  window?: TimeWindow;
}

/** Which options chose the printed rows, for the totals' heading ('--only', '--since/--until'); undefined: none. */
export function rowFilters(o: { only?: unknown; window?: TimeWindow }): string | undefined {
  const f = [o.only !== undefined ? '--only' : '', isWindow(o.window) ? describeWindow(o.window, true) : ''].filter(Boolean);
  return f.length ? f.join(' and ') : undefined;
}

/** Appends the lines printed for `g` to `out` (none when --only leaves it out); `face` as for inWindow. */
export function pushRows(g: RequestGroup, o: RowOptions, out: string[], face?: number): void {
  if (o.only && !o.only.has(g.label)) return;
  if (o.window && !inWindow(g.firstTime, o.window, face)) return;
  if (o.json) out.push(groupToNdjson(g));
  else {
    out.push(tableRow(g, o.table));
    if (o.details && g.label !== 'ok') out.push(...tableDetails(g, o.table));
  }
}
