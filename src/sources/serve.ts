// The WebSocket server behind `ssrtail serve`: publishes lines to any number of clients. The HTTP side is here:
// listening, the upgrade (credentials and where a client starts: serve-request.ts), the heartbeat, the shutdown.
// What it serves: one shared, bounded backlog of recent lines (serve-backlog.ts); each client has a cursor into
// it and is sent as much as its socket takes, so a slow client never slows the others (serve-client.ts).
// Framing and resume: see protocol.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CLIENT_HEADER, PROTOCOL_VERSION } from './protocol.js';
import { Backlog } from './serve-backlog.js';
import { ServeClient } from './serve-client.js';
import { authorized, refuse, startOf } from './serve-request.js';
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

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

export class LineServer {
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly backlog: Backlog;
  private readonly clients = new Set<ServeClient>();
  private readonly sockets = new Set<Duplex>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly o: Required<Omit<LineServerOptions, 'token'>> & Pick<LineServerOptions, 'token'>;

  constructor(opts: LineServerOptions = {}) {
    this.o = withDefaults(
      { host: '127.0.0.1', port: 8787, backlogLines: 10_000, backlogBytes: 64 << 20, clientBufferBytes: 1 << 20, heartbeatMs: 30_000 },
      opts,
    );
    this.backlog = new Backlog({ lines: this.o.backlogLines, bytes: this.o.backlogBytes });
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
    return this.backlog.size;
  }

  /** Publishes lines of a stream (numbered on from its last line) to every client. */
  publish(stream: string, lines: string[]): void {
    if (lines.length === 0) return;
    this.backlog.push(stream, lines);
    // clients first, so that even a backlog of 0 lines passes lines on to clients that keep up
    for (const c of this.clients) c.pump();
    this.backlog.trim();
  }

  /** Whether a stream id was used before (a new file generation needs a new one). */
  hasStream(stream: string): boolean {
    return this.backlog.has(stream);
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    if (this.o.token !== undefined && !authorized(req, this.o.token)) {
      refuse(socket, 401, 'Unauthorized', 'ssrtail serve: wrong or missing token (send Authorization: Bearer <token>)', {
        'WWW-Authenticate': 'Bearer realm="ssrtail"',
      });
      return;
    }
    const start = startOf(req.url);
    if ('refused' in start) {
      refuse(socket, 400, 'Bad Request', start.refused);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const framed = req.headers[CLIENT_HEADER] === PROTOCOL_VERSION;
      const c = new ServeClient(ws, framed, this.backlog, this.o.clientBufferBytes, start);
      this.clients.add(c);
      if (c.framed) c.hello();
      ws.on('pong', () => (c.alive = true));
      ws.on('message', () => (c.alive = true));
      ws.on('error', () => {});
      ws.on('close', () => {
        c.stop();
        this.clients.delete(c);
      });
      c.pump();
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
      c.stop();
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
