// A URL that points at nothing that can be the feed (no such host, a web page, a port that does not
// speak HTTP) ends the source with one clear line while it has never connected; once it has, the
// same failure is retried like any dropped connection.
import http from 'node:http';
import net, { type AddressInfo, type LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { describeError, describeHttp } from '../../src/sources/socket-errors.js';
import { WebSocketSource, type WebSocketSourceOptions } from '../../src/sources/ws.js';
import { collect, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const FAST: WebSocketSourceOptions = { backoffMinMs: 20, backoffMaxMs: 50, heartbeatMs: 5000, handshakeTimeoutMs: 3000 };

function client(url: string, opts: WebSocketSourceOptions = {}) {
  const src = new WebSocketSource(url, { ...FAST, ...opts });
  cleanups.push(() => src.stop());
  return collect(src);
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return (server.address() as AddressInfo).port;
}

/** A resolver that knows no name (NXDOMAIN), or only the ones mapped to loopback. */
function resolver(known: () => boolean): LookupFunction {
  return ((host: string, opts: unknown, cb: (...a: unknown[]) => void) => {
    const all = typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all;
    if (!known()) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
      cb(err);
    } else if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  }) as unknown as LookupFunction;
}

describe('describeError / describeHttp', () => {
  it('tells a wrong URL from a server that is down', () => {
    const err = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(describeError(err('ENOTFOUND'), 'ws://shop.invalid:8787/')).toEqual({ reason: 'host not found: shop.invalid', wrongUrl: true });
    expect(describeError(err('EAI_AGAIN'), 'ws://shop.invalid:8787/').wrongUrl).toBeUndefined();
    expect(describeError(err('ECONNREFUSED'), 'ws://127.0.0.1:1/').wrongUrl).toBeUndefined();
    expect(describeError(err('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/'), 'ws://127.0.0.1:22/')).toEqual({
      reason: '127.0.0.1:22 did not answer in HTTP: not a WebSocket server (wrong port?)',
      wrongUrl: true,
    });
    expect(describeHttp(200, 'OK', '<html>shop</html>')).toMatchObject({ fatal: false, wrongUrl: true });
    expect(describeHttp(200, 'OK', '').reason).toBe("HTTP 200 OK: a web page, not a WebSocket endpoint (check the URL's port and path)");
    expect(describeHttp(503, 'Service Unavailable', '').wrongUrl).toBeUndefined();
  });
});

describe('a wrong --ws URL', () => {
  it('a host that does not exist ends the source at the first attempt, with one clear line', async () => {
    const c = client('ws://no-such-host.invalid:8787/', { lookup: resolver(() => false) });
    await c.done;
    expect(c.status).toMatchObject({ state: 'error', detail: 'ws://no-such-host.invalid:8787/: host not found: no-such-host.invalid' });
    expect(c.statuses.some((s) => s.state === 'retrying')).toBe(false);
  });

  it('a web server that answers the upgrade with a page ends the source, saying so', async () => {
    const web = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Shop</h1>'));
    const port = await listen(web);
    const c = client(`ws://127.0.0.1:${port}/`);
    await c.done;
    expect(c.status?.state).toBe('error');
    expect(c.status?.detail).toMatch(/HTTP 200 OK: a web page, not a WebSocket endpoint \(check the URL's port and path\): <h1>Shop<\/h1>/);
  });

  it('a port that does not speak HTTP ends the source, saying so', async () => {
    const ssh = net.createServer((sock) => {
      sock.on('error', () => {});
      sock.write('SSH-2.0-OpenSSH_9.6\r\n');
      cleanups.push(() => sock.destroy());
    });
    const port = await listen(ssh);
    const c = client(`ws://127.0.0.1:${port}/`);
    await c.done;
    expect(c.status).toMatchObject({ state: 'error', detail: `ws://127.0.0.1:${port}/: 127.0.0.1:${port} did not answer in HTTP: not a WebSocket server (wrong port?)` });
  });

  it('once the source has connected, a host no longer found is retried, and said', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as AddressInfo).port;
    cleanups.push(() => new Promise<void>((r) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => r());
    }));
    let dnsUp = true;
    wss.on('connection', (ws) => {
      ws.send('first line');
      // the name goes away (a DNS blip), then the connection drops
      dnsUp = false;
      setTimeout(() => ws.terminate(), 20);
    });
    const c = client(`ws://logs.example.test:${port}/`, { lookup: resolver(() => dnsUp) });
    await waitFor(() => c.statuses.some((s) => s.state === 'retrying' && /host not found: logs\.example\.test/.test(s.detail ?? '')), 'a retry after host not found');
    expect(c.ended).toBe(false);
    expect(c.lines).toEqual(['first line']);
    dnsUp = true;
    await waitFor(() => c.statuses.filter((s) => s.state === 'live').length >= 2, 'connected again');
  });
});

describe('a message too big', () => {
  it('says what happened and what to change, not the library\'s words', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => r());
    }));
    wss.on('connection', (ws) => {
      ws.send('small line');
      ws.send('x'.repeat(4096));
    });
    const c = client(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, { maxPayload: 2048, reconnect: false });
    await c.done;
    expect(c.lines).toEqual(['small line']);
    expect(c.status).toMatchObject({ state: 'closed', detail: 'the server sent one message bigger than ssrtail takes (2 KiB): have it send its lines in smaller messages' });
  });
});
