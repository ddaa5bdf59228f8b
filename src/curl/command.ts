// `ssrtail curl [FILE...|-] <request-id>`  prints the request's upstream calls as bash curl commands.
// `ssrtail rerun [FILE...|-] <request-id>` re-runs them from this machine and prints the verdict.
// With only a request ID, the log is read from stdin. A unique head or tail of a request ID is enough.
//
// Exit codes of `ssrtail rerun`:
//   0  every re-run call answered (any HTTP status) within the timeout   => allowlist-error
//   3  at least one call failed (refused, DNS, TLS, reset) or hung        => bad-request
//   2  usage error, unreadable input, unknown or ambiguous request ID, or nothing that can be re-run
// Exit codes of `ssrtail curl`: 0 printed (a command for at least one call); 2 usage error, unreadable input, unknown or
// ambiguous request ID, or no call a command could be built for (the comments printed say why).
import type { ParseArgsConfig } from 'node:util';
import type { RequestGroup } from '../model.js';
import { loadGroups } from '../pipeline.js';
import { statOf } from '../sources/file.js';
import { parseArgsOr } from '../util/args.js';
import { parseDuration } from '../util/duration.js';
import { clean } from '../util/sanitize.js';
import { hintNote } from '../parse/hints.js';
import { revealSecrets } from '../util/secrets.js';
import { curlCommands, upstreamRequest } from './build.js';
import { sendNotes } from './destination.js';
import { DEFAULT_RERUN_TIMEOUT_MS, describeResult, fmtSeconds, rerunRequest } from './rerun.js';
import { diagnosisAfterRerun, suspectUpstreams, verdictOf, verdictReasons, verdictWord, type RerunEntry } from './verdict.js';

export const EXIT_ANSWERED = 0;
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 3;

export const CURL_USAGE = `Usage: ssrtail curl [FILE...|-] <request-id> [--show-secrets] [--edge] [--upstream N] [--probe]
  Prints the request's upstream calls as bash curl commands (secrets masked unless --show-secrets).
  --edge          the edge's request to the SSR code instead
  --probe         the commands print only "<status> <seconds>s" (at most 20 s): answers quickly, or hangs?
  --upstream N    only the Nth upstream call (1-based)
  --format F      line format: auto (default), text, json`;

export const RERUN_USAGE = `Usage: ssrtail rerun [FILE...|-] <request-id> [--timeout 10s] [--all] [--upstream N]
  Re-runs the request's upstream calls from this machine (real header values, http/https only) and prints the
  verdict: answered => allowlist-error (exit 0), failed or no answer => bad-request (exit 3). Exit 2: usage error.
  For an allowlist-suspect request, the calls the edge got no answer for are re-run (--all: every call).
  --timeout D     how long each call may take (default 10s)
  --upstream N    only the Nth upstream call (1-based)
  --format F      line format: auto (default), text, json`;

interface Out {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdinIsTTY: boolean;
}

const defaultOut = (): Out => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdinIsTTY: !!process.stdin.isTTY,
});

class Usage extends Error {}

/** A request's ID, with the process that numbered it when there is one (`req-1@host/pid`). */
const nameOf = (g: RequestGroup): string => (g.process === undefined ? g.requestId : `${g.requestId}@${g.process}`);

interface Common {
  group: RequestGroup;
  values: Record<string, string | boolean | undefined>;
}

async function loadRequest(cmd: 'curl' | 'rerun', argv: string[], extra: NonNullable<ParseArgsConfig['options']>, out: Out): Promise<Common> {
  const parsed = parseArgsOr(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...extra, upstream: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    },
    (line) => new Usage(line),
  );
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) throw new Usage('');
  const pos = parsed.positionals;
  if (pos.length === 0) throw new Usage('a request ID is required');
  const id = pos[pos.length - 1]!;
  let files = pos.slice(0, -1);
  // `ssrtail curl app.log`: the one word is a log file, and the ID is what is missing
  if (files.length === 0 && id !== '-' && statOf(id)?.isFile()) throw new Usage(`a request ID is required after the file: ssrtail ${cmd} ${clean(id, 200)} <request-id>`);
  if (files.length === 0) {
    if (out.stdinIsTTY) throw new Usage('no input: give a log FILE, or pipe the log in');
    files = ['-'];
  }
  const format = (values.format as string | undefined) ?? 'auto';
  if (!['auto', 'text', 'json'].includes(format)) throw new Usage(`--format: "${format}" is not auto, text or json`);
  const notes: string[] = [];
  const pipeline = await loadGroups(files, { format: format as 'auto' | 'text' | 'json' }, notes).catch((e: Error) => {
    throw new Usage(e.message);
  });
  // one ID may name several requests (each Fastify process numbers its own req-1, req-2, ...): `req-1@host/pid`
  // names one of them, a bare `req-1` the last, saying so
  const same = pipeline.groups().filter((g) => g.requestId === id || nameOf(g) === id);
  let group = same.at(-1);
  if (same.length > 1) {
    const others = same.slice(0, -1).map((g) => clean(nameOf(g), 80));
    out.stderr(`ssrtail: ${same.length} requests have ID "${clean(id, 80)}": this is the last, ${clean(nameOf(group!), 80)}${group!.url ? ` (${clean(group!.url, 200)})` : ''}; the others: ${others.join(', ')}\n`);
  }
  if (!group) {
    // a head (a UUID's, as the report table cuts it) or, failing that, a tail (a sequential ID's: `…0000042`); the
    // ellipsis the table draws may come with it
    const part = id.replace(/^…|…$/g, '');
    let matches = pipeline.groups().filter((g) => g.requestId.startsWith(part));
    if (matches.length === 0 && part !== '') matches = pipeline.groups().filter((g) => g.requestId.endsWith(part));
    if (matches.length > 1) {
      const some = [...new Set(matches.map((g) => clean(nameOf(g), 80)))].slice(0, 5);
      throw new Usage(`request ID "${clean(id, 80)}" is ambiguous: ${some.join(', ')}${matches.length > 5 ? ', …' : ''}`);
    }
    group = matches[0];
  }
  if (!group) {
    // why there may be none: what the input is (UTF-16, compressed, binary), what the log looks like (pino-pretty, ...)
    const why = [...notes, hintNote(pipeline.stats)].filter(Boolean).map((n) => clean(n!, 300));
    throw new Usage(`no request with ID "${clean(id, 80)}" in ${files.map((f) => (f === '-' ? 'stdin' : clean(f, 200))).join(', ')}${why.length ? ` (${why.join('; ')})` : ''}`);
  }
  return { group, values };
}

function upstreamIndex(values: Common['values'], g: RequestGroup): number | undefined {
  const u = values.upstream as string | undefined;
  if (u === undefined) return undefined;
  if (!/^\d+$/.test(u) || +u < 1) throw new Usage(`--upstream: "${u}" is not a call number (1, 2, …)`);
  if (+u > g.upstreams.length) throw new Usage(`--upstream ${u}: request ${clean(g.requestId, 80)} has ${g.upstreams.length} upstream call(s)`);
  return +u - 1;
}

async function guarded(usage: string, out: Out, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Usage) {
      if (e.message === '') out.stdout(usage + '\n');
      else out.stderr(`ssrtail: ${e.message}\n`);
      return e.message === '' ? 0 : EXIT_USAGE;
    }
    throw e;
  }
}

export async function runCurlCommand(argv: string[], out: Out = defaultOut()): Promise<number> {
  return guarded(CURL_USAGE, out, async () => {
    const { group, values } = await loadRequest('curl', argv, { 'show-secrets': { type: 'boolean' }, edge: { type: 'boolean' }, probe: { type: 'boolean' } }, out);
    const upstream = upstreamIndex(values, group);
    revealSecrets(!!values['show-secrets']);
    const { text, built } = curlCommands(group, { showSecrets: !!values['show-secrets'], edge: !!values.edge, upstream, probe: !!values.probe });
    out.stdout(text);
    if (built > 0) return 0;
    out.stderr(`ssrtail: no curl command could be built for request ${clean(group.requestId, 80)} (the comments above say why)\n`);
    return EXIT_USAGE;
  });
}

export async function runRerunCommand(argv: string[], out: Out = defaultOut()): Promise<number> {
  return guarded(RERUN_USAGE, out, async () => {
    const { group: g, values } = await loadRequest('rerun', argv, { timeout: { type: 'string' }, all: { type: 'boolean' } }, out);
    let timeoutMs = DEFAULT_RERUN_TIMEOUT_MS;
    if (values.timeout !== undefined) {
      try {
        timeoutMs = parseDuration(values.timeout as string, '--timeout');
      } catch (e) {
        throw new Usage((e as Error).message);
      }
      if (timeoutMs <= 0) throw new Usage('--timeout must be more than 0');
      // Node's timers take at most ~24.8 days (a longer one fires at once); a re-run has no use for more than an hour
      if (timeoutMs > 3_600_000) throw new Usage('--timeout must be at most 1h');
    }
    const one = upstreamIndex(values, g);
    if (g.upstreams.length === 0) {
      throw new Usage(`request ${clean(g.requestId, 80)} has no upstream calls to re-run (ssrtail curl --edge prints its edge request)`);
    }
    const indexes = one !== undefined ? [one] : values.all ? g.upstreams.map((_u, i) => i) : suspectUpstreams(g);
    out.stdout(`request ${clean(g.requestId, 80)} (${g.label}): re-running ${indexes.length} upstream call(s) from this machine, timeout ${fmtSeconds(timeoutMs)}\n`);
    const runs = await Promise.all(
      indexes.map(async (i) => {
        const u = g.upstreams[i]!;
        const { req, result } = await rerunRequest(upstreamRequest(u), { timeoutMs });
        return { req, entry: { index: i, what: `${u.method ?? 'GET'} ${u.url ?? '(no URL)'}`, result } satisfies RerunEntry };
      }),
    );
    const entries = runs.map((r) => r.entry);
    for (const { req, entry: e } of runs) {
      // a call to this machine or its network reached the user's own services, not what the logging server reached
      const { local, redacted } = req ? sendNotes(req) : {};
      const said = [local, redacted].filter((n) => n !== undefined).map((n) => `    note: ${clean(n, 300)}\n`).join('');
      out.stdout(`  upstream ${e.index + 1}: ${clean(e.what, 300)}\n${said}    ${clean(describeResult(e.result), 500)}\n`);
    }
    const sent = entries.filter((e) => e.result.outcome !== 'invalid');
    const verdict = verdictOf(sent);
    if (!verdict) throw new Usage('none of the calls can be re-run (see above)');
    const d = diagnosisAfterRerun(g, sent);
    const word = verdictWord(g, sent);
    out.stdout(
      word === 'answered'
        ? `verdict: answered, from here as from the edge: nothing says the origin blocks the platform (the label stays ${g.label})\n`
        : `verdict: ${verdict}${d ? '' : ` (the label stays ${g.label}: a re-run relabels allowlist-suspect requests)`}\n`,
    );
    for (const r of verdictReasons(g, sent).filter((r) => r.startsWith('re-run verdict') || r.startsWith('re-run:'))) out.stdout(`  why: ${clean(r, 500)}\n`);
    for (const n of d?.next ?? []) out.stdout(`  next: ${n}\n`);
    return verdict === 'allowlist-error' ? EXIT_ANSWERED : EXIT_FAILED;
  });
}

