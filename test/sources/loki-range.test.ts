// --loki with --since/--until: a Loki that speaks query_range (forward, paged by limit) and the tail endpoint,
// on loopback, checks that the window is read whole, once, in order, and what each failure says.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageEntries } from '../../src/sources/loki-range.js';
import { LokiSource, type LokiSourceOptions } from '../../src/sources/loki.js';
import { runCli } from '../helpers/run-cli.js';
import { collect, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const MS = 1_000_000n;
const T0 = 1_710_186_733_000n * MS;

interface Fake {
  base: string;
  ranges: URLSearchParams[];
  tails: URLSearchParams[];
  /** answers the next query_range requests with these (status, body) first */
  failures: Array<[number, string]>;
  onTail?: (ws: WebSocket) => void;
}

/** Entries at T0 + i ms, three of them sharing one nanosecond (a page boundary falls among them), in two streams. */
function entries(n: number): Array<[bigint, string]> {
  return Array.from({ length: n }, (_, i) => [T0 + BigInt(i < 6 ? i : i >= 6 && i < 9 ? 6 : i) * MS, `line ${i}`]);
}

/** Loki's answer shape: the entries in two streams (pods), each entry always in the same one. */
function streams(sel: Array<[bigint, string]>): unknown[] {
  const pod = (l: string) => (Number(l.split(' ')[1]) % 2 ? 'b' : 'a');
  return ['a', 'b'].map((p) => ({ stream: { app: 'shop', pod: p }, values: sel.filter(([, l]) => pod(l) === p).map(([t, l]) => [String(t), l]) }));
}

/** Every line once, in time order (entries of one nanosecond in either order, as Loki gives them). */
function expectOnceInOrder(lines: string[], all: Array<[bigint, string]>): void {
  expect([...lines].sort()).toEqual(all.map(([, l]) => l).sort());
  const ts = new Map(all.map(([t, l]) => [l, t]));
  for (let i = 1; i < lines.length; i++) expect(ts.get(lines[i]!)! >= ts.get(lines[i - 1]!)!).toBe(true);
}

async function fakeLoki(all: Array<[bigint, string]>): Promise<Fake> {
  const f: Fake = { base: '', ranges: [], tails: [], failures: [] };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    if (u.pathname !== '/loki/api/v1/query_range') return res.writeHead(404).end('404 page not found\n');
    f.ranges.push(u.searchParams);
    const fail = f.failures.shift();
    if (fail) return res.writeHead(fail[0], { 'content-type': 'text/plain' }).end(fail[1]);
    const start = BigInt(u.searchParams.get('start')!);
    const end = BigInt(u.searchParams.get('end')!);
    const sel = all.filter(([t]) => t >= start && t <= end).slice(0, Number(u.searchParams.get('limit')));
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'streams', result: streams(sel) } }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    f.tails.push(new URL(req.url!, 'http://x').searchParams);
    wss.handleUpgrade(req, socket, head, (ws) => f.onTail?.(ws));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  f.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => new Promise<void>((r) => {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    server.close(() => r());
  }));
  return f;
}

function loki(base: string, opts: Partial<LokiSourceOptions>) {
  const src = new LokiSource(base, { query: '{app="shop"}', backoffMinMs: 20, backoffMaxMs: 50, ...opts });
  cleanups.push(() => src.stop());
  return { src, c: collect(src) };
}

describe('pageEntries', () => {
  it('reads only log results', () => {
    expect(pageEntries('{"status":"success","data":{"resultType":"matrix","result":[]}}')).toEqual({
      reason: 'a matrix result (a metric query?): give a log query', fatal: true,
    });
    expect(pageEntries('<html>Grafana</html>')).toMatchObject({ wrongUrl: true });
  });
});

describe('LokiSource with a window', () => {
  it('--since/--until: reads the window page by page, every entry once and in order, then ends', async () => {
    const all = entries(23);
    const f = await fakeLoki(all);
    const { src, c } = loki(f.base, { range: { startNs: T0, endNs: T0 + 60_000n * MS }, pageLimit: 5 });
    await c.done;
    expect(src.live).toBe(false);
    expectOnceInOrder(c.lines, all);
    expect(c.status).toMatchObject({ state: 'ended', detail: '23 entries from Loki in the window' });
    expect(f.ranges[0]!.get('direction')).toBe('forward');
    expect(f.ranges[0]!.get('start')).toBe(String(T0));
    expect(f.ranges[0]!.get('end')).toBe(String(T0 + 60_000n * MS));
    // each page starts at the newest entry of the one before
    expect(f.ranges[1]!.get('start')).toBe(String(T0 + 4n * MS));
    expect(f.tails).toEqual([]);
  });

  it('--since alone: reads from there, then tails on from the newest entry without repeating one', async () => {
    const all = entries(12);
    const f = await fakeLoki(all);
    f.onTail = (ws) => {
      // a real tail replays its start's overlap: entries already read, then a new one
      ws.send(JSON.stringify({ streams: streams([...all.slice(-3), [T0 + 50n * MS, 'line 12']]) }));
    };
    const { src, c } = loki(f.base, { range: { startNs: T0 }, pageLimit: 5 });
    await waitFor(() => c.lines.includes('line 12'), 'the tailed line');
    expect(src.live).toBe(true);
    expectOnceInOrder(c.lines, [...all, [T0 + 50n * MS, 'line 12']]);
    expect(BigInt(f.tails[0]!.get('start')!)).toBeLessThanOrEqual(T0 + 11n * MS);
  });

  it('a bad query ends the source with what Loki said; 401 with the credentials hint', async () => {
    const f = await fakeLoki(entries(3));
    f.failures.push([400, 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n']);
    const a = loki(f.base, { range: { startNs: T0, endNs: T0 + MS } });
    await a.c.done;
    expect(a.c.status?.state).toBe('error');
    expect(a.c.status?.detail).toBe(`${f.base}: HTTP 400 Bad Request: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER`);
    f.failures.push([401, 'no org id\n']);
    const b = loki(f.base, { range: { startNs: T0, endNs: T0 + MS } });
    await b.c.done;
    expect(b.c.status?.detail).toMatch(/401 Unauthorized: the server wants credentials \(give --loki-user/);
  });

  it('429 and 5xx are retried, and said, until Loki answers', async () => {
    const all = entries(4);
    const f = await fakeLoki(all);
    f.failures.push([429, 'too many outstanding requests\n'], [503, 'ingester not ready\n']);
    const { c } = loki(f.base, { range: { startNs: T0, endNs: T0 + 60_000n * MS } });
    await c.done;
    expectOnceInOrder(c.lines, all);
    const retries = c.statuses.filter((s) => s.state === 'retrying').map((s) => s.detail);
    expect(retries[0]).toMatch(/HTTP 429 Too Many Requests: too many outstanding requests/);
    expect(retries[1]).toMatch(/HTTP 503 Service Unavailable: ingester not ready/);
  });
});

describe('ssrtail --loki --since --until', () => {
  it('reports the window read from Loki, saying on stderr while Loki is busy, and ends with exit 0', async () => {
    const t = Number(T0 / MS);
    const id = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
    const lines: Array<[bigint, string]> = [
      [T0, JSON.stringify({ level: 100, time: t, requestId: id, data: { method: 'GET', path: '/p/1', host: 'shop.example.com', protocol: 'https:' } })],
      [T0 + 80n * MS, JSON.stringify({ level: 101, time: t + 80, requestId: id, data: { statusCode: 200, statusMessage: 'OK' } })],
    ];
    const f = await fakeLoki(lines);
    f.failures.push([503, 'ingester not ready\n']);
    const r = await runCli(['--loki', f.base, '--query', '{app="shop"}', '--since', '2024-03-11T19:50Z', '--until', '2024-03-11T20:00Z', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).label)).toEqual(['ok']);
    expect(r.stderr).toMatch(/retrying in \S+: HTTP 503 Service Unavailable: ingester not ready/);
    expect(r.stderr).toMatch(/2 entries from Loki in the window/);
    expect(f.ranges[0]!.get('end')).toBe(String(BigInt(Date.parse('2024-03-11T20:00:35Z')) * MS));
  });
});
