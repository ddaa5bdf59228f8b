// --group-by's output: a table of one row per group (fitted to the terminal like the request table), or
// NDJSON, one object per group.
import { LABELS, type Label } from '../model.js';
import { LABEL_INFO } from '../diagnose/labels.js';
import { clean } from '../util/sanitize.js';
import { padColumns, splitAtWidth, textWidth } from '../util/width.js';
import { fitUrl, formatDuration, formatTime } from './format.js';
import { percentile, timeSpan, type GroupBy, type GroupFold, type GroupSummary } from './group-by.js';
import { safeJson } from './json.js';
import type { TableOptions } from './table.js';

const KEY_HEAD: Record<GroupBy, string> = { upstream: 'UPSTREAM HOST', host: 'HOST', path: 'PATH', route: 'ROUTE', referer: 'REFERER', label: 'LABEL' };
/** to a file the key column is at most this wide (a longer key is written whole, pushing its row on) */
const FILE_KEY_W = 60;
/** the key column keeps at least this many before the LABELS go beside the row, and before FIRST and LAST stay */
const MIN_KEY_W = 16;
/** the labels' full names go beside the row when the key keeps this many columns (or its longest); else their badges */
const NAMES_KEY_W = 32;

export interface GroupJson {
  groupBy: GroupBy;
  key: string;
  /** the cap's bucket: keys past the first 1,000 */
  other?: true;
  requests: number;
  failures: number;
  labels: Partial<Record<Label, number>>;
  p50Ms: number | null;
  p95Ms: number | null;
  /** how many durations the percentiles are of (a request without a response row: the span of its lines) */
  durations: number;
  first: string | null;
  last: string | null;
  calls?: number;
  noAnswer?: number;
  errorStatus?: number;
}

const ms = (n: number | undefined) => (n === undefined ? null : Math.round(n * 1000) / 1000);

export function groupJson(s: GroupSummary, by: GroupBy): GroupJson {
  const { first, last } = timeSpan(s);
  const labels: Partial<Record<Label, number>> = {};
  for (const l of LABELS) if (s.labels[l]) labels[l] = s.labels[l];
  return {
    groupBy: by,
    key: s.key,
    ...(s.other && { other: true as const }),
    requests: s.requests,
    failures: s.failures,
    labels,
    p50Ms: ms(percentile(s.sample, 0.5)),
    p95Ms: ms(percentile(s.sample, 0.95)),
    durations: s.durations,
    first: first === undefined ? null : formatTime(first),
    last: last === undefined ? null : formatTime(last),
    ...(by === 'upstream' && { calls: s.calls, noAnswer: s.noAnswer, errorStatus: s.errorStatus }),
  };
}

/** The labels but ok, most first: `not-found 12`, `backend-error 3`, or by their badges (`404 12`, `BACKEND 3`). */
function labelItems(s: GroupSummary, badges: boolean): string[] {
  const ls = LABELS.filter((l) => l !== 'ok' && s.labels[l]).sort((a, b) => s.labels[b]! - s.labels[a]!);
  return ls.map((l) => `${badges ? LABEL_INFO[l].badge : l} ${s.labels[l]}`);
}

const listText = (items: readonly string[]) => items.join(', ') || '-';

/** Items joined by `, ` in lines of at most `cols` columns: the first starts with `first`, the others with `indent`. */
function wrapItems(items: readonly string[], cols: number, first: string, indent: string): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ',' : '');
    if (!empty && textWidth(`${line} ${piece}`) > cols) {
      out.push(line);
      line = indent + piece;
    } else line = empty ? line + piece : `${line} ${piece}`;
    empty = false;
  });
  out.push(empty ? `${line}-` : line);
  return out;
}

/** The labels but ok any group has, in their usual order. */
function usedLabels(rows: readonly GroupSummary[]): Label[] {
  return LABELS.filter((l) => l !== 'ok' && rows.some((s) => s.labels[l]));
}

/** A start time for a column `cols` wide: ISO (24), the UTC time of day (12), or to the second (8). */
function timeText(t: number | undefined, cols: number): string {
  if (t === undefined) return '-';
  return cols >= 24 ? formatTime(t) : formatTime(t, false).slice(0, cols);
}

/** The table: its header, each group's line (and the lines of its labels under it, when they go there), a note. */
export interface GroupTable {
  head: string;
  rows: Array<{ summary: GroupSummary; lines: string[] }>;
  /** what the label badges stand for, when the table shows badges */
  legend: string[];
  note: string[];
}

/** The lines --group-by prints: NDJSON objects, or the table (groupTable). */
export function groupLines(fold: GroupFold, o: { json: boolean; table: TableOptions }): string[] {
  if (o.json) return fold.rows().map((s) => safeJson(groupJson(s, fold.by)));
  const t = groupTable(fold, o.table);
  return [t.head, ...t.rows.flatMap((r) => r.lines), ...(t.legend.length ? ['', ...t.legend] : []), ...t.note];
}

/**
 * The table of the groups, fitted to a terminal's width like the request table (on one narrower than ~150 columns
 * times lose their date, then their milliseconds, the key is cut in the middle; under ~76 columns FIRST and LAST go).
 * The labels are never cut: by name beside the row when they fit, else by badge (`404 12, BACKEND 3`, a legend under
 * the table) beside it, else by badge under it, on as many lines as they take. Width 0: a file, nothing cut.
 */
export function groupTable(fold: GroupFold, table: TableOptions): GroupTable {
  const rows = fold.rows();
  const up = fold.by === 'upstream';
  const total = table.width;
  const timeW = total <= 0 || total >= 150 ? 24 : total >= 120 ? 12 : 8;
  const heads = [...(up ? ['REQS', 'FAIL', 'CALLS', 'NO-ANS', '>=400'] : ['REQS', 'FAIL']), 'P50', 'P95'];
  const cells = rows.map((s) => [
    ...(up ? [s.requests, s.failures, s.calls, s.noAnswer, s.errorStatus] : [s.requests, s.failures]).map(String),
    ...[percentile(s.sample, 0.5), percentile(s.sample, 0.95)].map((d) => formatDuration(d) || '-'),
  ]);
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const counts = widths.reduce((n, w) => n + w + 1, 0);
  // on a narrow terminal (a split pane, the TUI's `a`) FIRST and LAST go when the key would keep under 16 columns
  const times = total <= 0 || total - 1 - counts - 2 * (timeW + 1) >= MIN_KEY_W;
  const fixed = counts + (times ? 2 * (timeW + 1) : 0);
  const keys = rows.map((s) => clean(s.key, 2000));
  const longest = Math.max(textWidth(KEY_HEAD[fold.by]), ...keys.map(textWidth));
  // on a terminal: the key's room with the widest labels beside it, by name, else by badge; else they go under the row
  const keyRoom = (badges: boolean) => total - 1 - fixed - 1 - Math.max(...rows.map((s) => textWidth(listText(labelItems(s, badges)))), 15);
  const badges = total > 0 && keyRoom(false) < Math.min(longest, NAMES_KEY_W);
  const beside = total <= 0 || keyRoom(badges) >= Math.min(longest, MIN_KEY_W);
  const keyW = total <= 0 ? Math.min(longest, FILE_KEY_W) : Math.max(12, Math.min(longest, beside ? keyRoom(badges) : total - 1 - fixed));
  const line = (key: string, row: string[], first: string, last: string) => {
    const k = total > 0 ? padColumns(fitUrl(key, keyW), keyW) : padColumns(key, keyW);
    return [k, ...row.map((c, i) => c.padStart(widths[i]!)), ...(times ? [first.padEnd(timeW), last.padEnd(timeW)] : [])].join(' ');
  };
  const cut = (text: string) => (total > 0 ? splitAtWidth(text, total - 1)[0] : text).trimEnd();
  return {
    head: cut(line(KEY_HEAD[fold.by], heads, 'FIRST', 'LAST') + (beside ? ' LABELS (but ok)' : '')),
    rows: rows.map((s, i) => {
      const { first, last } = timeSpan(s);
      const labels = labelItems(s, badges);
      const row = line(keys[i]!, cells[i]!, timeText(first, timeW), timeText(last, timeW));
      return { summary: s, lines: beside ? [cut(`${row} ${listText(labels)}`)] : [cut(row), ...wrapItems(labels, total - 1, '    ', '    ')] };
    }),
    legend: badges ? wrapItems(usedLabels(rows).map((l) => `${LABEL_INFO[l].badge} ${l}`), total - 1, 'labels: ', '        ') : [],
    note: up ? ['', 'A request that called several hosts counts under each of them;', "CALLS, NO-ANS (no answer logged), >=400, P50 and P95 are of the host's calls."] : [],
  };
}
