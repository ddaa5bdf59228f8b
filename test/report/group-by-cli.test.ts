// `ssrtail --group-by` through the built binary: each group's counts, checked against what this test folds
// itself from the per-request --json output of the same input; filters, stdin, live input stopped by a
// signal, usage errors, and the table on an 80-column terminal.
import { afterEach, describe, expect, it } from 'vitest';
import stripAnsi from 'strip-ansi';
import { BIN, ndjson, runCli, stopWhileFollowing, tmpFile } from '../helpers/run-cli.js';
import { shellQuote, startTui, type Tui } from '../ui/helpers/pty.js';

const BUSY = 'samples/busy.log';
const FAILURES = new Set(['sni-error', 'upstream-connection-error', 'allowlist-suspect', 'backend-error', 'ssr-code-error', 'timeout', 'not-found', 'error', 'allowlist-error', 'bad-request']);

type Req = { label: string; url: string | null; durationMs: number | null; upstream: Array<{ url: string | null; status: number | null; durationMs: number | null }> };
interface Expected {
  requests: number;
  failures: number;
  labels: Record<string, number>;
  durations: number[];
  calls: number;
  noAnswer: number;
  errorStatus: number;
}

// this test's own reading of a URL (the WHATWG parser, not ssrtail's): default ports are not in the logged URLs
const host = (url: string) => new URL(url).host;
const path = (url: string) => new URL(url, 'http://relative.invalid').pathname;
const route = (url: string) =>
  path(url)
    .split('/')
    .map((seg) => seg.replace(/^(\d+|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|(?=.*\d)[0-9a-f]{12,})(\.\w+)?$/i, ':id$3'))
    .join('/');

/** Folds per-request NDJSON by key, as --group-by is documented to. */
function expected(reqs: Req[], by: 'upstream' | 'host' | 'path' | 'route' | 'label'): Map<string, Expected> {
  const m = new Map<string, Expected>();
  const get = (k: string) => {
    if (!m.has(k)) m.set(k, { requests: 0, failures: 0, labels: {}, durations: [], calls: 0, noAnswer: 0, errorStatus: 0 });
    return m.get(k)!;
  };
  for (const r of reqs) {
    const count = (e: Expected) => {
      e.requests++;
      e.labels[r.label] = (e.labels[r.label] ?? 0) + 1;
      if (FAILURES.has(r.label)) e.failures++;
    };
    if (by === 'upstream') {
      if (r.upstream.length === 0) {
        const e = get('(no upstream calls)');
        count(e);
        if (r.durationMs !== null) e.durations.push(r.durationMs);
      }
      for (const h of new Set(r.upstream.map((u) => host(u.url!)))) count(get(h));
      for (const u of r.upstream) {
        const e = get(host(u.url!));
        e.calls++;
        if (u.status === null) e.noAnswer++;
        else if (u.status >= 400) e.errorStatus++;
        if (u.durationMs !== null) e.durations.push(u.durationMs);
      }
      continue;
    }
    const key = by === 'label' ? r.label : r.url === null ? '(no URL)' : by === 'host' ? host(r.url) : by === 'path' ? path(r.url) : route(r.url);
    const e = get(key);
    count(e);
    if (r.durationMs !== null) e.durations.push(r.durationMs);
  }
  return m;
}

const nearestRank = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(p * s.length) - 1];
};

async function compare(args: string[], by: 'upstream' | 'host' | 'path' | 'route' | 'label') {
  const per = await runCli(['--json', ...args]);
  const grouped = await runCli(['--json', '--group-by', by, ...args]);
  expect(grouped.code, grouped.stderr).toBe(0);
  const want = expected(ndjson(per.stdout) as unknown as Req[], by);
  const got = ndjson(grouped.stdout);
  expect(got.map((g) => g.key).sort()).toEqual([...want.keys()].sort());
  for (const g of got) {
    const e = want.get(g.key as string)!;
    expect(g, String(g.key)).toMatchObject({ groupBy: by, requests: e.requests, failures: e.failures, labels: e.labels, durations: e.durations.length });
    expect(g.p50Ms, String(g.key)).toBe(nearestRank(e.durations, 0.5));
    expect(g.p95Ms, String(g.key)).toBe(nearestRank(e.durations, 0.95));
    if (by === 'upstream') expect(g).toMatchObject({ calls: e.calls, noAnswer: e.noAnswer, errorStatus: e.errorStatus });
  }
  // most failures first, then most requests
  for (let i = 1; i < got.length; i++) {
    const [a, b] = [got[i - 1]!, got[i]!] as Array<{ failures: number; requests: number }>;
    expect(a.failures > b.failures || (a.failures === b.failures && a.requests >= b.requests)).toBe(true);
  }
  return got;
}

describe('--group-by on samples/busy.log', () => {
  it.each(['upstream', 'host', 'path', 'route', 'label'] as const)('by %s: the counts and percentiles of the per-request output', async (by) => {
    const got = await compare([BUSY], by);
    expect(got.length).toBeGreaterThan(1);
  });

  it('with --only failures and --since/--until: only the requests those choose', async () => {
    const got = await compare(['--only', 'failures', '--since', '09:00:10', '--until', '09:00:40', BUSY], 'route');
    expect(got.every((g) => g.failures === g.requests)).toBe(true);
  });
});

const LOG = [
  '09:00:00.000 req-00000001 Request details: GET https://shop.example.com/p/1',
  '09:00:00.010 req-00000001 Upstream Request: GET https://api.example.net/v1/p/1 200 OK in 40ms',
  '09:00:00.020 req-00000001 Upstream Request: GET https://cms.example.org/menu 500 Internal Server Error in 15ms',
  '09:00:00.100 req-00000001 Response details: GET https://shop.example.com/p/1 200 OK',
  '09:00:01.000 req-00000002 Request details: GET https://shop.example.com/p/2',
  '09:00:01.010 req-00000002 Upstream Request: GET https://api.example.net/v1/p/2',
  '09:00:02.000 req-00000003 Request details: GET https://shop.example.com/c/shoes?page=2',
  '09:00:02.300 req-00000003 Response details: GET https://shop.example.com/c/shoes?page=2 404 Not Found',
  '',
].join('\n');

describe('--group-by on temp files and stdin', () => {
  it('prints a table: one row per group with its counts, the note on upstream hosts, then the totals', async () => {
    const f = tmpFile('g.log', LOG);
    const r = await runCli(['--group-by', 'upstream', f]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^UPSTREAM HOST +REQS FAIL CALLS NO-ANS >=400 +P50 +P95 FIRST +LAST +LABELS \(but ok\)$/);
    const per = ndjson((await runCli(['--json', f])).stdout) as unknown as Req[];
    const want = expected(per, 'upstream');
    for (const [key, e] of want) {
      const row = lines.find((l) => l.startsWith(key + ' '));
      expect(row, key).toBeDefined();
      expect(row!.slice(key.length).trim().split(/ +/).slice(0, 5).map(Number)).toEqual([e.requests, e.failures, e.calls, e.noAnswer, e.errorStatus]);
    }
    expect(r.stdout).toContain('A request that called several hosts counts under each of them;');
    expect(r.stdout).toMatch(/\nTotals\n/);
  });

  it('reads stdin as it reads the file', async () => {
    const f = tmpFile('g.log', LOG);
    const file = await runCli(['--group-by', 'route', '--json', f]);
    const piped = await runCli(['--group-by', 'route', '--json'], { shellPipeFrom: f });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(file.stdout);
    expect(ndjson(piped.stdout).map((g) => [g.key, g.requests, g.failures])).toEqual([
      ['/p/:id', 2, 1],
      ['/c/shoes', 1, 1],
    ]);
  });

  it('refuses a bad key, --details and --workers with one clear line', async () => {
    const f = tmpFile('g.log', LOG);
    for (const [args, msg] of [
      [['--group-by', 'status', f], /--group-by must be one of upstream, host, path, route, referer, label/],
      [['--group-by', 'route', '--details', f], /--details .* does not go with --group-by/],
      [['--group-by', 'route', '--workers', '2', f], /--group-by runs on one thread/],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('on live input prints the groups when stopped by SIGINT (undecided requests as pending)', async () => {
    const f = tmpFile('live.log', LOG);
    const { code, stdout: out, stderr: err, before } = await stopWhileFollowing(['--group-by', 'label', '--json'], f, 'SIGINT');
    // nothing before the signal: the groups are printed at the end
    expect(before).toBe('');
    expect(code).toBe(130);
    const groups = ndjson(out);
    expect(groups.reduce((n, g) => n + (g.requests as number), 0)).toBe(3);
    expect(groups.map((g) => g.key)).toContain('pending');
    expect(err).toContain('3 requests');
  });
});

describe('--group-by on a terminal', () => {
  let tui: Tui | undefined;
  afterEach(() => {
    tui?.kill();
    tui = undefined;
  });

  it('fits 80 columns: the labels go under each row when they have no room beside it', async () => {
    tui = startTui(`node ${shellQuote(BIN)} --group-by upstream --no-color ${shellQuote(BUSY)}`, { cols: 80, rows: 60 });
    const { exitCode } = await tui.exited;
    expect(exitCode).toBe(0);
    const lines = stripAnsi(tui.raw()).split(/\r?\n/).filter((l) => l !== '');
    for (const l of lines) expect(l.length, l).toBeLessThan(80);
    expect(lines[0]).toMatch(/^UPSTREAM HOST +REQS FAIL CALLS NO-ANS >=400 +P50 +P95 FIRST +LAST$/);
    const row = lines.findIndex((l) => l.startsWith('cms.example.org '));
    expect(lines[row]).toMatch(/ \d\d:\d\d:\d\d \d\d:\d\d:\d\d$/);
    // by badge, every count (none cut), and what the badges stand for under the table
    expect(lines[row + 1]).toMatch(/^ {4}[A-Z0-9?!]+ \d+(, [A-Z0-9?!]+ \d+)*$/);
    expect(lines.join('\n')).not.toMatch(/\d…/);
    expect(lines.find((l) => l.startsWith('labels: '))).toMatch(/^labels: SNI sni-error, 531 upstream-connection-error,/);
  });
});
