// A WebSocket client connection that keeps itself alive: reconnects with exponential backoff and
// jitter, pings to find a dead peer, and turns every failure into one plain sentence (refused,
// host not found, 401/403, TLS, closed by the server...: socket-errors.ts). A URL that points at
// nothing that can be this feed ends the source while it has never connected. Used by ws.ts and loki.ts.
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type WebSocket from 'ws';
import { describeClose, describeError, describeHttp, oneLine } from './socket-errors.js';
import { withDefaults, type StatusEmitter } from './status.js';
import type { LineQueue } from './queue.js';

export interface SocketOptions {
  /** extra request headers (Authorization, X-Scope-OrgID, ...) */
  headers?: Record<string, string>;
  /** reconnect when the connection ends (default true); false: the source ends with it */
  reconnect?: boolean;
  /** ping interval; a peer that has not answered by the next ping is dropped (ms, default 15000) */
  heartbeatMs?: number;
  /** how long the opening handshake may take (ms, default 10000) */
  handshakeTimeoutMs?: number;
  /** first retry delay and cap (ms, defaults 500 and 30000); each retry doubles, with jitter */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** a connection that stayed up this long resets the backoff (ms, default 5000) */
  stableMs?: number;
  /** largest message accepted (bytes, default 64 MiB) */
  maxPayload?: number;
  /** what a 401 means here, in words (`the token in $SSRTAIL_TOKEN was refused`); default: the server wants credentials */
  authHint?: string;
  /** resolves the host name (default: the system's, dns.lookup) */
  lookup?: LookupFunction;
}

export interface SocketHooks {
  /** URL of the next attempt (lets a source add resume parameters) */
  url(): string;
  onOpen?(res: IncomingMessage | undefined): void;
  onMessage(data: Buffer, isBinary: boolean): void;
}

interface Outcome {
  opened: boolean;
  livedMs: number;
  /** why it ended, in words */
  reason: string;
  /** retrying cannot help (bad URL, 401/403, 4xx) */
  fatal?: boolean;
  /** the URL points at nothing that can be this feed (no such host, not a WebSocket server): fatal until it has connected once */
  wrongUrl?: boolean;
}

/** Delay before retry number `attempt` (1-based): doubling from min, capped, with "equal jitter". */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, rand = Math.random): number {
  const exp = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (rand() * exp) / 2);
}

export function formatDelay(ms: number): string {
  return ms < 1000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

export class ReconnectingSocket {
  private ws: WebSocket | undefined;
  private stopped = false;
  private sleepTimer: NodeJS.Timeout | undefined;
  private sleepDone: (() => void) | undefined;
  private readonly o: Required<Omit<SocketOptions, 'authHint' | 'lookup'>> & Pick<SocketOptions, 'authHint' | 'lookup'>;

  constructor(
    private readonly name: string,
    opts: SocketOptions,
    private readonly hooks: SocketHooks,
    private readonly status: StatusEmitter,
  ) {
    this.o = withDefaults(
      {
        headers: {} as Record<string, string>, reconnect: true, heartbeatMs: 15_000, handshakeTimeoutMs: 10_000,
        backoffMinMs: 500, backoffMaxMs: 30_000, stableMs: 5000, maxPayload: 64 << 20,
      },
      opts,
    );
  }

  /** Connects and keeps connecting; resolves when the source has ended for good. */
  async run(): Promise<void> {
    let attempt = 0;
    let lastReason = '';
    let everOpened = false;
    while (!this.stopped) {
      this.status.set('connecting', attempt === 0 ? undefined : `attempt ${attempt + 1} (last error: ${lastReason})`);
      const out = await this.connectOnce();
      lastReason = out.reason;
      everOpened ||= out.opened;
      if (this.stopped) {
        this.status.set('closed', 'stopped');
        return;
      }
      if (out.fatal || (out.wrongUrl && !everOpened)) {
        this.status.set('error', `${this.name}: ${out.reason}`);
        return;
      }
      if (!this.o.reconnect) {
        if (out.opened) this.status.set('closed', out.reason);
        else this.status.set('error', `${this.name}: ${out.reason}`);
        return;
      }
      if (out.opened && out.livedMs >= this.o.stableMs) attempt = 0;
      attempt++;
      const delay = backoffDelay(attempt, this.o.backoffMinMs, this.o.backoffMaxMs);
      this.status.set('retrying', `retrying in ${formatDelay(delay)}: ${out.reason}`);
      await this.sleep(delay);
    }
    this.status.set('closed', 'stopped');
  }

  stop(): void {
    this.stopped = true;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepDone?.();
    const ws = this.ws;
    if (ws && ws.readyState === ws.OPEN) ws.close(1000, 'client stopped');
    else ws?.terminate();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepDone = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }

  private async connectOnce(): Promise<Outcome> {
    // ws (and Node's http, https, tls, crypto under it) loads with the first connection: ~25 ms of every start
    // of a file or stdin session that never connects
    const { default: WebSocket } = await import('ws');
    if (this.stopped) return { opened: false, livedMs: 0, reason: 'stopped' };
    return new Promise<Outcome>((resolve) => {
      const url = this.hooks.url();
      let ws: WebSocket;
      try {
        ws = new WebSocket(url, {
          headers: this.o.headers,
          handshakeTimeout: this.o.handshakeTimeoutMs,
          maxPayload: this.o.maxPayload,
          // a redirect could carry the token to another host: say where it points instead
          followRedirects: false,
          ...(this.o.lookup ? { lookup: this.o.lookup } : {}),
        });
      } catch (err) {
        resolve({ opened: false, livedMs: 0, reason: `not a usable WebSocket URL: ${(err as Error).message}`, fatal: true });
        return;
      }
      this.ws = ws;
      let openedAt = 0;
      let response: IncomingMessage | undefined;
      let http: { status: number; text: string; body: string } | undefined;
      let lastError: Error | undefined;
      let deadPeer = false;
      let alive = true;
      let beat: NodeJS.Timeout | undefined;

      ws.on('upgrade', (res) => (response = res));
      ws.on('unexpected-response', (_req, res) => {
        const loc = res.headers.location;
        http = { status: res.statusCode ?? 0, text: res.statusMessage ?? '', body: loc ? `redirected to ${loc}: use that URL` : '' };
        const stop = () => ws.terminate();
        const t = setTimeout(stop, 1000);
        res.on('data', (c: Buffer) => {
          if (!loc && http!.body.length < 300) http!.body += c.toString('utf8');
        });
        res.on('end', () => {
          clearTimeout(t);
          stop();
        });
        res.on('error', () => {
          clearTimeout(t);
          stop();
        });
      });
      ws.on('open', () => {
        openedAt = Date.now();
        this.status.set('live', 'connected');
        this.hooks.onOpen?.(response);
        beat = setInterval(() => {
          if (!alive) {
            deadPeer = true;
            ws.terminate();
            return;
          }
          alive = false;
          try {
            ws.ping();
          } catch {
            // closing already
          }
        }, this.o.heartbeatMs);
      });
      ws.on('message', (data, isBinary) => {
        alive = true;
        const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        this.hooks.onMessage(buf, isBinary);
      });
      ws.on('pong', () => (alive = true));
      ws.on('error', (err) => (lastError = err));
      ws.on('close', (code, reasonBuf) => {
        if (beat) clearInterval(beat);
        this.ws = undefined;
        const opened = openedAt > 0;
        const livedMs = opened ? Date.now() - openedAt : 0;
        if (http) {
          resolve({ opened, livedMs, ...describeHttp(http.status, http.text, http.body, this.o.authHint) });
          return;
        }
        if (deadPeer) resolve({ opened, livedMs, reason: `no answer to ping within ${formatDelay(this.o.heartbeatMs)}: connection dropped` });
        else if (!opened) resolve({ opened, livedMs, ...describeError(lastError, url) });
        else resolve({ opened, livedMs, reason: describeClose(code, reasonBuf.toString('utf8'), lastError, this.o.maxPayload) });
      });
    });
  }
}

/** Runs a socket source until it ends for good, then hands over what its queue and status still hold. */
export async function runToEnd(socket: ReconnectingSocket, queue: LineQueue, status: StatusEmitter, stopped: boolean): Promise<void> {
  if (stopped) socket.stop();
  await socket.run();
  queue.close();
  status.flush();
  status.dispose();
}

/** Parses --header 'Name: value' flags; throws one clear line on a malformed one. */
export function parseHeaders(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!name || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new Error(`--header must look like 'Name: value' (got '${oneLine(h).slice(0, 60)}')`);
    }
    const value = h.slice(i + 1).trim();
    if (/[\r\n\0]/.test(value)) throw new Error(`--header ${name}: the value must be one line`);
    out[name] = value;
  }
  return out;
}

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  const n = name.toLowerCase();
  return Object.keys(headers).some((k) => k.toLowerCase() === n);
}

const SECRET_PARAM = /token|key|secret|pass|auth|sig|session|cookie/i;

/** A URL fit to show: no user:password, secret-looking query values masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) if (SECRET_PARAM.test(k)) u.searchParams.set(k, '***');
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return url;
  }
}
