// The one entry: flags -> sources -> pipeline -> report or TUI. Subcommands: serve, curl, rerun.
import fs from 'node:fs';
import meow from 'meow';
import { FAILURE_LABELS, LABELS, type LineSource } from './model.js';
import { Pipeline } from './pipeline.js';
import { parseLabelList } from './diagnose/labels.js';
import { parseDuration } from './util/duration.js';
import { checkReadable } from './sources/file.js';
import { openSources, type SourceOptions } from './sources/index.js';
import { runReport } from './report/run.js';
import { allRegularFiles, runParallelReport } from './report/parallel.js';
import { DEFAULT_GRACE_MS, DEFAULT_MAX_GROUPS } from './correlate/correlator.js';

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
    --ws URL              WebSocket source (ws:// or wss://); token from $SSRTAIL_TOKEN
    --header 'N: v'       extra WebSocket/Loki header (repeatable)
    --no-reconnect        end when the WebSocket server closes instead of reconnecting
    --loki URL            Grafana Loki base URL; with --query '<LogQL>'
    --loki-user, --loki-tenant   basic-auth user (password from $SSRTAIL_LOKI_PASSWORD), X-Scope-OrgID
    --format auto|text|json   line format (default auto: detected per line)

  Output
    --report              print a table instead of the TUI
    --json                print NDJSON, one object per request (implies --report)
    --only LABELS         only these labels, comma-separated ('failures' = every failure label)
    --details             in the table, print why and what next under each failed row
    --grace DURATION      how long a request may wait for its response row (default 35s)
    --max-groups N        requests kept in memory (default ${DEFAULT_MAX_GROUPS}); older finished ones are evicted
    --workers N           report only: split the requests of big files between N threads (default 1)
    --show-secrets        do not mask cookies, authorization and API keys
    --no-color            no colours (NO_COLOR is respected too)

  Labels: ${LABELS.filter((l) => l !== 'allowlist-error' && l !== 'bad-request').join(', ')}
  After a re-run: allowlist-error, bad-request.

  Examples
    $ ssrtail samples/busy.log
    $ ssrtail --report --only failures --details samples/busy.log
    $ kubectl logs -f deploy/shop | ssrtail
    $ ssrtail --json samples/busy.log | jq 'select(.label=="allowlist-suspect")'
`;

export async function main(argv: string[]): Promise<number> {
  const sub = argv[0];
  if (sub === 'serve' || sub === 'curl' || sub === 'rerun') return runSubcommand(sub, argv.slice(1));

  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    autoHelp: false,
    autoVersion: false,
    allowUnknownFlags: false,
    flags: {
      report: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      follow: { type: 'boolean', shortFlag: 'f', default: false },
      ws: { type: 'string' },
      header: { type: 'string', isMultiple: true },
      reconnect: { type: 'boolean', default: true },
      loki: { type: 'string' },
      query: { type: 'string' },
      lokiUser: { type: 'string' },
      lokiTenant: { type: 'string' },
      format: { type: 'string', default: 'auto', choices: ['auto', 'text', 'json'] },
      only: { type: 'string' },
      details: { type: 'boolean', default: false },
      grace: { type: 'string' },
      maxGroups: { type: 'number' },
      workers: { type: 'number' },
      showSecrets: { type: 'boolean', default: false },
      color: { type: 'boolean', default: true },
      help: { type: 'boolean', shortFlag: 'h', default: false },
      version: { type: 'boolean', shortFlag: 'v', default: false },
    },
  });
  const f = cli.flags;
  if (f.help) {
    process.stdout.write(HELP.trimStart() + '\n');
    return 0;
  }
  if (f.version) {
    process.stdout.write(`${cli.pkg.version ?? ''}\n`);
    return 0;
  }

  const graceMs = f.grace !== undefined ? parseDuration(f.grace, '--grace') : DEFAULT_GRACE_MS;
  const only = f.only ? parseLabelList(f.only, LABELS, FAILURE_LABELS) : undefined;
  const maxGroups = f.maxGroups ?? DEFAULT_MAX_GROUPS;
  if (!Number.isInteger(maxGroups) || maxGroups < 1) throw new UsageError('--max-groups must be a whole number >= 1');
  if (f.workers !== undefined && (!Number.isInteger(f.workers) || f.workers < 1 || f.workers > 64)) {
    throw new UsageError('--workers must be a whole number from 1 to 64');
  }

  const files = cli.input;
  const stdinIsPipe = stdinHasData();
  const sources = openAll({
    files,
    follow: f.follow,
    ws: f.ws,
    headers: f.header ?? [],
    noReconnect: !f.reconnect,
    loki: f.loki,
    query: f.query,
    lokiUser: f.lokiUser,
    lokiTenant: f.lokiTenant,
    stdinIsPipe,
  });
  if (sources.length === 0) {
    process.stderr.write('ssrtail: no input: give a log file, pipe one in, or use --ws / --loki (ssrtail --help)\n');
    return 2;
  }
  const live = sources.some((s) => s.live);
  const color = f.color && !process.env.NO_COLOR;
  const report = f.report || f.json || !process.stdout.isTTY;
  const format = f.format as 'auto' | 'text' | 'json';
  // --workers: each thread reads every line, so it pays only with cores to spare (BENCHMARKS.md)
  if (report && (f.workers ?? 1) > 1 && !live && !f.follow && files.length > 0 && sources.length === 1) {
    const workers = f.workers!;
    if (allRegularFiles(files)) {
      return runParallelReport({
        files, workers, graceMs, maxGroups, format, json: f.json, only, details: f.details,
        table: { color: color && !!process.stdout.isTTY, width: process.stdout.columns || 160 },
      });
    }
  }
  const pipeline = new Pipeline({ graceMs, live, maxGroups, format, keepFinal: !report, lean: report, heapGuard: !report });
  if (report) {
    return runReport(pipeline, sources, {
      json: f.json,
      only,
      color: color && !!process.stdout.isTTY,
      width: process.stdout.columns || 160,
      details: f.details,
    });
  }
  const ui = await import('./ui/run.js');
  return ui.runTui({ pipeline, sources, only, color, showSecrets: f.showSecrets, stdinIsPipe });
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
    if (p === '-' || o.follow) continue;
    const err = checkReadable(p);
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
