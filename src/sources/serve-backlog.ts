// What `ssrtail serve` serves from (serve.ts): one shared, bounded backlog (lines and bytes) of recent lines.
// Each line is numbered twice: a global index, which clients keep as their cursor (serve-client.ts), and its
// stream's seq, which framed clients are told and resume from (protocol.ts).

export interface Entry {
  /** stream id */
  s: string;
  /** seq of the line in its stream, from 1 */
  q: number;
  /** the line */
  l: string;
}

interface StreamInfo {
  /** global index of the stream's first line, and the next seq to give */
  firstG: number;
  nextSeq: number;
}

/** streams whose numbering is remembered at most (the oldest is forgotten first) */
const MAX_STREAMS = 1000;
/** bytes a line is counted for beyond its length (the entry's own weight) */
const ENTRY_BYTES = 48;

export class Backlog {
  private ring: Entry[] = [];
  private head = 0;
  /** global index of ring[head] */
  private base = 0;
  private bytes = 0;
  private readonly streams = new Map<string, StreamInfo>();

  constructor(private readonly bound: { lines: number; bytes: number }) {}

  /** global index of the oldest line held */
  get start(): number {
    return this.base;
  }

  /** global index the next line will have */
  get end(): number {
    return this.base + this.ring.length - this.head;
  }

  /** lines held */
  get size(): number {
    return this.ring.length - this.head;
  }

  /** The line at a global index, if it is held. */
  at(g: number): Entry | undefined {
    return g >= this.base && g < this.end ? this.ring[g - this.base + this.head] : undefined;
  }

  /** Appends lines of a stream, numbered on from its last line. Call trim() after handing them on. */
  push(stream: string, lines: string[]): void {
    let info = this.streams.get(stream);
    if (!info) {
      info = { firstG: this.end, nextSeq: 1 };
      this.streams.set(stream, info);
      if (this.streams.size > MAX_STREAMS) this.streams.delete(this.streams.keys().next().value!);
    }
    for (const l of lines) {
      this.ring.push({ s: stream, q: info.nextSeq++, l });
      this.bytes += l.length + ENTRY_BYTES;
    }
  }

  /** Whether a stream id was used before. */
  has(stream: string): boolean {
    return this.streams.has(stream);
  }

  /** Global index of the line after seq `q` of a stream; undefined for a stream it does not know. */
  after(stream: string, q: number): number | undefined {
    const info = this.streams.get(stream);
    // seq q is global index firstG + q - 1; the next one is at firstG + q
    return info && info.firstG + q;
  }

  /** Lets the oldest lines go until the backlog is within its bounds. */
  trim(): void {
    while (this.size > 0 && (this.size > this.bound.lines || this.bytes > this.bound.bytes)) {
      const e = this.ring[this.head]!;
      this.bytes -= e.l.length + ENTRY_BYTES;
      this.head++;
      this.base++;
    }
    if (this.head > 4096 && this.head * 2 > this.ring.length) {
      this.ring = this.ring.slice(this.head);
      this.head = 0;
    }
  }
}
