// `--ws URL`: lines from a WebSocket server. A text message holds one or more lines, a JSON event
// (one line), or a JSON array of events (one line each); binary messages are read as UTF-8 text.
// Talking to `ssrtail serve`, lines are numbered, and a reconnect resumes after the last line
// received without duplicates (see protocol.ts).
import type { LineSource, SourceStatus } from '../model.js';
import { LineSplitter } from './lines.js';
import { CLIENT_HEADER, parseEnvelope, PROTOCOL_VERSION, SERVE_HEADER } from './protocol.js';
import { LineQueue } from './queue.js';
import { ReconnectingSocket, runToEnd, redactUrl, type SocketOptions } from './socket.js';
import { StatusEmitter } from './status.js';

export interface WebSocketSourceOptions extends SocketOptions {
  /** lines held for a slow consumer at most; the oldest beyond are dropped and counted */
  maxQueuedLines?: number;
}

/** Turns one message into lines (see the header comment). */
export function messageToLines(data: Buffer): string[] {
  let i = 0;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d)) i++;
  const c = data[i];
  if (c === 0x5b /* [ */ || (c === 0x7b /* { */ && hasInnerNewline(data, i))) {
    let v: unknown;
    try {
      v = JSON.parse(data.toString('utf8'));
    } catch {
      v = undefined;
    }
    if (Array.isArray(v)) {
      const out: string[] = [];
      for (const el of v) {
        if (typeof el === 'string') for (const l of LineSplitter.split(el)) out.push(l);
        else out.push(JSON.stringify(el) ?? String(el));
      }
      return out;
    }
    if (v && typeof v === 'object') return [JSON.stringify(v)];
  }
  return LineSplitter.split(data);
}

/** a newline before the last non-blank byte: a pretty-printed object, or several lines */
function hasInnerNewline(data: Buffer, from: number): boolean {
  let end = data.length;
  while (end > from && (data[end - 1] === 0x0a || data[end - 1] === 0x0d || data[end - 1] === 0x20)) end--;
  const nl = data.indexOf(0x0a, from);
  return nl !== -1 && nl < end;
}

export class WebSocketSource implements LineSource {
  readonly live = true;
  readonly name: string;
  private socket: ReconnectingSocket | undefined;
  private stopped = false;
  /** the server speaks the serve protocol on the current connection */
  private framed = false;
  /** last line received from serve: where to resume */
  private stream: string | undefined;
  private seq = 0;
  private servedBefore = false;

  constructor(
    private readonly url: string,
    private readonly opts: WebSocketSourceOptions = {},
  ) {
    this.name = redactUrl(url);
  }

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    const status = new StatusEmitter(onStatus);
    const queue = new LineQueue(onLines, (n) => status.addDropped(n), this.opts.maxQueuedLines);
    const headers = { ...this.opts.headers, [CLIENT_HEADER]: PROTOCOL_VERSION };
    this.socket = new ReconnectingSocket(this.name, { ...this.opts, headers }, {
      url: () => this.nextUrl(),
      onOpen: (res) => {
        this.framed = res?.headers[SERVE_HEADER] === PROTOCOL_VERSION;
        if (this.framed) this.servedBefore = true;
      },
      onMessage: (data) => {
        if (this.framed) this.onFramed(data, queue, status);
        else queue.push(messageToLines(data));
      },
    }, status);
    await runToEnd(this.socket, queue, status, this.stopped);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.stop();
  }

  private nextUrl(): string {
    if (!this.servedBefore) return this.url;
    // resume after the last line (or the start position serve gave); '-': serve had no line at all
    const u = new URL(this.url);
    u.searchParams.set('since', String(this.stream === undefined ? 0 : this.seq));
    u.searchParams.set('stream', this.stream ?? '-');
    return u.toString();
  }

  private onFramed(data: Buffer, queue: LineQueue, status: StatusEmitter): void {
    const text = data.toString('utf8');
    const env = parseEnvelope(text);
    if (!env) {
      queue.push(messageToLines(data));
      return;
    }
    if (env.t === 'dropped') {
      status.addDropped(env.n);
      return;
    }
    if (env.t === 'hello') {
      // where a first connection starts; a reconnect keeps its own position
      if (this.stream === undefined) {
        this.stream = env.s;
        this.seq = env.q;
      }
      return;
    }
    let lines = env.l;
    if (env.s === this.stream && env.q <= this.seq) {
      // already have some (or all) of these: keep only what is new
      const skip = this.seq - env.q + 1;
      if (skip >= lines.length) return;
      lines = lines.slice(skip);
      this.seq = env.q + env.l.length - 1;
    } else {
      this.stream = env.s;
      this.seq = env.q + lines.length - 1;
    }
    queue.push(lines);
  }
}
