// Report mode: prints each request once it is decided, then totals. Table or NDJSON.
import type { Label, LineSource, RequestGroup } from '../model.js';
import { Pipeline, runSources, type PipelineStats } from '../pipeline.js';
import { countRow, pushRows, rowFilters, selected, type RowCounts, type RowOptions } from './rows.js';
import { GroupFold, type GroupBy } from './group-by.js';
import { groupLines } from './group-table.js';
import type { TimeWindow } from '../util/window.js';
import type { RequestFilter } from '../filter/filter.js';
import { BEHIND, tableHeader, totals, type RowsHidden, type TableOptions } from './table.js';
import { catchStopSignals } from '../util/signals.js';
import { describeState, failureText } from '../sources/status.js';
import { sanitize } from '../util/sanitize.js';
import { hintNote } from '../parse/hints.js';

export interface ReportOptions {
  json: boolean;
  only?: Set<Label>;
  /** --since / --until */
  window?: TimeWindow;
  /** --filter */
  filter?: RequestFilter;
  color: boolean;
  width: number;
  /** print reasons and next steps under failed rows (table only) */
  details: boolean;
  /** --group-by: one row per group, printed when the input ends (or on Ctrl-C / SIGTERM) */
  groupBy?: GroupBy;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

/** Runs the sources through the pipeline, printing as groups get decided. Resolves with the exit code. */
export async function runReport(pipeline: Pipeline, sources: LineSource[], opts: ReportOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const table: TableOptions = { color: opts.color, width: opts.width };
  let buffered: string[] = [];
  const flush = () => {
    if (buffered.length) {
      out.write(buffered.join('\n') + '\n');
      buffered = [];
    }
  };
  const fold = opts.groupBy ? new GroupFold(opts.groupBy) : undefined;
  if (!opts.json && !fold) buffered.push(tableHeader(table));
  const rows: RowOptions = { json: opts.json, only: opts.only, table, details: opts.details, window: opts.window, filter: opts.filter };
  const counts: RowCounts = { hidden: 0, undated: 0 };
  pipeline.onDecided = fold
    ? (g: RequestGroup) => {
        const kept = selected(g, rows, pipeline.correlator.face());
        if (kept) fold.add(g);
        countRow(g, rows, kept, counts);
      }
    : (g: RequestGroup) => {
        countRow(g, rows, pushRows(g, rows, buffered, pipeline.correlator.face()), counts);
        if (buffered.length >= 256) flush();
      };
  let failed = false;
  const live = sources.some((s) => s.live);
  const ticker = live ? setInterval(() => {
    pipeline.tick();
    flush();
  }, 1000) : undefined;
  // Ctrl-C or SIGTERM on live input: stop reading, print what is left (undecided: pending) and the totals
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const signals = catchStopSignals(() => {
    for (const src of sources) src.stop();
    setTimeout(wake, 1000).unref();
  });
  try {
    // what was last said of each source: a follower says its note again once it has caught up (the TUI's header
    // keeps it; loading progress came between), and stderr printed the same line twice. Any other state between
    // two lines (a reconnect attempt between two retries) lets the same line be said again.
    const said: Array<string | undefined> = [];
    const reading = runSources(pipeline, sources, (i, s) => {
      const name = sources[i]!.name;
      const last = said[i];
      if (s.state !== 'loading') said[i] = undefined;
      const say = (text: string) => {
        said[i] = text;
        if (text !== last) err.write(text);
      };
      // a UTF-16 or bzip2 file: its note said so; a script sees it in the exit code
      if (s.notRead) failed = true;
      if (s.state === 'error') {
        failed = true;
        err.write(`ssrtail: ${sanitize(failureText(name, s))}\n`);
      } else if (!sources[i]!.live && s.state === 'ended' && s.detail) {
        // something worth knowing about how the input ended (plain text after gzip data)
        err.write(`ssrtail: ${sanitize(`${name}: ${s.detail}`)}\n`);
      } else if (s.state === 'connecting' && s.detail !== undefined) {
        // a reconnect attempt ("attempt 3 (last error: …)"): the retrying line before it said why and when
      } else if ((live || s.state === 'retrying') && s.state !== 'loading' && s.state !== 'ended' && !(s.state === 'live' && !s.detail && !s.dropped)) {
        // a live source's changes go to stderr (a bare "live", as piped stdin starts, says nothing); so does any
        // source's retrying (--loki --until reading its window from a Loki that is down or busy)
        say(`ssrtail: ${sanitize(`${name}: ${describeState(s)}`)}${s.dropped ? `, ${s.dropped} lines dropped` : ''}\n`);
      }
      flush();
    });
    await Promise.race([reading, stopped]);
  } finally {
    if (ticker) clearInterval(ticker);
    signals.dispose();
  }
  // stopped by a signal, live input has not ended: what is still inside its grace period prints as `pending`
  pipeline.end(live && signals.status !== undefined);
  if (fold) buffered.push(...groupLines(fold, { json: opts.json, table }));
  flush();
  writeTotals(pipeline.stats, { json: opts.json, table, filters: rowFilters(opts), counts }, out, err);
  return signals.status ?? (failed ? 2 : 0);
}

/**
 * The end of a report: the summary line on stderr after NDJSON, else the totals; then, for a log mostly unparsed,
 * what it looks like. `counts`: what the row filters (`filters`) left out, and what a dated window could not compare.
 */
export function writeTotals(stats: PipelineStats, o: { json: boolean; table: TableOptions; filters?: string; counts?: RowCounts }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): void {
  const hidden = o.filters !== undefined && o.counts !== undefined ? { n: o.counts.hidden, by: o.filters } : undefined;
  if (o.json) err.write(summaryLine(stats, hidden) + '\n');
  else out.write(totals(stats, o.table, hidden).join('\n') + '\n');
  const note = hintNote(stats);
  if (note) err.write(`ssrtail: ${note}\n`);
  const undated = o.counts?.undated ?? 0;
  if (undated > 0) {
    err.write(`ssrtail: ${plural(undated, 'request')} kept without being compared with --since/--until: a date and time cannot be placed on ${undated === 1 ? 'its' : 'their'} time of day (or no time); give times of day instead (--since 09:00)\n`);
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** entries of saved documents that hold no line */
const MALFORMED = (n: number): string => `${n} malformed ${n === 1 ? 'entry' : 'entries'} in saved Loki/Grafana documents`;

/** The totals line on stderr after NDJSON. */
export function summaryLine(s: PipelineStats, hidden?: RowsHidden): string {
  const parts = [plural(s.groups, 'request'), plural(s.lines, 'line')];
  if (hidden) parts.push(`${hidden.n} not printed (left out by ${hidden.by})`);
  if (s.rawLines) parts.push(`${s.rawLines} unparsed`);
  if (s.malformedEntries) parts.push(`${MALFORMED(s.malformedEntries)} (kept as unparsed lines)`);
  if (s.unattributed - s.rawLines) parts.push(`${s.unattributed - s.rawLines} without request ID`);
  if (s.duplicates) parts.push(plural(s.duplicates, 'duplicate line'));
  if (s.reusedIds) parts.push(`${s.reusedIds} reused IDs (counted as new requests)`);
  if (s.evicted) parts.push(`${s.evicted} evicted from memory`);
  if (s.decidedEarly) parts.push(`${s.decidedEarly} decided early to stay under --max-groups (raise it: their labels may be wrong, and a line of theirs that came later started another request)`);
  if (s.labels.pending) parts.push(`${s.labels.pending} pending (input stopped before they were decided)`);
  if (s.afterDecided) parts.push(`${plural(s.afterDecided, 'line')} after their request was printed`);
  if (s.startedBehind) parts.push(`${plural(s.startedBehind, 'request')} ${BEHIND}`);
  return `ssrtail: ${parts.join(', ')}`;
}
