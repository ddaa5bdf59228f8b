// A WebSocket client connection that keeps itself alive: reconnects with exponential backoff and
// jitter, pings to find a dead peer, and turns every failure into one plain sentence (refused,
// host not found, 401/403, TLS, closed by the server...). Used by ws.ts and loki.ts.
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { sanitize } from '../util/sanitize.js';
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
  private readonly o: Required<Omit<SocketOptions, 'authHint'>> & Pick<SocketOptions, 'authHint'>;

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
    while (!this.stopped) {
      this.status.set('connecting', attempt === 0 ? undefined : `attempt ${attempt + 1} (last error: ${lastReason})`);
      const out = await this.connectOnce();
      lastReason = out.reason;
      if (this.stopped) {
        this.status.set('closed', 'stopped');
        return;
      }
      if (out.fatal) {
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
    if (ws && ws.readyState === WebSocket.OPEN) ws.close(1000, 'client stopped');
    else ws?.terminate();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepDone = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }

  private connectOnce(): Promise<Outcome> {
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
        let reason: string;
        if (deadPeer) reason = `no answer to ping within ${formatDelay(this.o.heartbeatMs)}: connection dropped`;
        else if (!opened) reason = describeError(lastError, url);
        else reason = describeClose(code, reasonBuf.toString('utf8'), lastError);
        resolve({ opened, livedMs, reason });
      });
    });
  }
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

/** A failed connection attempt, in words. */
/** Runs a socket source until it ends for good, then hands over what its queue and status still hold. */
export async function runToEnd(socket: ReconnectingSocket, queue: LineQueue, status: StatusEmitter, stopped: boolean): Promise<void> {
  if (stopped) socket.stop();
  await socket.run();
  queue.close();
  status.flush();
  status.dispose();
}

export function describeError(err: Error | undefined, url: string): string {
  if (!err) return 'connection failed';
  const e = err as NodeJS.ErrnoException;
  const host = hostOf(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host} (nothing listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${host.replace(/:\d+$/, '')}`;
    case 'ETIMEDOUT':
      return `no answer from ${host} (timed out)`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable`;
    case 'EPROTO':
      return `TLS handshake with ${host} failed (is it plain ws://, not wss://?)`;
  }
  if (e.code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) return `TLS error from ${host}: ${e.code}`;
  if (/handshake has timed out/i.test(e.message)) return `no answer from ${host} (handshake timed out)`;
  return `${host}: ${oneLine(e.message)}`;
}

/** An HTTP answer instead of a WebSocket upgrade. 3xx and 4xx (but 408/429) cannot be fixed by retrying. */
export function describeHttp(status: number, text: string, body: string, authHint?: string): { reason: string; fatal: boolean } {
  const said = oneLine(body).slice(0, 200);
  const tail = said ? `: ${said}` : '';
  if (status === 401) {
    return { reason: `401 Unauthorized: ${authHint ?? 'the server wants credentials'}`, fatal: true };
  }
  if (status === 403) return { reason: `403 Forbidden: the credentials were refused${tail}`, fatal: true };
  const fatal = status >= 300 && status < 500 && status !== 408 && status !== 429;
  return { reason: `HTTP ${status}${text ? ' ' + oneLine(text) : ''}${tail}`, fatal };
}

/** An open connection that ended, in words. */
export function describeClose(code: number, reason: string, err?: Error): string {
  const why = reason ? `: ${oneLine(reason)}` : '';
  switch (code) {
    case 1000:
      return `closed by the server${why}`;
    case 1001:
      return `the server went away${why}`;
    case 1005:
      return 'closed by the server (no status)';
    case 1006:
      return err ? `connection lost: ${oneLine(err.message)}` : 'connection lost';
    case 1009:
      return `message too big${why}`;
    default:
      return `closed (code ${code})${why}`;
  }
}

function oneLine(s: string): string {
  return sanitize(s.replace(/\s+/g, ' ').trim());
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
