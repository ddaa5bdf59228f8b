// `--loki URL --query '<LogQL>'`: Grafana Loki's WebSocket tail endpoint, GET /loki/api/v1/tail
// with `query`, `limit`, `start` (ns epoch) and `delay_for` (s, at most 5). Each message is
//   {"streams":[{"stream":{labels},"values":[["<ns>","<line>"(, {metadata})], ...]}],
//    "dropped_entries":[{"labels":{...},"timestamp":"<ns>"}]}
// Entries go through the same parsers as any line; dropped_entries (the tailer could not keep
// up) are counted as dropped. On reconnect the tail starts again a little before the newest
// entry seen, and entries already delivered are recognised and skipped, so none arrives twice.
import type { LineSource, SourceStatus } from '../model.js';
import { LineSplitter } from './lines.js';
import { byTime, streamEntries } from './document.js';
import { LineQueue } from './queue.js';
import { ReconnectingSocket, runToEnd, redactUrl, type SocketOptions } from './socket.js';
import { StatusEmitter } from './status.js';

export interface LokiSourceOptions extends SocketOptions {
  query: string;
  user?: string;
  password?: string;
  /** X-Scope-OrgID */
  tenant?: string;
  /** entries Loki sends from before the connection (default 1000) */
  limit?: number;
  /** seconds Loki waits for slow loggers (0..5) */
  delayForS?: number;
  /** where the first connection starts (ns epoch; default: Loki's, one hour ago) */
  startNs?: bigint;
  /** how far before the newest entry a reconnect starts again, to catch late entries (ms, default 5000) */
  overlapMs?: number;
  maxQueuedLines?: number;
}

const TAIL_PATH = '/loki/api/v1/tail';
/** entries remembered for skipping duplicates at most */
const MAX_SEEN = 200_000;

/** The tail endpoint's ws(s) URL for a Loki base URL (http(s) or ws(s), with or without a path prefix). */
export function lokiTailUrl(base: string): URL {
  const u = new URL(base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new Error(`--loki: expected an http(s) URL, got ${u.protocol}`);
  if (!u.pathname.endsWith(TAIL_PATH)) u.pathname = u.pathname.replace(/\/+$/, '') + TAIL_PATH;
  u.username = '';
  u.password = '';
  return u;
}

export class LokiSource implements LineSource {
  readonly live = true;
  readonly name: string;
  private socket: ReconnectingSocket | undefined;
  private stopped = false;
  private newest: bigint | undefined;
  /** key -> ns time of entries delivered in the overlap window */
  private seen = new Map<string, bigint>();
  private readonly tailUrl: URL;
  private readonly headers: Record<string, string>;

  constructor(
    baseUrl: string,
    private readonly opts: LokiSourceOptions,
  ) {
    const given = new URL(baseUrl);
    this.tailUrl = lokiTailUrl(baseUrl);
    this.name = `${redactUrl(baseUrl)} ${opts.query}`;
    this.headers = { ...opts.headers };
    const user = opts.user ?? (given.username ? decodeURIComponent(given.username) : undefined);
    const password = opts.password ?? decodeURIComponent(given.password);
    if (user !== undefined) this.headers.Authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
    if (opts.tenant) this.headers['X-Scope-OrgID'] = opts.tenant;
  }

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    const status = new StatusEmitter(onStatus);
    const queue = new LineQueue(onLines, (n) => status.addDropped(n), this.opts.maxQueuedLines);
    const authHint = this.headers.Authorization
      ? 'the credentials sent (--loki-user and $SSRTAIL_LOKI_PASSWORD, or the URL) were refused'
      : 'the server wants credentials (give --loki-user and $SSRTAIL_LOKI_PASSWORD, or user:password in the URL)';
    this.socket = new ReconnectingSocket(this.name, { ...this.opts, headers: this.headers, authHint }, {
      url: () => this.nextUrl(),
      onMessage: (data) => this.onMessage(data, queue, status),
    }, status);
    await runToEnd(this.socket, queue, status, this.stopped);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.stop();
  }

  private overlapNs(): bigint {
    return BigInt(this.opts.overlapMs ?? 5000) * 1_000_000n;
  }

  nextUrl(): string {
    const u = new URL(this.tailUrl);
    u.searchParams.set('query', this.opts.query);
    u.searchParams.set('limit', String(this.opts.limit ?? 1000));
    if (this.opts.delayForS !== undefined) u.searchParams.set('delay_for', String(this.opts.delayForS));
    const start = this.newest !== undefined ? this.newest - this.overlapNs() : this.opts.startNs;
    if (start !== undefined) u.searchParams.set('start', String(start < 0n ? 0n : start));
    return u.toString();
  }

  private onMessage(data: Buffer, queue: LineQueue, status: StatusEmitter): void {
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      status.set('live', 'Loki sent a message that is not JSON: ignored');
      return;
    }
    const m = (msg ?? {}) as { streams?: unknown; dropped_entries?: unknown };
    if (Array.isArray(m.dropped_entries) && m.dropped_entries.length) status.addDropped(m.dropped_entries.length);
    if (!Array.isArray(m.streams)) return;
    const entries = streamEntries(m.streams).sort(byTime);
    const out: string[] = [];
    for (const e of entries) {
      const key = `${e.ts}\u0000${e.labels}\u0000${e.line}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, e.ts);
      if (this.newest === undefined || e.ts > this.newest) this.newest = e.ts;
      for (const l of LineSplitter.split(e.line)) out.push(l);
    }
    this.prune();
    queue.push(out);
  }

  /** Forgets entries older than the overlap window: a reconnect never asks for them again. */
  private prune(): void {
    if (this.newest === undefined) return;
    const floor = this.newest - this.overlapNs();
    // insertion order is (nearly) time order: stop at the first entry still inside the window
    for (const [k, ts] of this.seen) {
      if (ts < floor || this.seen.size > MAX_SEEN) this.seen.delete(k);
      else break;
    }
  }
}
