// A small Loki-speaking server (GET /loki/api/v1/tail over WebSocket) checks what the client asks
// for and how it decodes what Loki sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openSources } from '../../src/sources/index.js';
import { LokiSource } from '../../src/sources/loki.js';
import { collect, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

interface FakeLoki {
  port: number;
  base: string;
  requests: Array<{ url: URL; headers: http.IncomingHttpHeaders }>;
  sockets: WebSocket[];
  onConnect?: (ws: WebSocket, url: URL) => void;
  stop(): Promise<void>;
}

async function fakeLoki(port = 0, expectAuth?: string): Promise<FakeLoki> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const f: FakeLoki = {
    port: 0,
    base: '',
    requests: [],
    sockets: [],
    stop: () =>
      new Promise<void>((r) => {
        for (const s of f.sockets) s.terminate();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url!, 'http://x');
    f.requests.push({ url, headers: req.headers });
    if (url.pathname !== '/loki/api/v1/tail') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found');
      return;
    }
    if (expectAuth && req.headers.authorization !== expectAuth) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!url.searchParams.get('query')?.startsWith('{')) {
      const body = 'parse error : queries require at least one regexp or equality matcher';
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      f.sockets.push(ws);
      f.onConnect?.(ws, url);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  f.port = (server.address() as AddressInfo).port;
  f.base = `http://127.0.0.1:${f.port}`;
  cleanups.push(() => f.stop());
  return f;
}

const NS = 1_000_000n;
const T0 = 1_710_186_733_000n * NS;

function tail(streams: Array<{ labels: Record<string, string>; values: Array<[bigint, string]> }>, dropped = 0): string {
  return JSON.stringify({
    streams: streams.map((s) => ({ stream: s.labels, values: s.values.map(([t, l]) => [String(t), l]) })),
    ...(dropped ? { dropped_entries: Array.from({ length: dropped }, (_, i) => ({ labels: { app: 'shop' }, timestamp: String(T0 + BigInt(i)) })) } : {}),
  });
}

function loki(base: string, opts: Partial<ConstructorParameters<typeof LokiSource>[1]> = {}) {
  const src = new LokiSource(base, { query: '{app="shop"}', backoffMinMs: 50, backoffMaxMs: 200, ...opts });
  cleanups.push(() => src.stop());
  return { src, c: collect(src) };
}

describe('LokiSource', () => {
  it('asks for the query with limit, start and delay_for, sends basic auth and the tenant, decodes entries in time order', async () => {
    const f = await fakeLoki();
    f.onConnect = (ws) => {
      ws.send(
        tail([
          { labels: { app: 'shop', pod: 'b' }, values: [[T0 + 2n * NS, '{"level":30,"requestId":"r1","msg":"second"}']] },
          { labels: { app: 'shop', pod: 'a' }, values: [[T0 + 1n * NS, '01:35:38.857 r1-aaaaaaaa GET https://shop.example.com/\n    Accept: */*']] },
        ]),
      );
    };
    const { c } = loki(f.base, { user: 'grafana', password: 'pw', tenant: 'team-a', delayForS: 2, startNs: T0 - 1000n, limit: 50 });
    await waitFor(() => c.lines.length === 3, 'three lines');
    expect(c.lines).toEqual([
      '01:35:38.857 r1-aaaaaaaa GET https://shop.example.com/',
      '    Accept: */*',
      '{"level":30,"requestId":"r1","msg":"second"}',
    ]);
    const req = f.requests[0]!;
    expect(req.url.pathname).toBe('/loki/api/v1/tail');
    expect(req.url.searchParams.get('query')).toBe('{app="shop"}');
    expect(req.url.searchParams.get('limit')).toBe('50');
    expect(req.url.searchParams.get('delay_for')).toBe('2');
    expect(req.url.searchParams.get('start')).toBe(String(T0 - 1000n));
    expect(req.headers.authorization).toBe('Basic ' + Buffer.from('grafana:pw').toString('base64'));
    expect(req.headers['x-scope-orgid']).toBe('team-a');
  });

  it('counts dropped_entries as dropped lines', async () => {
    const f = await fakeLoki();
    f.onConnect = (ws) => ws.send(tail([{ labels: { app: 'shop' }, values: [[T0, 'kept']] }], 7));
    const { c } = loki(f.base);
    await waitFor(() => c.lines.length === 1 && c.status?.dropped === 7, 'the line and 7 dropped');
  });

  it('after a restart, resumes a little before the newest entry and skips what it already has', async () => {
    const f1 = await fakeLoki();
    const first: Array<[bigint, string]> = [[T0, 'e1'], [T0 + NS, 'e2'], [T0 + 2n * NS, 'e3']];
    f1.onConnect = (ws) => ws.send(tail([{ labels: { app: 'shop' }, values: first }]));
    const { c } = loki(f1.base, { overlapMs: 5000 });
    await waitFor(() => c.lines.length === 3, 'first entries');
    const port = f1.port;
    await f1.stop();
    await waitFor(() => c.statuses.some((s) => s.state === 'retrying'), 'retrying');
    const f2 = await fakeLoki(port);
    // a real Loki replays every entry since `start`: the ones already delivered and new ones
    f2.onConnect = (ws, url) => {
      const start = BigInt(url.searchParams.get('start')!);
      const all: Array<[bigint, string]> = [...first, [T0 + 3n * NS, 'e4'], [T0 + 3n * NS, 'e4 twin, same ns']];
      ws.send(tail([{ labels: { app: 'shop' }, values: all.filter(([t]) => t >= start) }]));
    };
    await waitFor(() => c.lines.length >= 5, 'the new entries');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.lines).toEqual(['e1', 'e2', 'e3', 'e4', 'e4 twin, same ns']);
    expect(f2.requests[0]!.url.searchParams.get('start')).toBe(String(T0 + 2n * NS - 5000n * NS));
  });

  it('a bad query (HTTP 400) ends the source with what Loki said', async () => {
    const f = await fakeLoki();
    const { c } = loki(f.base, { query: 'not logql' });
    await c.done;
    expect(c.status?.state).toBe('error');
    expect(c.status?.detail).toMatch(/HTTP 400 Bad Request: parse error : queries require at least one regexp/);
  });

  it('wrong credentials: 401 with a hint, no retrying', async () => {
    const f = await fakeLoki(0, 'Basic ' + Buffer.from('u:right').toString('base64'));
    const { c } = loki(f.base, { user: 'u', password: 'wrong' });
    await c.done;
    expect(c.status?.detail).toMatch(/401 Unauthorized: .*--loki-user and \$SSRTAIL_LOKI_PASSWORD/);
    expect(c.statuses.some((s) => s.state === 'retrying')).toBe(false);
  });

  it('openSources: user:password in the URL or $SSRTAIL_LOKI_PASSWORD, never shown in the name', async () => {
    const f = await fakeLoki();
    f.onConnect = (ws) => ws.send(tail([{ labels: { app: 'shop' }, values: [[T0, 'x']] }]));
    const [a] = openSources({
      files: [], follow: false, headers: ['X-Extra: 1'], noReconnect: true, stdinIsPipe: false,
      loki: `http://me:urlpw@127.0.0.1:${f.port}`, query: '{app="shop"}', lokiTenant: 't1', env: {},
    });
    const [b] = openSources({
      files: [], follow: false, headers: [], noReconnect: true, stdinIsPipe: false,
      loki: f.base, query: '{app="shop"}', lokiUser: 'me', env: { SSRTAIL_LOKI_PASSWORD: 'envpw' },
    });
    cleanups.push(() => a!.stop(), () => b!.stop());
    expect(a!.name).not.toContain('urlpw');
    const ca = collect(a!);
    await waitFor(() => ca.lines.length === 1, 'a line via a');
    const cb = collect(b!);
    await waitFor(() => cb.lines.length === 1, 'a line via b');
    expect(f.requests[0]!.headers.authorization).toBe('Basic ' + Buffer.from('me:urlpw').toString('base64'));
    expect(f.requests[0]!.headers['x-scope-orgid']).toBe('t1');
    expect(f.requests[0]!.headers['x-extra']).toBe('1');
    expect(f.requests[1]!.headers.authorization).toBe('Basic ' + Buffer.from('me:envpw').toString('base64'));
  });
});
