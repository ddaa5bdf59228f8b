// The readable report: one row per request, then totals per label.
import { LABELS, type Label, type RequestGroup } from '../model.js';
import { LABEL_INFO } from '../diagnose/labels.js';
import type { PipelineStats } from '../pipeline.js';
import { clean } from '../util/sanitize.js';
import { fitId, fitUrl, formatTime, pathOf, requestDuration } from './format.js';
import { padColumns } from '../util/width.js';

/** what stats.startedBehind means, and what to do */
export const BEHIND =
  'began far behind the stream\'s clock after earlier requests were printed: the input is not in time order (logs one after another?), so a request whose lines are that far apart may be split in two; give the logs as separate files (merged in time order)';

const COLORS: Record<string, [number, number]> = {
  red: [31, 39], redBright: [91, 39], magenta: [35, 39], yellow: [33, 39], yellowBright: [93, 39],
  cyan: [36, 39], blue: [34, 39], green: [32, 39], gray: [90, 39], white: [37, 39],
};

export interface TableOptions {
  color: boolean;
  /** the terminal's columns; 0 when the table goes to a file or a pipe: URLs are then never cut */
  width: number;
}

function paint(text: string, label: Label, on: boolean): string {
  if (!on) return text;
  const [a, b] = COLORS[LABEL_INFO[label].color]!;
  return `\u001b[${a}m${text}\u001b[${b}m`;
}

const LABEL_W = Math.max(...LABELS.map((l) => l.length));
/** an ISO time in UTC with milliseconds: 2024-03-11T19:52:13.620Z */
const TIME_W = 24;
/** to a file, the URL column is this wide at least; a longer URL is written whole (it identifies the page) */
const FILE_URL_W = 60;
/** the status, method and duration columns (seven columns in all, a space between each) */
const STAT_W = 4;
const METHOD_W = 7;
const DUR_W = 8;
const UUID_W = 36;
/** a narrow terminal's label column: the longest label but one; `upstream-connection-error` is shortened */
const NARROW_LABEL_W = 17;

interface Columns {
  time: number;
  label: number;
  url: number;
  id: number;
  /** the URL column shows the path only (the host is cut to make room) */
  path: boolean;
}

/**
 * The widths for a terminal `total` columns wide (0: a file or a pipe, where nothing is cut). A row fits
 * the terminal: on one narrower than the full row, dated times lose their date (UTC time of day), the ID is
 * cut to a head or tail that `ssrtail curl` still finds, then the label column narrows and the URL shows its path.
 */
function columns(total: number): Columns {
  if (total <= 0) return { time: TIME_W, label: LABEL_W, url: FILE_URL_W, id: UUID_W, path: false };
  const room = (time: number, label: number, id: number) => total - 1 - (time + label + STAT_W + METHOD_W + DUR_W + id + 6);
  if (room(TIME_W, LABEL_W, UUID_W) >= 40) return { time: TIME_W, label: LABEL_W, url: room(TIME_W, LABEL_W, UUID_W), id: UUID_W, path: false };
  const time = 12;
  const label = total >= 100 ? LABEL_W : NARROW_LABEL_W;
  const id = Math.max(9, Math.min(UUID_W, room(time, label, 0) - 40));
  const url = Math.max(12, room(time, label, id));
  return { time, label, url, id, path: url < 40 };
}

function labelText(label: Label, width: number): string {
  return (label.length > width ? 'upstream-conn-err'.slice(0, width) : label).padEnd(width);
}

export function tableHeader(opts: TableOptions): string {
  const c = columns(opts.width);
  return [
    'TIME'.padEnd(c.time),
    'LABEL'.padEnd(c.label),
    'STAT',
    'METHOD ',
    (c.path ? 'PATH' : 'URL').padEnd(c.url),
    'DURATION'.padStart(DUR_W),
    c.id >= 10 ? 'REQUEST ID' : 'ID',
  ].join(' ');
}

export function tableRow(g: RequestGroup, opts: TableOptions): string {
  const c = columns(opts.width);
  const url = g.url ?? '-';
  return [
    formatTime(g.firstTime, c.time === TIME_W).padEnd(c.time),
    paint(labelText(g.label, c.label), g.label, opts.color),
    String(g.status ?? '-').padEnd(STAT_W),
    clean(g.method ?? '-', METHOD_W).padEnd(METHOD_W),
    opts.width > 0 ? padColumns(fitUrl(clean(c.path ? pathOf(url) : url, 2000), c.url), c.url) : clean(url, 8000).padEnd(c.url),
    requestDuration(g).padStart(DUR_W),
    opts.width > 0 ? fitId(clean(g.requestId, 256), c.id) : clean(g.requestId, 64),
  ].join(' ');
}

/** Words of `text` in lines of at most `width` columns, the first after `first`, the rest after as many spaces. */
function wrap(first: string, text: string, width: number): string[] {
  const room = width - 1 - first.length;
  if (width <= 0 || text.length <= room || room < 20) return [first + text];
  const lines: string[] = [];
  let line = '';
  // a word longer than a line (a long URL) is cut into lines of its own
  const words = text.split(' ').flatMap((w) => (w.length <= room ? [w] : (w.match(new RegExp(`.{1,${room}}`, 'g')) ?? [w])));
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  const indent = ' '.repeat(first.length);
  return lines.map((l, i) => (i === 0 ? first : indent) + l);
}

/** Lines of reasons and next steps, indented under a failed row (wrapped to a terminal's width). */
export function tableDetails(g: RequestGroup, opts: TableOptions): string[] {
  const out = g.reasons.flatMap((r) => wrap('    why:  ', clean(r, 400), opts.width));
  for (const n of g.next) out.push(...wrap('    next: ', clean(n, 400), opts.width));
  return out;
}

/** Requests the row filters left out (`n`), and the options that did (`--only`, `--filter '...'`). */
export interface RowsHidden {
  n: number;
  by: string;
}

/** @param hidden what the options that chose the rows above left out: the totals still count the whole input, and say so */
export function totals(stats: PipelineStats, opts: TableOptions, hidden?: RowsHidden): string[] {
  const out: string[] = ['', hidden ? `Totals (of the whole input: ${hidden.by} chose the rows above)` : 'Totals'];
  const line = (name: string, n: number, meaning?: string, label?: Label) => {
    const head = `  ${label ? paint(name.padEnd(LABEL_W), label, opts.color) : name.padEnd(LABEL_W)} ${String(n).padStart(8)}`;
    if (meaning === undefined) out.push(head);
    else {
      // the colour codes take no columns: wrap as if the head were plain
      const [first, ...rest] = wrap(' '.repeat(LABEL_W + 13), meaning, opts.width);
      out.push(head + '  ' + first!.trimStart(), ...rest);
    }
  };
  for (const l of LABELS) {
    const n = stats.labels[l];
    if (n > 0) line(l, n, LABEL_INFO[l].meaning, l);
  }
  line('requests', stats.groups);
  if (hidden) line('not shown', hidden.n, `left out by ${hidden.by}`);
  line('lines', stats.lines);
  if (stats.rawLines > 0) line('unparsed lines', stats.rawLines, 'fit no known format (kept as raw text)');
  if (stats.malformedEntries > 0) line('malformed entries', stats.malformedEntries, 'entries of a saved Loki/Grafana document with no line in them (kept as unparsed lines, counted above)');
  const idless = stats.unattributed - stats.rawLines;
  if (idless > 0) line('lines without ID', idless, 'parsed, but carry no request ID');
  if (stats.duplicates > 0) line('duplicate lines', stats.duplicates, 'exact repeats of a line already in its request');
  if (stats.reusedIds > 0) line('reused IDs', stats.reusedIds, 'a request ID seen again later: counted as a new request');
  if (stats.evicted > 0) line('evicted', stats.evicted, 'finished requests dropped from memory (printed already)');
  if (stats.decidedEarly > 0) line('decided early', stats.decidedEarly, 'unfinished requests labelled before their time to stay under --max-groups (their later lines start other requests): raise it');
  if (stats.startedBehind > 0) line('started behind', stats.startedBehind, BEHIND);
  if (stats.afterDecided > 0) line('lines after row', stats.afterDecided, 'came after their request was printed (live input prints a request once its label is certain)');
  return out;
}
