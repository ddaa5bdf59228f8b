// One worker of a parallel report (see parallel.ts): reads every line of the files, keeps the requests
// of its own partition, and posts the printed rows to the main thread in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { Pipeline, runSources } from '../pipeline.js';
import { openSources } from '../sources/index.js';
import { countRow, pushRows, type RowCounts } from './rows.js';
import { parseFilter } from '../filter/filter.js';
import { revealSecrets } from '../util/secrets.js';
import type { FromWorker, WorkerInput } from './parallel.js';

const input = workerData as WorkerInput;
revealSecrets(input.showSecrets);
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

const pipeline = new Pipeline({
  graceMs: input.graceMs,
  maxGroups: input.maxGroups,
  format: input.format,
  live: false,
  keepFinal: false,
  lean: true,
  partition: { index: input.index, count: input.count },
});
const rowOpts = {
  json: input.json,
  only: input.only ? new Set(input.only) : undefined,
  window: input.window,
  filter: input.filter ? parseFilter(input.filter) : undefined,
  table: input.table,
  details: input.details,
};
let rows: string[] = [];
const flush = () => {
  if (rows.length) post({ type: 'rows', text: rows.join('\n') + '\n' });
  rows = [];
};
const counts: RowCounts = { hidden: 0, undated: 0 };
pipeline.onDecided = (g) => {
  countRow(g, rowOpts, pushRows(g, rowOpts, rows, pipeline.correlator.face()), counts);
  if (rows.length >= 1024) flush();
};

const sources = openSources({ files: input.files, follow: false, headers: [], noReconnect: true, stdinIsPipe: false });
port.on('message', (m: unknown) => {
  if (m === 'stop') for (const s of sources) s.stop();
});
await runSources(pipeline, sources, (i, s) => {
  if (s.state === 'error') post({ type: 'error', detail: s.detail ?? 'read error' });
  // how the input ended, as one thread says it (a binary or UTF-16 file, zero bytes first, text after gzip data)
  // (not read at all, UTF-16 or bzip2: as an error, so that the report exits 2 as with one thread)
  else if (s.state === 'ended' && s.detail) post({ type: s.notRead ? 'error' : 'note', detail: `${sources[i]!.name}: ${s.detail}` });
});
pipeline.end();
flush();
post({ type: 'done', stats: pipeline.stats, counts });
port.close();
