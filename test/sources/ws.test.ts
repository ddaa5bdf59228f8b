import type { IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openSources } from '../../src/sources/index.js';
import { backoffDelay, parseHeaders, redactUrl } from '../../src/sources/socket.js';
import { describeHttp } from '../../src/sources/socket-errors.js';
import { messageToLines, WebSocketSource, type WebSocketSourceOptions } from '../../src/sources/ws.js';
import { collect, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

interface TestServer {
  wss: WebSocketServer;
  port: number;
  url: string;
  clients: WebSocket[];
  requests: IncomingMessage[];
  close(): Promise<void>;
}

async function server(opts: { port?: number; autoPong?: boolean; verify?: (req: IncomingMessage) => number | undefined } = {}): Promise<TestServer> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    autoPong: opts.autoPong ?? true,
    verifyClient: opts.verify
      ? (info: { req: IncomingMessage }, cb: (ok: boolean, code?: number) => void) => {
          const code = opts.verify!(info.req);
          if (code) cb(false, code);
          else cb(true);
        }
      : undefined,
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  const s: TestServer = {
    wss,
    port,
    url: `ws://127.0.0.1:${port}`,
    clients: [],
    requests: [],
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (ws, req) => {
    s.clients.push(ws);
    s.requests.push(req);
  });
  cleanups.push(() => s.close());
  return s;
}

const FAST: WebSocketSourceOptions = { backoffMinMs: 50, backoffMaxMs: 200, heartbeatMs: 5000, handshakeTimeoutMs: 3000 };

function client(url: string, opts: WebSocketSourceOptions = {}) {
  const src = new WebSocketSource(url, { ...FAST, ...opts });
  cleanups.push(() => src.stop());
  return { src, c: collect(src) };
}

describe('messageToLines', () => {
  it('reads one or more text lines, CRLF too', () => {
    expect(messageToLines(Buffer.from('one line'))).toEqual(['one line']);
    expect(messageToLines(Buffer.from('a\r\nb\nc\n'))).toEqual(['a', 'b', 'c']);
  });
  it('turns a JSON event into one line, even pretty-printed', () => {
    expect(messageToLines(Buffer.from('{"level":30,"msg":"hi"}'))).toEqual(['{"level":30,"msg":"hi"}']);
    expect(messageToLines(Buffer.from('{\n  "level": 30,\n  "msg": "hi"\n}\n'))).toEqual(['{"level":30,"msg":"hi"}']);
  });
  it('turns a JSON array into one line per element', () => {
    expect(messageToLines(Buffer.from('[{"a":1},{"b":[2]}, "text line"]'))).toEqual(['{"a":1}', '{"b":[2]}', 'text line']);
  });
  it('keeps text that only looks like JSON as it is', () => {
    expect(messageToLines(Buffer.from('[req-1] GET /x'))).toEqual(['[req-1] GET /x']);
    expect(messageToLines(Buffer.from('{not json\nsecond'))).toEqual(['{not json', 'second']);
  });
});

describe('socket helpers', () => {
  it('backoff doubles from the minimum, is capped, and jitters within [d/2, d]', () => {
    expect(backoffDelay(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(2000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(1000);
    expect(backoffDelay(30, 500, 30_000, () => 1)).toBe(30_000);
  });
  it('parses headers and refuses malformed ones', () => {
    expect(parseHeaders(['X-A: 1', 'Authorization: Bearer  x y '])).toEqual({ 'X-A': '1', Authorization: 'Bearer  x y' });
    expect(() => parseHeaders(['no colon'])).toThrow(/Name: value/);
    expect(() => parseHeaders([': v'])).toThrow(/Name: value/);
  });
  it('does not show passwords or tokens of a URL', () => {
    const shown = redactUrl('wss://me:secret@logs.example.com/tail?token=abc&app=shop');
    expect(shown).not.toMatch(/secret|abc/);
    expect(shown).toMatch(/app=shop/);
  });
  it('says what 401/403 mean and that retrying will not help', () => {
    expect(describeHttp(401, 'Unauthorized', '')).toEqual({ reason: '401 Unauthorized: the server wants credentials', fatal: true });
    expect(describeHttp(401, 'Unauthorized', '', 'the token in $SSRTAIL_TOKEN was refused').reason).toBe('401 Unauthorized: the token in $SSRTAIL_TOKEN was refused');
    expect(describeHttp(403, 'Forbidden', '').fatal).toBe(true);
    expect(describeHttp(503, 'Service Unavailable', '').fatal).toBe(false);
  });
});

describe('WebSocketSource', () => {
  it('reads text lines, JSON events, JSON arrays and binary messages from a plain server', async () => {
    const s = await server();
    s.wss.on('connection', (ws) => {
      ws.send('line 1\nline 2');
      ws.send(JSON.stringify({ level: 30, requestId: 'r1', msg: 'event' }));
      ws.send(JSON.stringify([{ n: 1 }, { n: 2 }]));
      ws.send(Buffer.from('binary line'), { binary: true });
    });
    const { c } = client(s.url);
    await waitFor(() => c.lines.length === 6, 'six lines');
    expect(c.lines).toEqual(['line 1', 'line 2', '{"level":30,"requestId":"r1","msg":"event"}', '{"n":1}', '{"n":2}', 'binary line']);
    expect(c.statuses.map((x) => x.state)).toEqual(['connecting', 'live']);
  });

  it('sends --header values and the $SSRTAIL_TOKEN as a bearer header (via openSources)', async () => {
    const s = await server();
    const [src] = openSources({
      files: [], follow: false, ws: s.url, headers: ['X-Team: web'], noReconnect: true, stdinIsPipe: false,
      env: { SSRTAIL_TOKEN: 's3cret' },
    });
    cleanups.push(() => src!.stop());
    const c = collect(src!);
    await waitFor(() => s.requests.length === 1, 'the connection');
    expect(s.requests[0]!.headers['x-team']).toBe('web');
    expect(s.requests[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(src!.name).not.toContain('s3cret');
    await waitFor(() => c.status?.state === 'live', 'live');
  });

  it('401 and 403 end the source with a clear message, without retrying', async () => {
    const s401 = await server({ verify: () => 401 });
    const a = client(s401.url, { authHint: 'the token in $SSRTAIL_TOKEN was refused' });
    await a.c.done;
    expect(a.c.status).toMatchObject({ state: 'error' });
    expect(a.c.status!.detail).toMatch(/401 Unauthorized: the token in \$SSRTAIL_TOKEN was refused/);
    expect(a.c.statuses.some((x) => x.state === 'retrying')).toBe(false);

    const s403 = await server({ verify: () => 403 });
    const b = client(s403.url);
    await b.c.done;
    expect(b.c.status!.detail).toMatch(/403 Forbidden/);
  });

  it('a refused connection is one clear sentence; with --no-reconnect the source ends', async () => {
    const s = await server();
    const port = s.port;
    await s.close();
    const { c } = client(`ws://127.0.0.1:${port}`, { reconnect: false });
    await c.done;
    expect(c.status).toMatchObject({ state: 'error' });
    expect(c.status!.detail).toBe(`ws://127.0.0.1:${port}/: connection refused by 127.0.0.1:${port} (nothing listening there?)`);
  });

  it('a peer that accepts the connection but never answers the handshake times out with a clear message', async () => {
    const mute = net.createServer((sock) => cleanups.push(() => sock.destroy()));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => mute.close(r)));
    const port = (mute.address() as AddressInfo).port;
    const { c } = client(`ws://127.0.0.1:${port}`, { reconnect: false, handshakeTimeoutMs: 200 });
    await c.done;
    expect(c.status).toMatchObject({ state: 'error' });
    expect(c.status!.detail).toMatch(new RegExp(`no answer from 127\\.0\\.0\\.1:${port} \\(handshake timed out\\)`));
  });

  it('with --no-reconnect, ends when the server closes the connection, saying why', async () => {
    const s = await server();
    s.wss.on('connection', (ws) => {
      ws.send('only line');
      setTimeout(() => ws.close(1000, 'done for today'), 50);
    });
    const { c } = client(s.url, { reconnect: false });
    await c.done;
    expect(c.lines).toEqual(['only line']);
    expect(c.status).toMatchObject({ state: 'closed', detail: 'closed by the server: done for today' });
  });

  it('reconnects with backoff after the server goes away, and carries on when it is back on the same port', async () => {
    const s1 = await server();
    s1.wss.on('connection', (ws) => ws.send('before restart'));
    const { c } = client(s1.url);
    await waitFor(() => c.lines.length === 1, 'first line');
    const port = s1.port;
    await s1.close();
    await waitFor(() => c.statuses.some((x) => x.state === 'retrying'), 'a retrying status');
    // a few refused attempts while the server is down
    await new Promise((r) => setTimeout(r, 300));
    const s2 = await server({ port });
    s2.wss.on('connection', (ws) => ws.send('after restart'));
    await waitFor(() => c.lines.length === 2, 'the line after the restart');
    expect(c.lines).toEqual(['before restart', 'after restart']);
    const retrying = c.statuses.filter((x) => x.state === 'retrying').map((x) => x.detail);
    expect(retrying[0]).toMatch(/^retrying in [\d.]+s: connection lost|^retrying in [\d.]+s: closed/);
    expect(retrying.some((d) => /connection refused/.test(d ?? ''))).toBe(true);
    // a new attempt says why the one before failed (it may wait long: a handshake nobody answers)
    const again = c.statuses.filter((x) => x.state === 'connecting' && x.detail).map((x) => x.detail);
    expect(again.some((d) => /^attempt \d+ \(last error: .*connection refused/.test(d ?? ''))).toBe(true);
    expect(c.status?.state).toBe('live');
  });

  it('finds a dead peer that stops answering pings, drops it and reconnects', async () => {
    const s = await server({ autoPong: false });
    const { c } = client(s.url, { heartbeatMs: 150 });
    await waitFor(() => c.statuses.some((x) => x.state === 'retrying'), 'the dead peer to be dropped');
    const r = c.statuses.find((x) => x.state === 'retrying')!;
    expect(r.detail).toMatch(/no answer to ping within 0\.1s|no answer to ping within 0\.2s/);
    await waitFor(() => s.clients.length >= 2, 'a new connection');
  });

  it('one message bigger than the queue bound arrives whole (a backlog sent at once): nothing dropped', async () => {
    const s = await server();
    s.wss.on('connection', (ws) => ws.send(Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n')));
    const { c } = client(s.url, { maxQueuedLines: 10 });
    await waitFor(() => c.lines.length === 100, 'all 100 lines');
    expect(c.lines).toEqual(Array.from({ length: 100 }, (_, i) => `l${i}`));
    expect(c.status?.dropped).toBeFalsy();
  });

  it('stop() ends the source', async () => {
    const s = await server();
    const { src, c } = client(s.url);
    await waitFor(() => c.status?.state === 'live', 'live');
    src.stop();
    await c.done;
    expect(c.status?.state).toBe('closed');
  });
});

describe('openSources validation', () => {
  const base = { files: [], follow: false, headers: [], noReconnect: false, stdinIsPipe: false };
  it('refuses a bad --ws URL, --loki without --query, and --query alone', () => {
    expect(() => openSources({ ...base, ws: 'not a url' })).toThrow(/--ws: not a valid URL/);
    expect(() => openSources({ ...base, ws: 'ftp://x' })).toThrow(/--ws: expected a ws\/wss\/http\/https URL/);
    expect(() => openSources({ ...base, ws: 'localhost:8787' })).toThrow("--ws: 'localhost:8787' has no scheme: give ws://localhost:8787");
    expect(() => openSources({ ...base, ws: '127.0.0.1:8787/?backlog=50' })).toThrow("--ws: '127.0.0.1:8787/?backlog=50' has no scheme: give ws://127.0.0.1:8787/?backlog=50");
    expect(() => openSources({ ...base, loki: 'loki.example.com', query: '{a="b"}' })).toThrow("--loki: 'loki.example.com' has no scheme: give http://loki.example.com");
    expect(() => openSources({ ...base, loki: 'http://loki:3100' })).toThrow(/--loki needs --query/);
    expect(() => openSources({ ...base, query: '{a="b"}' })).toThrow(/--query goes with --loki/);
    expect(() => openSources({ ...base, ws: 'ws://x', headers: ['bad'] })).toThrow(/Name: value/);
  });
  it('picks the right sources', () => {
    expect(openSources({ ...base, files: ['a.log'] }).map((s) => s.constructor.name)).toEqual(['FileSource']);
    expect(openSources({ ...base, files: ['a.log'], follow: true }).map((s) => s.constructor.name)).toEqual(['FollowSource']);
    expect(openSources({ ...base, files: ['a.log', 'b.log.gz'], follow: true }).map((s) => s.live)).toEqual([true, false]);
    expect(openSources({ ...base, stdinIsPipe: true }).map((s) => s.name)).toEqual(['stdin']);
    expect(openSources({ ...base, stdinIsPipe: true, ws: 'ws://127.0.0.1:1' }).map((s) => s.name)).toEqual(['ws://127.0.0.1:1/']);
    expect(openSources({ ...base })).toEqual([]);
  });
});
