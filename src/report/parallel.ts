// Report mode with several worker threads (--workers N). Each worker reads the whole input (reading and
// splitting lines is cheap) and keeps the requests whose ID hashes to it (parse/route.ts): a JSON line
// is parsed only by its owner. The main thread writes what the workers print and adds up their totals.
import { Worker } from 'node:worker_threads';
import { LABELS, type Label } from '../model.js';
import { statOf } from '../sources/file.js';
import type { FormatOption } from '../parse/index.js';
import type { PipelineStats } from '../pipeline.js';
import { writeTotals } from './run.js';
import { rowFilters, type RowCounts } from './rows.js';
import type { TimeWindow } from '../util/window.js';
import type { RequestFilter } from '../filter/filter.js';
import { tableHeader, type TableOptions } from './table.js';
import { sanitize } from '../util/sanitize.js';
import { secretsRevealed } from '../util/secrets.js';
import { catchStopSignals } from '../util/signals.js';

export interface WorkerInput {
  files: string[];
  index: number;
  count: number;
  graceMs: number;
  /** this worker's share of --max-groups */
  maxGroups: number;
  format: FormatOption;
  json: boolean;
  only?: Label[];
  window?: TimeWindow;
  /** --filter, as written (a worker reads it again: a parsed filter holds functions) */
  filter?: readonly string[];
  table: TableOptions;
  details: boolean;
  /** --show-secrets: URLs print unmasked */
  showSecrets: boolean;
}

export type FromWorker =
  | { type: 'rows'; text: string }
  | { type: 'error'; detail: string }
  | { type: 'note'; detail: string }
  | { type: 'done'; stats: PipelineStats; counts: RowCounts };

export interface ParallelOptions {
  files: string[];
  workers: number;
  graceMs: number;
  maxGroups: number;
  format: FormatOption;
  json: boolean;
  only?: ReadonlySet<Label>;
  window?: TimeWindow;
  filter?: RequestFilter;
  table: TableOptions;
  details: boolean;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

/** Every worker reads the files anew: only regular files can be (not a FIFO, stdin or /dev/stdin). */
export function allRegularFiles(files: string[]): boolean {
  return files.every((f) => f !== '-' && statOf(f)?.isFile() === true);
}

/** Runs the report with `workers` threads. Resolves with the exit code (0, 2 on a read error, 130 on Ctrl-C, 143 on SIGTERM). */
export async function runParallelReport(o: ParallelOptions): Promise<number> {
  const out = o.out ?? process.stdout;
  const err = o.err ?? process.stderr;
  if (!o.json) out.write(tableHeader(o.table) + '\n');
  const errors = new Set<string>();
  const notes = new Set<string>();
  const all: PipelineStats[] = [];
  const counts: RowCounts = { hidden: 0, undated: 0 };
  const workers: Worker[] = [];
  const signals = catchStopSignals(() => {
    for (const w of workers) w.postMessage('stop');
  });
  try {
    await Promise.all(
      Array.from({ length: o.workers }, (_, index) => {
        const input: WorkerInput = {
          files: o.files, index, count: o.workers, graceMs: o.graceMs,
          maxGroups: Math.max(1, Math.ceil(o.maxGroups / o.workers)), format: o.format,
          json: o.json, only: o.only ? [...o.only] : undefined, window: o.window, filter: o.filter?.sources, table: o.table, details: o.details,
          showSecrets: secretsRevealed(),
        };
        const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
        workers.push(w);
        return new Promise<void>((resolve) => {
          let done = false;
          w.on('message', (m: FromWorker) => {
            if (m.type === 'rows') out.write(m.text);
            else if (m.type === 'error') errors.add(m.detail);
            // every thread reads every line, so each says the same: once is enough
            else if (m.type === 'note') notes.add(m.detail);
            else {
              done = true;
              all.push(m.stats);
              counts.hidden += m.counts.hidden;
              counts.undated += m.counts.undated;
            }
          });
          w.on('error', (e) => errors.add(`internal error in a report worker: ${e.message}`));
          w.on('exit', () => {
            if (!done) errors.add('a report worker stopped before the end of the input');
            resolve();
          });
        });
      }),
    );
  } finally {
    signals.dispose();
  }
  for (const e of [...notes, ...errors]) err.write(`ssrtail: ${sanitize(e)}\n`);
  const stats = sumStats(all);
  writeTotals(stats, { json: o.json, table: o.table, filters: rowFilters(o), counts }, out, err);
  return signals.status ?? (errors.size ? 2 : 0);
}

/** The workers' totals added up (each request and line is counted by exactly one worker). */
export function sumStats(parts: readonly PipelineStats[]): PipelineStats {
  const sum = (k: keyof PipelineStats) => parts.reduce((n, p) => n + (p[k] as number), 0);
  const labels = Object.fromEntries(LABELS.map((l) => [l, parts.reduce((n, p) => n + (p.labels[l] ?? 0), 0)])) as Record<Label, number>;
  return {
    groups: sum('groups'), retained: sum('retained'), evicted: sum('evicted'), lateLines: sum('lateLines'),
    afterDecided: sum('afterDecided'), decidedEarly: sum('decidedEarly'),
    reusedIds: sum('reusedIds'), duplicates: sum('duplicates'), startedBehind: sum('startedBehind'), labels, memoryCap: undefined,
    formatHint: parts.find((p) => p.formatHint !== undefined)?.formatHint,
    lines: sum('lines'), rawLines: sum('rawLines'), unattributed: sum('unattributed'), malformedEntries: sum('malformedEntries'),
  };
}
