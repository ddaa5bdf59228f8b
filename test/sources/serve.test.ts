import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LineServer } from '../../src/sources/serve.js';
import { parseServeArgs, runServeCommand, startServe, type RunningServe, type ServeConfig } from '../../src/sources/serve-command.js';
import { WebSocketSource, type WebSocketSourceOptions } from '../../src/sources/ws.js';
import { collect, numbered, tempDir, waitFor } from './helpers.js';
import { runCli } from '../helpers/run-cli.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const FAST: WebSocketSourceOptions = { backoffMinMs: 50, backoffMaxMs: 200, heartbeatMs: 5000 };

function sink() {
  let text = '';
  const w = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { w, get text() { return text; } };
}

async function serve(cfg: Partial<ServeConfig> & { input: string }, stdin?: PassThrough): Promise<RunningServe> {
  const err = sink();
  const running = await startServe(
    { host: '127.0.0.1', port: 0, backlogLines: 10_000, ...cfg },
    { stderr: err.w, stdin, follow: { pollMs: 50 } },
  );
  cleanups.push(() => running.close());
  return running;
}

function client(url: string, opts: WebSocketSourceOptions = {}) {
  const src = new WebSocketSource(url, { ...FAST, ...opts });
  cleanups.push(() => src.stop());
  return { src, c: collect(src) };
}

/** A free port that nothing listens on right now. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('ssrtail serve + --ws client', () => {
  it('publishes a followed file: ?backlog gives recent lines, then appended lines arrive', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('line ', 1, 50).join('\n') + '\n');
    const s = await serve({ input: file });
    await waitFor(() => s.server.backlogSize === 50, 'serve to read the file');
    const { c } = client(`${s.url}/?backlog=10`);
    await waitFor(() => c.lines.length === 10, 'the backlog');
    expect(c.lines).toEqual(numbered('line ', 41, 50));
    fs.appendFileSync(file, 'line 51\nline 52\n');
    await waitFor(() => c.lines.length === 12, 'appended lines');
    expect(c.lines.slice(10)).toEqual(['line 51', 'line 52']);
    // without ?backlog: only new lines
    const live = client(s.url);
    await waitFor(() => s.server.clientCount === 2, 'second client');
    fs.appendFileSync(file, 'line 53\n');
    await waitFor(() => live.c.lines.length === 1 && c.lines.length === 13, 'line 53 on both');
    expect(live.c.lines).toEqual(['line 53']);
  });

  it('every line arrives exactly once across a serve killed and restarted mid-stream', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('line ', 1, 100).join('\n') + '\n');
    const s1 = await serve({ input: file });
    const port = s1.port;
    await waitFor(() => s1.server.backlogSize === 100, 'serve to read the file');
    const { c } = client(`${s1.url}/?backlog=all`);
    await waitFor(() => c.lines.length === 100, 'the first 100 lines');
    // killed: connections dropped without a close frame, like a killed process
    await s1.close({ abrupt: true });
    await waitFor(() => c.statuses.some((x) => x.state === 'retrying'), 'the client to notice');
    fs.appendFileSync(file, numbered('line ', 101, 150).join('\n') + '\n');
    const s2 = await serve({ input: file, port });
    await waitFor(() => c.lines.length >= 150, 'the lines written while serve was down');
    fs.appendFileSync(file, numbered('line ', 151, 160).join('\n') + '\n');
    await waitFor(() => c.lines.length >= 160, 'lines after the restart');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.lines).toEqual(numbered('line ', 1, 160));
    expect(c.status?.dropped).toBeUndefined();
    expect(s2.server.clientCount).toBe(1);
  });

  it('a live-only client that got no line yet still gets the lines written while serve was down', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('old ', 1, 10).join('\n') + '\n');
    const s1 = await serve({ input: file });
    const port = s1.port;
    await waitFor(() => s1.server.backlogSize === 10, 'serve to read the file');
    const { c } = client(s1.url);
    await waitFor(() => s1.server.clientCount === 1, 'the client');
    await s1.close({ abrupt: true });
    await waitFor(() => c.statuses.some((x) => x.state === 'retrying'), 'the client to notice');
    fs.appendFileSync(file, numbered('new ', 1, 5).join('\n') + '\n');
    await serve({ input: file, port });
    await waitFor(() => c.lines.length >= 5, 'the new lines');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.lines).toEqual(numbered('new ', 1, 5));
  });

  it('a client that resumes before the restarted serve has read that far gets no line twice', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    const lines = numbered('row ', 1, 3000);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const s1 = await serve({ input: file });
    const port = s1.port;
    const { c } = client(`${s1.url}/?backlog=all`);
    await waitFor(() => c.lines.length === 3000, 'all lines');
    await s1.close();
    // the restarted serve reads the file from the start, slowly, while the client is already back
    const s2 = await startServe({ input: file, host: '127.0.0.1', port, backlogLines: 10_000 }, {
      stderr: sink().w, follow: { pollMs: 50, chunkBytes: 256 },
    });
    cleanups.push(() => s2.close());
    fs.appendFileSync(file, 'row 3001\n');
    await waitFor(() => c.lines.length >= 3001, 'the new line');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.lines).toEqual(numbered('row ', 1, 3001));
  });

  it('lines that left the backlog while the client was away are reported as dropped, not lost silently', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('l', 1, 10).join('\n') + '\n');
    const s1 = await serve({ input: file, backlogLines: 20 });
    const port = s1.port;
    const { c } = client(`${s1.url}/?backlog=all`);
    await waitFor(() => c.lines.length === 10, 'first lines');
    await s1.close({ abrupt: true });
    fs.appendFileSync(file, numbered('l', 11, 60).join('\n') + '\n');
    await serve({ input: file, port, backlogLines: 20 });
    await waitFor(() => c.lines.length === 30, 'the 20 lines still in the backlog');
    expect(c.lines.slice(10)).toEqual(numbered('l', 41, 60));
    await waitFor(() => c.status?.dropped === 30, 'the 30 lost lines to be counted');
  });

  it('publishes stdin; a plain WebSocket client (no ssrtail framing) gets plain text lines', async () => {
    const stdin = new PassThrough();
    const s = await serve({ input: '-' }, stdin);
    const plain = new WebSocket(`${s.url}/?backlog=5`);
    cleanups.push(() => plain.terminate());
    const got: string[] = [];
    plain.on('message', (d) => got.push(d.toString()));
    await new Promise((r) => plain.once('open', r));
    stdin.write('a\nb\n');
    await waitFor(() => got.join('\n').split('\n').length === 2, 'two plain lines');
    expect(got.join('\n')).toBe('a\nb');
    const { c } = client(`${s.url}/?backlog=5`);
    await waitFor(() => c.lines.length === 2, 'framed client backlog');
    expect(c.lines).toEqual(['a', 'b']);
  });

  it('a backlog that is not a whole number of lines or all (-1, abc) is refused with 400', async () => {
    const s = await serve({ input: '-' }, new PassThrough());
    for (const bad of ['-1', 'abc', '1.5']) {
      const { c } = client(`${s.url}/?backlog=${bad}`);
      await c.done;
      expect(c.status?.detail, bad).toMatch(/HTTP 400 Bad Request: ssrtail serve: backlog must be a whole number of lines or 'all'/);
    }
  });

  it('with no backlog at all, connected clients still get every line', async () => {
    const server = new LineServer({ host: '127.0.0.1', port: 0, backlogLines: 0 });
    const addr = await server.listen();
    cleanups.push(() => server.close());
    const { c } = client(`ws://127.0.0.1:${addr.port}/?backlog=all`);
    await waitFor(() => server.clientCount === 1, 'the client');
    server.publish('s', ['a', 'b', 'c']);
    await waitFor(() => c.lines.length === 3, 'three lines');
    expect(server.backlogSize).toBe(0);
    expect(c.status?.dropped).toBeUndefined();
  });

  it('many clients at once; a slow client does not slow the others and is told what it missed', async () => {
    const server = new LineServer({ host: '127.0.0.1', port: 0, backlogLines: 2000, clientBufferBytes: 16 << 10 });
    const addr = await server.listen();
    cleanups.push(() => server.close());
    const url = `ws://127.0.0.1:${addr.port}`;
    const fast = [client(url), client(url), client(url)];
    // the slow one: a raw client that stops reading its socket
    const slow = new WebSocket(url, { headers: { 'x-ssrtail-client': '1' } });
    cleanups.push(() => slow.terminate());
    const slowMsgs: string[] = [];
    slow.on('message', (d) => slowMsgs.push(d.toString()));
    await new Promise((r) => slow.once('open', r));
    await waitFor(() => server.clientCount === 4, 'four clients');
    slow.pause();
    // 12 MB: more than the kernel's socket buffers can hold for the paused client (4 MB send max by default)
    const line = 'x'.repeat(1000);
    for (let i = 1; i <= 12_000; i++) {
      server.publish('s1', [`${i} ${line}`]);
      if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const f of fast) await waitFor(() => f.c.lines.length === 12_000, 'every line on the fast clients', 15_000);
    for (const f of fast) expect(f.c.status?.dropped).toBeUndefined();
    slow.resume();
    await waitFor(() => slowMsgs.some((m) => m.includes('"t":"dropped"')), 'the drop notice', 15_000);
    const dropped = slowMsgs.filter((m) => m.includes('"t":"dropped"')).reduce((n, m) => n + JSON.parse(m).n, 0);
    const received = slowMsgs.filter((m) => m.includes('"t":"lines"')).reduce((n, m) => n + JSON.parse(m).l.length, 0);
    await waitFor(() => {
      const r = slowMsgs.filter((m) => m.includes('"t":"lines"')).reduce((n, m) => n + JSON.parse(m).l.length, 0);
      const d = slowMsgs.filter((m) => m.includes('"t":"dropped"')).reduce((n, m) => n + JSON.parse(m).n, 0);
      return r + d === 12_000;
    }, 'received + dropped = published', 15_000);
    expect(dropped).toBeGreaterThan(0);
    expect(received).toBeGreaterThan(0);
  }, 30_000);
});

describe('token', () => {
  it('binding another address than loopback needs a token', () => {
    expect(() => parseServeArgs(['app.log', '--host', '0.0.0.0'], {}, true)).toThrow(/without a password: set \$SSRTAIL_TOKEN/);
    expect(parseServeArgs(['app.log', '--host', '0.0.0.0'], { SSRTAIL_TOKEN: 't' }, true)).toMatchObject({ host: '0.0.0.0', token: 't' });
    expect(parseServeArgs(['app.log', '--host', '0.0.0.0', '--token', 'u'], {}, true)).toMatchObject({ token: 'u' });
    expect(parseServeArgs(['app.log'], {}, true)).toMatchObject({ host: '127.0.0.1', port: 8787, token: undefined });
  });

  it('a wrong or missing token gets 401; the right one streams', async () => {
    const stdin = new PassThrough();
    const s = await serve({ input: '-', token: 'right' }, stdin);
    const wrong = client(`${s.url}/?backlog=all`, { headers: { Authorization: 'Bearer wrong' } });
    await wrong.c.done;
    expect(wrong.c.status?.state).toBe('error');
    expect(wrong.c.status?.detail).toMatch(/401 Unauthorized/);
    const none = client(`${s.url}/?backlog=all`);
    await none.c.done;
    expect(none.c.status?.detail).toMatch(/401 Unauthorized/);
    const right = client(`${s.url}/?backlog=all`, { headers: { Authorization: 'Bearer right' } });
    stdin.write('secret line\n');
    await waitFor(() => right.c.lines.length === 1, 'the line with the right token');
    expect(right.c.lines).toEqual(['secret line']);
  });
});

describe('a 401 through the binary says what was refused', () => {
  it('a token from $SSRTAIL_TOKEN that is refused is named; with none, how to give one', async () => {
    const s = await serve({ input: '-', token: 'right' }, new PassThrough());
    const wrong = await runCli(['--ws', s.url, '--json'], { env: { SSRTAIL_TOKEN: 'wrong' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/401 Unauthorized: the token in \$SSRTAIL_TOKEN was refused/);
    const none = await runCli(['--ws', s.url, '--json'], { env: { SSRTAIL_TOKEN: '' } });
    expect(none.stderr).toMatch(/401 Unauthorized: the server wants credentials \(set \$SSRTAIL_TOKEN or pass --header\)/);
    const header = await runCli(['--ws', s.url, '--json', '--header', 'Authorization: Bearer nope'], { env: { SSRTAIL_TOKEN: 'right' } });
    expect(header.stderr).toMatch(/401 Unauthorized: the credentials sent \(--header, or the URL\) were refused/);
  });
});

describe('runServeCommand', () => {
  it('bad port, missing input and non-loopback without token exit 2 with one line', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    for (const [argv, msg] of [
      [['x.log', '--port', 'abc'], /--port must be a number from 0 to 65535/],
      [['x.log', '--port', '70000'], /--port must be a number/],
      [[], /give a FILE to publish, or pipe lines in/],
      [['x.log', '--host', '0.0.0.0'], /SSRTAIL_TOKEN/],
      [['x.log', '--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const err = sink();
      const code = await runServeCommand([...argv], { stderr: err.w, stdin: tty, env: {} });
      expect(code).toBe(2);
      expect(err.text).toMatch(msg);
      expect(err.text.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an address in use exits 2 with a clear message', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => blocker.close(r)));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = tempDir();
    const err = sink();
    const code = await runServeCommand([path.join(dir, 'a.log'), '--port', String(port)], { stderr: err.w, env: {} });
    expect(code).toBe(2);
    expect(err.text).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });

  it('says where it listens, serves until stopped, then exits 0', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'hello\n');
    const port = await freePort();
    const err = sink();
    const ac = new AbortController();
    const done = runServeCommand([file, '--port', String(port)], { stderr: err.w, env: {}, signal: ac.signal, follow: { pollMs: 50 } });
    await waitFor(() => err.text.includes('publishing'), 'the listening line');
    expect(err.text).toContain(`ssrtail serve: publishing ${file} on ws://127.0.0.1:${port}; connect with: ssrtail --ws ws://127.0.0.1:${port}`);
    const { c } = client(`ws://127.0.0.1:${port}/?backlog=1`, { reconnect: false });
    await waitFor(() => c.lines.length === 1, 'the line');
    ac.abort();
    expect(await done).toBe(0);
    await c.done;
    expect(c.status).toMatchObject({ state: 'closed', detail: 'the server went away: server shutting down' });
  });
});
