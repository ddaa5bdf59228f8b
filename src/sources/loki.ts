// `--loki URL --query '<LogQL>'`: Grafana Loki's WebSocket tail endpoint, GET /loki/api/v1/tail
// with `query`, `limit`, `start` (ns epoch) and `delay_for` (s, at most 5). Each message is
//   {"streams":[{"stream":{labels},"values":[["<ns>","<line>"(, {metadata})], ...]}],
//    "dropped_entries":[{"labels":{...},"timestamp":"<ns>"}]}
// Entries go through the same parsers as any line; dropped_entries (the tailer could not keep
// up) are counted as dropped. On reconnect the tail starts again a little before the newest
// entry seen, and entries already delivered are recognised and skipped, so none arrives twice.
// With --since/--until the window is read first with query_range (loki-range.ts); --until ends the source
// there, --since alone goes on with the tail from the newest entry read.
import type { LineSource, SourceStatus } from '../model.js';
import { LineSplitter } from './lines.js';
import { byTime, streamEntries, type StreamEntry } from './document.js';
import { lokiEndpointUrl, msToNs } from './loki-api.js';
import { LokiRange } from './loki-range.js';
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
  /** --since/--until: read this window with query_range first (ns epoch); without an end, tail on from there */
  range?: { startNs: bigint; endNs?: bigint };
  /** query_range entries per page (default Loki's 5000) */
  pageLimit?: number;
}

/** entries remembered for skipping duplicates at most */
const MAX_SEEN = 200_000;

export class LokiSource implements LineSource {
  /** a window with an end is read and ended, like a file */
  readonly live: boolean;
  readonly name: string;
  private socket: ReconnectingSocket | undefined;
  private range: LokiRange | undefined;
  /** entries delivered */
  private taken = 0;
  private stopped = false;
  private newest: bigint | undefined;
  /** key -> ns time of entries delivered in the overlap window */
  private seen = new Map<string, bigint>();
  private readonly tailUrl: URL;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly baseUrl: string,
    private readonly opts: LokiSourceOptions,
  ) {
    const given = new URL(baseUrl);
    this.tailUrl = lokiEndpointUrl(baseUrl, 'tail');
    this.name = `${redactUrl(baseUrl)} ${opts.query}`;
    this.live = opts.range?.endNs === undefined;
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
    if (this.opts.range && !(await this.readRange(this.opts.range, queue, status, authHint))) {
      queue.close();
      status.flush();
      status.dispose();
      return;
    }
    await runToEnd(this.socket, queue, status, this.stopped);
  }

  stop(): void {
    this.stopped = true;
    this.range?.stop();
    this.socket?.stop();
  }

  /** The window, page by page; true when the tail should go on from its end. */
  private async readRange(w: { startNs: bigint; endNs?: bigint }, queue: LineQueue, status: StatusEmitter, authHint: string): Promise<boolean> {
    const endNs = w.endNs ?? msToNs(Date.now());
    const range = (this.range = new LokiRange(
      { base: this.baseUrl, query: this.opts.query, headers: this.headers, authHint, startNs: w.startNs, endNs, pageLimit: this.opts.pageLimit,
        backoffMinMs: this.opts.backoffMinMs, backoffMaxMs: this.opts.backoffMaxMs },
      status,
    ));
    if (this.stopped) range.stop();
    const ok = await range.run(async (page) => {
      queue.push(this.take(page));
      // the pipeline takes each page before the next is asked for: the queue's bound is never hit
      while (queue.length > 0 && !this.stopped) await new Promise((r) => setImmediate(r));
    });
    if (!ok || this.stopped) return false;
    if (w.endNs !== undefined) {
      status.set('ended', `${this.taken.toLocaleString('en-US')} entries from Loki in the window`);
      return false;
    }
    // the tail goes on from the newest entry read (or from the window's end when it had none)
    this.newest ??= endNs;
    return true;
  }

  private overlapNs(): bigint {
    return msToNs(this.opts.overlapMs ?? 5000);
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
    queue.push(this.take(streamEntries(m.streams).sort(byTime)));
  }

  /** The lines of entries not delivered before (a reconnect's overlap, a page's first nanosecond). */
  private take(entries: StreamEntry[]): string[] {
    const out: string[] = [];
    for (const e of entries) {
      const key = `${e.ts}\u0000${e.labels}\u0000${e.line}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, e.ts);
      this.taken++;
      if (this.newest === undefined || e.ts > this.newest) this.newest = e.ts;
      for (const l of LineSplitter.split(e.line)) out.push(l);
    }
    this.prune();
    return out;
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
