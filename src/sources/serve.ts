// The WebSocket server behind `ssrtail serve`: publishes lines to any number of clients.
// One shared, bounded backlog (lines and bytes) holds recent lines; each client has a cursor into
// it and is sent as much as its socket takes (bufferedAmount under a bound), so a slow client
// never slows the others: it falls behind, and lines that leave the backlog before it takes them
// are counted and reported to it as dropped. Framing and resume: see protocol.ts.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CLIENT_HEADER, PROTOCOL_VERSION } from './protocol.js';
import { withDefaults } from './status.js';

export interface LineServerOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 8787; 0 = any free port */
  port?: number;
  /** required as `Authorization: Bearer <token>` when set */
  token?: string;
  /** recent lines kept (default 10000) and their size bound (default 64 MiB) */
  backlogLines?: number;
  backlogBytes?: number;
  /** bytes queued on one client's socket before it is considered behind (default 1 MiB) */
  clientBufferBytes?: number;
  /** ping interval; a client that has not answered by the next ping is dropped (ms, default 30000) */
  heartbeatMs?: number;
}

interface Entry {
  s: string;
  q: number;
  l: string;
}

interface StreamInfo {
  /** global index of the stream's first line, and the next seq to give */
  firstG: number;
  nextSeq: number;
}

interface Client {
  ws: WebSocket;
  framed: boolean;
  /** global index of the next line to send */
  cursor: number;
  /** lines the client already has: stream s up to seq q */
  skip?: { s: string; q: number };
  dropped: number;
  dropWhy: string;
  alive: boolean;
  retry?: NodeJS.Timeout;
}

const BATCH_LINES = 1000;
const BATCH_BYTES = 256 << 10;
const MAX_STREAMS = 1000;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

export class LineServer {
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private ring: Entry[] = [];
  private head = 0;
  /** global index of ring[head] */
  private base = 0;
  private bytes = 0;
  private readonly streams = new Map<string, StreamInfo>();
  private readonly clients = new Set<Client>();
  private readonly sockets = new Set<Duplex>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly o: Required<Omit<LineServerOptions, 'token'>> & Pick<LineServerOptions, 'token'>;

  constructor(opts: LineServerOptions = {}) {
    this.o = withDefaults(
      { host: '127.0.0.1', port: 8787, backlogLines: 10_000, backlogBytes: 64 << 20, clientBufferBytes: 1 << 20, heartbeatMs: 30_000 },
      opts,
    );
    this.http = http.createServer((req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      res.end('ssrtail serve: this is a WebSocket endpoint. Connect with: ssrtail --ws ws://HOST:PORT\n');
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 64 << 10 });
    this.wss.on('headers', (headers, req) => {
      if (req.headers[CLIENT_HEADER] === PROTOCOL_VERSION) headers.push(`X-Ssrtail-Serve: ${PROTOCOL_VERSION}`);
    });
    this.http.on('connection', (sock) => {
      this.sockets.add(sock);
      sock.on('close', () => this.sockets.delete(sock));
    });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  /** Starts listening; rejects with one clear sentence (address in use, no such address...). */
  listen(): Promise<AddressInfo> {
    const { host, port } = this.o;
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.http.off('listening', onListening);
        reject(new Error(describeListenError(err, host, port)));
      };
      const onListening = () => {
        this.http.off('error', onError);
        this.heartbeat = setInterval(() => this.beat(), this.o.heartbeatMs);
        resolve(this.http.address() as AddressInfo);
      };
      this.http.once('error', onError);
      this.http.once('listening', onListening);
      this.http.listen(port, host);
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** lines held in the backlog */
  get backlogSize(): number {
    return this.ring.length - this.head;
  }

  private get end(): number {
    return this.base + this.ring.length - this.head;
  }

  /** Publishes lines of a stream (numbered on from its last line) to every client. */
  publish(stream: string, lines: string[]): void {
    if (lines.length === 0) return;
    let info = this.streams.get(stream);
    if (!info) {
      info = { firstG: this.end, nextSeq: 1 };
      this.streams.set(stream, info);
      if (this.streams.size > MAX_STREAMS) this.streams.delete(this.streams.keys().next().value!);
    }
    for (const l of lines) {
      this.ring.push({ s: stream, q: info.nextSeq++, l });
      this.bytes += l.length + 48;
    }
    // clients first, so that even a backlog of 0 lines passes lines on to clients that keep up
    for (const c of this.clients) this.pump(c);
    this.evict();
  }

  /** Whether a stream id was used before (a new file generation needs a new one). */
  hasStream(stream: string): boolean {
    return this.streams.has(stream);
  }

  private evict(): void {
    while (this.ring.length - this.head > 0 && (this.ring.length - this.head > this.o.backlogLines || this.bytes > this.o.backlogBytes)) {
      const e = this.ring[this.head]!;
      this.bytes -= e.l.length + 48;
      this.head++;
      this.base++;
    }
    if (this.head > 4096 && this.head * 2 > this.ring.length) {
      this.ring = this.ring.slice(this.head);
      this.head = 0;
    }
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    if (this.o.token !== undefined && !this.authorized(req)) {
      refuse(socket, 401, 'Unauthorized', 'ssrtail serve: wrong or missing token (send Authorization: Bearer <token>)', {
        'WWW-Authenticate': 'Bearer realm="ssrtail"',
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const backlog = url.searchParams.get('backlog');
    const since = url.searchParams.get('since');
    const stream = url.searchParams.get('stream');
    let backlogN = 0;
    if (backlog !== null) {
      backlogN = backlog === 'all' ? Infinity : Number(backlog);
      if ((!Number.isSafeInteger(backlogN) || backlogN < 0) && backlogN !== Infinity) {
        refuse(socket, 400, 'Bad Request', "ssrtail serve: backlog must be a whole number of lines or 'all'");
        return;
      }
    }
    let sinceQ: number | undefined;
    if (since !== null && stream !== null) {
      sinceQ = Number(since);
      if (!Number.isSafeInteger(sinceQ) || sinceQ < 0) {
        refuse(socket, 400, 'Bad Request', 'ssrtail serve: since must be a line number');
        return;
      }
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const c: Client = {
        ws, framed: req.headers[CLIENT_HEADER] === PROTOCOL_VERSION, cursor: this.end, dropped: 0, dropWhy: '', alive: true,
      };
      if (sinceQ !== undefined && stream !== null) this.resume(c, stream, sinceQ);
      else if (backlogN > 0) c.cursor = Math.max(this.base, this.end - backlogN);
      this.clients.add(c);
      if (c.framed) this.hello(c);
      ws.on('pong', () => (c.alive = true));
      ws.on('message', () => (c.alive = true));
      ws.on('error', () => {});
      ws.on('close', () => {
        if (c.retry) clearTimeout(c.retry);
        this.clients.delete(c);
      });
      this.pump(c);
    });
  }

  /** Tells a framed client where it starts: after this line (lets it resume even if no line comes). */
  private hello(c: Client): void {
    let s: string | undefined;
    let q = 0;
    const at = c.cursor - this.base + this.head;
    if (c.skip) {
      s = c.skip.s;
      q = c.skip.q;
    } else if (c.cursor > this.base) {
      const e = this.ring[at - 1]!;
      s = e.s;
      q = e.q;
    } else if (at < this.ring.length) {
      const e = this.ring[at]!;
      s = e.s;
      q = e.q - 1;
    }
    if (s !== undefined) c.ws.send(JSON.stringify({ t: 'hello', s, q }));
  }

  /** Positions a reconnecting client right after the last line it has. */
  private resume(c: Client, stream: string, q: number): void {
    c.skip = { s: stream, q };
    const info = this.streams.get(stream);
    if (!info) {
      // another stream (a restarted stdin, a replaced file), or one not read yet: all of the backlog
      // is new to the client, except lines of its stream it already has (skipped as they come)
      c.cursor = this.base;
      return;
    }
    const g = info.firstG + q; // seq q is global index firstG + q - 1; the next one is at firstG + q
    c.cursor = Math.min(g, this.end);
    if (c.cursor < this.base) c.dropWhy = 'these lines left the backlog while the client was away';
  }

  private authorized(req: http.IncomingMessage): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const a = crypto.createHash('sha256').update(m[1]!.trim()).digest();
    const b = crypto.createHash('sha256').update(this.o.token!).digest();
    return crypto.timingSafeEqual(a, b);
  }

  private pump(c: Client): void {
    const ws = c.ws;
    while (ws.readyState === WebSocket.OPEN && (c.cursor < this.end || c.dropped > 0)) {
      if (ws.bufferedAmount >= this.o.clientBufferBytes) {
        // behind: carry on when the socket has drained (send callbacks), or soon at the latest
        c.retry ??= setTimeout(() => {
          c.retry = undefined;
          this.pump(c);
        }, 200);
        return;
      }
      if (c.cursor < this.base) {
        c.dropped += this.base - c.cursor;
        c.dropWhy ||= 'this client was too slow: the lines left the backlog before it took them';
        c.cursor = this.base;
      }
      if (c.dropped > 0) {
        const n = c.dropped;
        c.dropped = 0;
        const why = c.dropWhy || 'this client was too slow';
        c.dropWhy = '';
        this.send(c, c.framed ? JSON.stringify({ t: 'dropped', n, why }) : `ssrtail serve: ${n} lines dropped (${why})`);
        continue;
      }
      let i = c.cursor - this.base + this.head;
      const lines: string[] = [];
      let s: string | undefined;
      let q = 0;
      let bytes = 0;
      while (i < this.ring.length && lines.length < BATCH_LINES && bytes < BATCH_BYTES) {
        const e = this.ring[i]!;
        if (s !== undefined && e.s !== s) break;
        i++;
        if (c.skip && e.s === c.skip.s) {
          if (e.q <= c.skip.q) continue;
          c.skip = undefined;
        }
        if (s === undefined) {
          s = e.s;
          q = e.q;
        }
        lines.push(e.l);
        bytes += e.l.length;
      }
      c.cursor = i - this.head + this.base;
      if (lines.length) this.send(c, c.framed ? JSON.stringify({ t: 'lines', s, q, l: lines }) : lines.join('\n'));
    }
  }

  private send(c: Client, text: string): void {
    c.ws.send(text, (err) => {
      if (!err && c.cursor < this.end && c.ws.bufferedAmount < this.o.clientBufferBytes) this.pump(c);
    });
  }

  private beat(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        // closing
      }
    }
  }

  /** Closes every client (1001) and the listener. `abrupt` drops connections like a killed process. */
  async close(opts: { abrupt?: boolean } = {}): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    for (const c of this.clients) {
      if (c.retry) clearTimeout(c.retry);
      if (opts.abrupt) c.ws.terminate();
      else c.ws.close(1001, 'server shutting down');
    }
    if (opts.abrupt) for (const s of this.sockets) s.destroy();
    this.http.closeIdleConnections();
    const force = setTimeout(() => {
      for (const c of this.clients) c.ws.terminate();
      for (const s of this.sockets) s.destroy();
    }, 1000);
    await closed;
    clearTimeout(force);
    this.wss.close();
  }
}

function refuse(socket: Duplex, status: number, text: string, body: string, headers: Record<string, string> = {}): void {
  const head = [`HTTP/1.1 ${status} ${text}`, 'Connection: close', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  socket.end(head.join('\r\n') + '\r\n\r\n' + body);
}

export function describeListenError(err: NodeJS.ErrnoException, host: string, port: number): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another ssrtail serve?): pick another with --port`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}: not an address of this machine`;
    case 'EACCES':
      return `not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${host}: host name not found`;
    default:
      return `cannot listen on ${host}:${port}: ${err.message}`;
  }
}
