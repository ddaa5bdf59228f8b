// What report mode prints for one decided request: an NDJSON object, or a table row (and, with
// --details, the reasons and next steps under a failure). Shared by the single reader and the workers.
import type { Label, RequestGroup } from '../model.js';
import { groupToNdjson } from './json.js';
import { tableDetails, tableRow, type TableOptions } from './table.js';

export interface RowOptions {
  json: boolean;
  /** --only: the labels to print (all when undefined) */
  only?: ReadonlySet<Label>;
  table: TableOptions;
  details: boolean;
}

/** Appends the lines printed for `g` to `out` (none when --only leaves it out). */
export function pushRows(g: RequestGroup, o: RowOptions, out: string[]): void {
  if (o.only && !o.only.has(g.label)) return;
  if (o.json) out.push(groupToNdjson(g));
  else {
    out.push(tableRow(g, o.table));
    if (o.details && g.label !== 'ok') out.push(...tableDetails(g, o.table));
  }
}
