// One client of `ssrtail serve` (serve.ts): a cursor into the shared backlog (serve-backlog.ts), and sent as much
// as its socket takes (bufferedAmount under a bound), so a slow client never slows the others: it falls behind,
// and lines that leave the backlog before it takes them are counted and reported to it as dropped.
// A framed client (protocol.ts) gets JSON messages that number the lines; a plain one, the lines as text.
import { WebSocket } from 'ws';
import type { Backlog } from './serve-backlog.js';

const BATCH_LINES = 1000;
const BATCH_BYTES = 256 << 10;

/** Where a client starts: right after the last line it has (a reconnect), or that many lines back (0: at the end). */
export type StartAt = { stream: string; q: number } | { backlog: number };

export class ServeClient {
  /** answered since the last ping */
  alive = true;
  /** global index of the next line to send */
  private cursor: number;
  /** lines the client already has: stream s up to seq q */
  private skip: { s: string; q: number } | undefined;
  private dropped = 0;
  private dropWhy = '';
  private retry: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly framed: boolean,
    private readonly backlog: Backlog,
    /** bytes queued on its socket before it is considered behind */
    private readonly bufferBytes: number,
    start: StartAt,
  ) {
    this.cursor = backlog.end;
    if ('stream' in start) this.resume(start.stream, start.q);
    else if (start.backlog > 0) this.cursor = Math.max(backlog.start, backlog.end - start.backlog);
  }

  /** Tells a framed client where it starts: after this line (lets it resume even if no line comes). */
  hello(): void {
    let s: string | undefined;
    let q = 0;
    const b = this.backlog;
    if (this.skip) {
      s = this.skip.s;
      q = this.skip.q;
    } else if (this.cursor > b.start) {
      const e = b.at(this.cursor - 1)!;
      s = e.s;
      q = e.q;
    } else if (this.cursor < b.end) {
      const e = b.at(this.cursor)!;
      s = e.s;
      q = e.q - 1;
    }
    if (s !== undefined) this.ws.send(JSON.stringify({ t: 'hello', s, q }));
  }

  /** Sends what the socket takes now; carries on later when it is behind. */
  pump(): void {
    const ws = this.ws;
    const b = this.backlog;
    while (ws.readyState === WebSocket.OPEN && (this.cursor < b.end || this.dropped > 0)) {
      if (ws.bufferedAmount >= this.bufferBytes) {
        // behind: carry on when the socket has drained (send callbacks), or soon at the latest
        this.retry ??= setTimeout(() => {
          this.retry = undefined;
          this.pump();
        }, 200);
        return;
      }
      if (this.cursor < b.start) {
        this.dropped += b.start - this.cursor;
        this.dropWhy ||= 'this client was too slow: the lines left the backlog before it took them';
        this.cursor = b.start;
      }
      if (this.dropped > 0) {
        const n = this.dropped;
        this.dropped = 0;
        const why = this.dropWhy || 'this client was too slow';
        this.dropWhy = '';
        this.send(this.framed ? JSON.stringify({ t: 'dropped', n, why }) : `ssrtail serve: ${n} lines dropped (${why})`);
        continue;
      }
      let g = this.cursor;
      const lines: string[] = [];
      let s: string | undefined;
      let q = 0;
      let bytes = 0;
      while (g < b.end && lines.length < BATCH_LINES && bytes < BATCH_BYTES) {
        const e = b.at(g)!;
        if (s !== undefined && e.s !== s) break;
        g++;
        if (this.skip && e.s === this.skip.s) {
          if (e.q <= this.skip.q) continue;
          this.skip = undefined;
        }
        if (s === undefined) {
          s = e.s;
          q = e.q;
        }
        lines.push(e.l);
        bytes += e.l.length;
      }
      this.cursor = g;
      if (lines.length) this.send(this.framed ? JSON.stringify({ t: 'lines', s, q, l: lines }) : lines.join('\n'));
    }
  }

  /** No more sending later (the client is gone, or the server is closing). */
  stop(): void {
    if (this.retry) clearTimeout(this.retry);
  }

  /** Positions a reconnecting client right after the last line it has. */
  private resume(stream: string, q: number): void {
    this.skip = { s: stream, q };
    const next = this.backlog.after(stream, q);
    if (next === undefined) {
      // another stream (a restarted stdin, a replaced file), or one not read yet: all of the backlog
      // is new to the client, except lines of its stream it already has (skipped as they come)
      this.cursor = this.backlog.start;
      return;
    }
    this.cursor = Math.min(next, this.backlog.end);
    if (this.cursor < this.backlog.start) this.dropWhy = 'these lines left the backlog while the client was away';
  }

  private send(text: string): void {
    this.ws.send(text, (err) => {
      if (!err && this.cursor < this.backlog.end && this.ws.bufferedAmount < this.bufferBytes) this.pump();
    });
  }
}
