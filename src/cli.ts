// The one entry: flags -> sources -> pipeline -> report or TUI. Subcommands: serve, curl, rerun.
import fs from 'node:fs';
import { parseArgsOr } from './util/args.js';
import { revealSecrets } from './util/secrets.js';
import { FAILURE_LABELS, LABELS, type LineSource } from './model.js';
import { Pipeline } from './pipeline.js';
import { parseLabelList } from './diagnose/labels.js';
import { parseDuration } from './util/duration.js';
import { epochWindow, parseBound, type TimeBound } from './util/window.js';
import { FilterError, isFieldTerm, parseFilter, type RequestFilter } from './filter/filter.js';
import { checkReadable, describeFsError, statOf } from './sources/file.js';
import { openSources, type SourceOptions } from './sources/index.js';
import { runReport } from './report/run.js';
import { allRegularFiles, runParallelReport } from './report/parallel.js';
import { GROUP_BY_KEYS, type GroupBy } from './report/group-by.js';
import { DEFAULT_GRACE_MS, DEFAULT_MAX_GROUPS, LOG_DELAY_MS } from './correlate/correlator.js';

/** the platform kills the SSR function after 20 s (spec) */
const FUNCTION_TIMEOUT_MS = 20_000;

export const HELP = `
  Usage
    $ ssrtail [FILE...|-]               open the triage TUI (report mode when stdout is not a terminal)
    $ ssrtail --report [FILE...|-]      print one row per request, then totals per label
    $ ssrtail -f FILE                   follow a file like tail -F
    $ ssrtail --ws ws://host:8787       stream lines from a WebSocket (e.g. from ssrtail serve)
    $ ssrtail --loki URL --query '{app="shop"}'   tail Grafana Loki
    $ ssrtail serve [FILE|-] --port 8787          publish a followed file or stdin over WebSocket
    $ ssrtail curl [FILE|-] <request-id>          print the request's upstream calls as curl commands
    $ ssrtail rerun [FILE|-] <request-id>         re-run them from here and print the verdict

  Input
    FILE...               log files (.gz too); several are merged; '-' or a pipe reads stdin
    -f, --follow          keep reading as the files grow (tail -F: truncation and rotation handled)
    --tail N              start at the last N lines of each file (-f --tail 0: only new lines); with --loki, its limit
    --ws URL              WebSocket source (ws:// or wss://); token from $SSRTAIL_TOKEN
    --header 'N: v'       extra WebSocket/Loki header (repeatable)
    --no-reconnect        end when the WebSocket server closes instead of reconnecting
    --loki URL            Grafana Loki base URL; with --query '<LogQL>' (with --since/--until: that window, read
                          from Loki; --until ends there, --since alone then tails on)
    --loki-user, --loki-tenant   basic-auth user (password from $SSRTAIL_LOKI_PASSWORD), X-Scope-OrgID
    --format auto|text|json   line format (default auto: detected per line)

  Output
    --report              print a table instead of the TUI
    --json                print NDJSON, one object per request (implies --report)
    --only LABELS         only these labels, comma-separated ('failures' = every failure label)
    --since T, --until T  only requests that started in this window: a time of day (09:00, 09:00:30.5)
                          a date and time (2024-03-11T09:00Z; UTC unless a zone is given), or a time
                          ago (10m, 1h30m, 2d: that long before now)
    --filter 'TERMS'      only requests that match every term (repeatable: each must match):
                          status:5xx,539  method:post  host:shop  path:/p/  up:cms (an upstream's host or URL)
                          upstatus:5xx (an upstream call's status; with up:, that call's: up:cms upstatus:5xx)
                          label:failures  id:992e; repeats of a field OR; a leading - leaves out (-host:docs);
                          text: a case-insensitive substring, or a whole-value glob with * (host:*.example.com)
    --details             in the table, print why and what next under each failed row
    --group-by KEY        one row per upstream|host|path|route|referer|label, not per request: counts per
                          label, p50/p95 duration, first/last time (printed when the input ends, or on Ctrl-C)
    --grace DURATION      how long a request may wait for its response row (default 35s)
    --max-groups N        requests kept in memory (default ${DEFAULT_MAX_GROUPS}); older finished ones are evicted
    --workers N           report only: split the requests of big files between N threads (default 1)
    --show-secrets        do not mask cookies, authorization and API keys
    --no-color            no colours (NO_COLOR is respected too)
    -h, --help            this help (ssrtail serve|curl|rerun --help: theirs)
    -v, --version         the version

  Labels: ${LABELS.filter((l) => l !== 'allowlist-error' && l !== 'bad-request').join(', ')}
  After a re-run: allowlist-error, bad-request.

  Examples
    $ ssrtail samples/busy.log
    $ ssrtail --report --only failures --details samples/busy.log
    $ ssrtail --report --filter 'status:5xx -host:docs up:cms' samples/busy.log
    $ kubectl logs -f deploy/shop | ssrtail
    $ ssrtail --json samples/busy.log | jq 'select(.label=="allowlist-suspect")'
`;

/** The flags of the main command (node:util parseArgs: --no-<flag> turns a boolean off). */
export const FLAGS = {
  report: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  follow: { type: 'boolean', short: 'f', default: false },
  tail: { type: 'string' },
  ws: { type: 'string' },
  header: { type: 'string', multiple: true },
  reconnect: { type: 'boolean', default: true },
  loki: { type: 'string' },
  query: { type: 'string' },
  'loki-user': { type: 'string' },
  'loki-tenant': { type: 'string' },
  format: { type: 'string', default: 'auto' },
  only: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  filter: { type: 'string', multiple: true },
  details: { type: 'boolean', default: false },
  'group-by': { type: 'string' },
  grace: { type: 'string' },
  'max-groups': { type: 'string' },
  workers: { type: 'string' },
  'show-secrets': { type: 'boolean', default: false },
  color: { type: 'boolean', default: true },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** --since / --until: a time of day or a date and time (util/window.ts); a usage error otherwise */
function boundFlag(text: string | undefined, flag: string): TimeBound | undefined {
  if (text === undefined) return undefined;
  const b = parseBound(text);
  if (!b) throw new UsageError(`${flag} must be a time of day (09:00, 09:00:30.5), a date and time (2024-03-11T09:00Z) or a time ago (10m, 1h30m, 2d), not ${JSON.stringify(text)}`);
  return b;
}

/** --group-by KEY (implies --report); not with --details (rows of requests) or --workers (one fold, on one thread) */
function groupByFlag(text: string | undefined, o: { details: boolean; workers: number }): GroupBy | undefined {
  if (text === undefined) return undefined;
  if (!(GROUP_BY_KEYS as readonly string[]).includes(text)) throw new UsageError(`--group-by must be one of ${GROUP_BY_KEYS.join(', ')} (not ${JSON.stringify(text)})`);
  if (o.details) throw new UsageError('--details prints under request rows: it does not go with --group-by');
  if (o.workers > 1) throw new UsageError('--group-by runs on one thread: leave out --workers');
  return text as GroupBy;
}

/** --filter (repeatable, ANDed): a usage error that names the bad term */
function filterFlag(texts: string[] | undefined): RequestFilter | undefined {
  if (texts === undefined) return undefined;
  try {
    return parseFilter(texts);
  } catch (e) {
    if (e instanceof FilterError) throw new UsageError(`--filter: ${e.message}`);
    throw e;
  }
}

/**
 * `--filter -label:not-found` as `--filter=-label:not-found`: parseArgs takes no value that starts with `-`, and a
 * filter that leaves something out does. Only a field term is joined: `--filter -f` stays an error.
 */
function filterValuesJoined(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--filter' && next?.startsWith('-') && isFieldTerm(next.trim().split(/\s+/)[0]!)) {
      out.push(`--filter=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

/** `12` or `100000` (`1e5`, `5.5`, `12x` are not): the number, else undefined */
function wholeNumber(s: string): number | undefined {
  return /^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : undefined;
}

/** The version in ssrtail's package.json (dist/cli.js and dist/bundle/cli.js sit one and two levels below it). */
function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ssrtail' && pkg.version) return pkg.version;
    } catch {
      // not there: the next level up
    }
  }
  return 'unknown';
}

export async function main(argv: string[]): Promise<number> {
  const sub = argv[0];
  if (sub === 'serve' || sub === 'curl' || sub === 'rerun') return runSubcommand(sub, argv.slice(1));

  const { values: f, positionals: files } = parseArgsOr(
    { args: filterValuesJoined(argv), options: FLAGS, allowPositionals: true, allowNegative: true, strict: true },
    (line) => new UsageError(`${line} (ssrtail --help)`),
  );
  if (f.help) {
    process.stdout.write(HELP.trimStart() + '\n');
    return 0;
  }
  if (f.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  revealSecrets(f['show-secrets']);
  const format = f.format;
  if (format !== 'auto' && format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be auto, text or json (not "${format}")`);
  }

  const graceMs = f.grace !== undefined ? parseDuration(f.grace, '--grace') : DEFAULT_GRACE_MS;
  const only = f.only !== undefined ? parseLabelList(f.only, LABELS, FAILURE_LABELS) : undefined;
  const window = { since: boundFlag(f.since, '--since'), until: boundFlag(f.until, '--until') };
  const filter = filterFlag(f.filter);
  const maxGroups = f['max-groups'] !== undefined ? wholeNumber(f['max-groups']) : DEFAULT_MAX_GROUPS;
  if (maxGroups === undefined || maxGroups < 1) throw new UsageError('--max-groups must be a whole number >= 1');
  const workers = f.workers !== undefined ? wholeNumber(f.workers) : 1;
  if (workers === undefined || workers < 1 || workers > 64) throw new UsageError('--workers must be a whole number from 1 to 64');
  const tail = f.tail !== undefined ? wholeNumber(f.tail) : undefined;
  if (f.tail !== undefined && tail === undefined) throw new UsageError(`--tail must be a whole number of lines, not ${JSON.stringify(f.tail)}`);

  // (a file or a pipe has no connection to end: the flag would be taken and do nothing)
  if (!f.reconnect && f.ws === undefined && f.loki === undefined) throw new UsageError('--no-reconnect goes with --ws or --loki');
  const groupBy = groupByFlag(f['group-by'], { details: f.details, workers });
  const stdinIsPipe = stdinHasData();
  const sources = openAll({
    files,
    follow: f.follow,
    ws: f.ws,
    headers: f.header ?? [],
    noReconnect: !f.reconnect,
    loki: f.loki,
    query: f.query,
    lokiUser: f['loki-user'],
    lokiTenant: f['loki-tenant'],
    stdinIsPipe,
    tail,
    lokiWindow: f.loki !== undefined ? epochWindow(window, Date.now(), graceMs) : undefined,
  });
  if (sources.length === 0) {
    process.stderr.write('ssrtail: no input: give a log file, pipe one in, or use --ws / --loki (ssrtail --help)\n');
    return 2;
  }
  const live = sources.some((s) => s.live);
  const color = f.color && !process.env.NO_COLOR;
  const report = f.report || f.json || groupBy !== undefined || !process.stdout.isTTY;
  // the TUI reads its keys from the terminal: '-' on a terminal would wait for log lines that can never come
  if (!report && files.includes('-') && process.stdin.isTTY) {
    throw new UsageError("'-' reads the log from stdin, and stdin is this terminal: pipe one in (kubectl logs -f deploy/shop | ssrtail -) or give a file");
  }
  if (report && graceMs < FUNCTION_TIMEOUT_MS) {
    // allowed (a quick look at a test log), but rows stamped later than this after a request's last line start a new one
    process.stderr.write(`ssrtail: warning: --grace ${JSON.stringify(f.grace)} is shorter than the platform's 20 s function timeout: late rows will split requests (counted as reused IDs)\n`);
  }
  // --workers: each thread reads every line, so it pays only with cores to spare (BENCHMARKS.md)
  // (with --tail the few lines read are not worth threads: one reads them)
  if (report && workers > 1 && !live && !f.follow && tail === undefined && files.length > 0 && sources.length === 1) {
    if (allRegularFiles(files)) {
      return runParallelReport({
        files, workers, graceMs, maxGroups, format, json: f.json, only, window, filter, details: f.details,
        table: { color: color && !!process.stdout.isTTY, width: process.stdout.columns || 0 },
      });
    }
  }
  // live report mode prints a request once decided; it waits for the spec's 15 s of log delay first, so the row is whole
  const settleMs = report && live ? Math.min(LOG_DELAY_MS, graceMs) : 0;
  const pipeline = new Pipeline({ graceMs, live, maxGroups, format, keepFinal: !report, lean: report, heapGuard: !report, settleMs });
  if (report) {
    return runReport(pipeline, sources, {
      json: f.json,
      only,
      window,
      filter,
      color: color && !!process.stdout.isTTY,
      width: process.stdout.columns || 0,
      details: f.details,
      groupBy,
    });
  }
  const ui = await import('./ui/run.js');
  return ui.runTui({ pipeline, sources, only, window, filter, color, showSecrets: f['show-secrets'], stdinIsPipe });
}

export class UsageError extends Error {}

/** True when stdin is a pipe, a file or a socket: not a terminal, and not /dev/null (CI runs with no stdin). */
export function stdinHasData(): boolean {
  if (process.stdin.isTTY) return false;
  try {
    const st = fs.fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}


function openAll(o: SourceOptions): LineSource[] {
  for (const p of o.files) {
    if (p === '-') continue;
    // followed, a file that does not exist yet is waited for (but '' never will); a directory is an error either way
    const err = o.follow && p !== '' ? isDirectoryError(p) : checkReadable(p);
    if (err) throw new UsageError(err);
  }
  try {
    return openSources(o);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function runSubcommand(sub: 'serve' | 'curl' | 'rerun', args: string[]): Promise<number> {
  // literal paths: the bundler follows them (each subcommand is loaded only when asked for)
  if (sub === 'serve') return (await import('./sources/serve-command.js')).runServeCommand(args);
  const curl = await import('./curl/command.js');
  return sub === 'curl' ? curl.runCurlCommand(args) : curl.runRerunCommand(args);
}

function isDirectoryError(path: string): string | undefined {
  return statOf(path)?.isDirectory() ? describeFsError({ code: 'EISDIR' }, path) : undefined;
}
