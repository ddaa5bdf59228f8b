// Real sockets on 127.0.0.1 and real bash: a server that records exactly what it received, servers that
// answer slowly or never, a port nobody listens on, and a way to run a generated command through bash.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Recorded {
  method: string;
  /** request target as received (raw) */
  url: string;
  /** header names and values as received, values decoded as UTF-8 (HTTP carries bytes) */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface TestServer {
  port: number;
  base: string;
  received: Recorded[];
  close(): Promise<void>;
}

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

function closeServer(s: http.Server | net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const so of sockets) so.destroy();
  return new Promise((r) => s.close(() => r()));
}

function track(s: http.Server | net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  s.on('connection', (so: net.Socket) => {
    sockets.add(so);
    so.on('close', () => sockets.delete(so));
  });
  return sockets;
}

function listen(s: http.Server | net.Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));
}

/**
 * Answers every request with `status` (after `delayMs`) and records it. Big header limit: the tests send
 * 100 KB values.
 */
export async function recordingServer(opts: { status?: number; delayMs?: number; body?: string } = {}): Promise<TestServer> {
  const received: Recorded[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const s = http.createServer({ maxHeaderSize: 4 * 1024 * 1024 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = req.rawHeaders;
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, utf8(raw[i + 1]!)]);
      received.push({ method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks) });
      const t = setTimeout(() => {
        timers.delete(t);
        res.writeHead(opts.status ?? 200, { 'Content-Type': 'text/plain' });
        res.end(opts.body ?? 'recorded');
      }, opts.delayMs ?? 0);
      timers.add(t);
    });
  });
  const sockets = track(s);
  const port = await listen(s);
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      for (const t of timers) clearTimeout(t);
      return closeServer(s, sockets);
    },
  };
}

/** Accepts connections and never says a word. */
export async function hangingServer(): Promise<TestServer & { connections: () => number }> {
  let n = 0;
  const s = net.createServer(() => {
    n++;
  });
  const sockets = track(s);
  const port = await listen(s);
  return { port, base: `http://127.0.0.1:${port}`, received: [], connections: () => n, close: () => closeServer(s, sockets) };
}

/** A loopback port with nothing listening (bound, then closed). */
export async function refusedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-curl-'));
}

export interface BashResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a script with real bash, the script on stdin (no argument-length limit), in a clean environment:
 * a C locale (the quoting must not depend on it), an empty HOME (no ~/.curlrc), no proxy variables.
 */
export function runBash(script: string, opts: { timeoutMs?: number; cwd?: string } = {}): Promise<BashResult> {
  const home = tempDir();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-s'], {
      cwd: opts.cwd ?? home,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bash did not finish in ${opts.timeoutMs ?? 20000} ms: ${err}`));
    }, opts.timeoutMs ?? 20000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(script);
  });
}

/** The received headers curl adds itself (Host) left out, in order. */
export function sentHeaders(r: Recorded): Array<[string, string]> {
  return r.headers.filter(([n]) => n.toLowerCase() !== 'host');
}

export function header(r: Recorded, name: string): string[] {
  return r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}
