// The readable report: one row per request, then totals per label.
import { LABELS, type Label, type RequestGroup } from '../model.js';
import { LABEL_INFO } from '../diagnose/labels.js';
import type { PipelineStats } from '../pipeline.js';
import { clean } from '../util/sanitize.js';
import { formatDuration, formatTime } from './format.js';

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

export function tableHeader(opts: TableOptions): string {
  const urlW = urlWidth(opts.width);
  return [
    'TIME'.padEnd(TIME_W),
    'LABEL'.padEnd(LABEL_W),
    'STAT',
    'METHOD ',
    'URL'.padEnd(urlW),
    'DURATION'.padStart(8),
    'REQUEST ID',
  ].join(' ');
}

/** to a file, the URL column is this wide at least; a longer URL is written whole (it identifies the page) */
const FILE_URL_W = 60;

function urlWidth(total: number): number {
  return total > 0 ? Math.max(30, total - (TIME_W + LABEL_W + 4 + 7 + 8 + 36 + 6)) : FILE_URL_W;
}

export function tableRow(g: RequestGroup, opts: TableOptions): string {
  const urlW = urlWidth(opts.width);
  return [
    formatTime(g.firstTime).padEnd(TIME_W),
    paint(g.label.padEnd(LABEL_W), g.label, opts.color),
    String(g.status ?? '-').padEnd(4),
    clean(g.method ?? '-', 7).padEnd(7),
    clean(g.url ?? '-', opts.width > 0 ? urlW : 8000).padEnd(urlW),
    formatDuration(g.durationMs).padStart(8),
    clean(g.requestId, 64),
  ].join(' ');
}

/** One line per reason/next step, indented under a failed row. */
export function tableDetails(g: RequestGroup): string[] {
  const out = g.reasons.map((r) => `    why:  ${clean(r, 400)}`);
  for (const n of g.next) out.push(`    next: ${clean(n, 400)}`);
  return out;
}

/** @param filtered --only chose the rows above: the totals still count the whole input, and say so */
export function totals(stats: PipelineStats, opts: TableOptions, filtered = false): string[] {
  const out: string[] = ['', filtered ? 'Totals (of the whole input: --only chose the rows above)' : 'Totals'];
  for (const l of LABELS) {
    const n = stats.labels[l];
    if (n > 0) out.push(`  ${paint(l.padEnd(LABEL_W), l, opts.color)} ${String(n).padStart(8)}  ${LABEL_INFO[l].meaning}`);
  }
  out.push(`  ${'requests'.padEnd(LABEL_W)} ${String(stats.groups).padStart(8)}`);
  out.push(`  ${'lines'.padEnd(LABEL_W)} ${String(stats.lines).padStart(8)}`);
  if (stats.rawLines > 0) out.push(`  ${'unparsed lines'.padEnd(LABEL_W)} ${String(stats.rawLines).padStart(8)}  fit no known format (kept as raw text)`);
  const idless = stats.unattributed - stats.rawLines;
  if (idless > 0) out.push(`  ${'lines without ID'.padEnd(LABEL_W)} ${String(idless).padStart(8)}  parsed, but carry no request ID`);
  if (stats.duplicates > 0) out.push(`  ${'duplicate lines'.padEnd(LABEL_W)} ${String(stats.duplicates).padStart(8)}  exact repeats of a line already in its request`);
  if (stats.reusedIds > 0) out.push(`  ${'reused IDs'.padEnd(LABEL_W)} ${String(stats.reusedIds).padStart(8)}  a request ID seen again later: counted as a new request`);
  if (stats.evicted > 0) out.push(`  ${'evicted'.padEnd(LABEL_W)} ${String(stats.evicted).padStart(8)}  finished requests dropped from memory (printed already)`);
  if (stats.decidedEarly > 0) out.push(`  ${'decided early'.padEnd(LABEL_W)} ${String(stats.decidedEarly).padStart(8)}  unfinished requests labelled before their time to stay under --max-groups: raise it`);
  if (stats.afterDecided > 0) out.push(`  ${'lines after row'.padEnd(LABEL_W)} ${String(stats.afterDecided).padStart(8)}  came after their request was printed (live input prints a request once its label is certain)`);
  return out;
}
