// Lines pushed by a live source (WebSocket, Loki) wait here until the consumer takes them.
// Many small messages are delivered as one batch on the next turn of the event loop, so the
// pipeline is not run once per message. The queue is bounded: past `maxLines` the oldest lines
// are dropped and counted, never lost silently (a single message bigger than the bound is kept whole).

export const DEFAULT_MAX_QUEUED_LINES = 100_000;
/** lines handed to the consumer in one call at most (the rest follow on the next turn) */
const MAX_BATCH = 20_000;

export class LineQueue {
  private batches: string[][] = [];
  private size = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly deliver: (lines: string[]) => void,
    private readonly onDrop: (n: number) => void,
    private readonly maxLines = DEFAULT_MAX_QUEUED_LINES,
  ) {}

  get length(): number {
    return this.size;
  }

  push(lines: string[]): void {
    if (this.closed || lines.length === 0) return;
    // what waits past the bound goes, oldest first, but never from the message just taken: it is in memory
    // already, and one big message (a backlog, a burst) must arrive whole, not cut to the bound
    const before = this.size;
    this.batches.push(lines);
    this.size += lines.length;
    if (this.size > this.maxLines && before > 0) this.dropOldest(Math.min(before, this.size - this.maxLines));
    if (!this.scheduled) this.scheduled = setImmediate(() => this.drain());
  }

  /** Delivers everything queued now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.size > 0) this.deliverSome();
  }

  /** Flushes, then ignores further pushes. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private drain(): void {
    this.scheduled = undefined;
    this.deliverSome();
    if (this.size > 0 && !this.closed) this.scheduled = setImmediate(() => this.drain());
  }

  private deliverSome(): void {
    if (this.size === 0) return;
    let out: string[];
    if (this.batches.length === 1 && this.size <= MAX_BATCH) {
      out = this.batches[0]!;
      this.batches = [];
    } else {
      out = [];
      while (this.batches.length && out.length < MAX_BATCH) {
        const b = this.batches[0]!;
        const room = MAX_BATCH - out.length;
        if (b.length <= room) {
          for (const l of b) out.push(l);
          this.batches.shift();
        } else {
          for (let i = 0; i < room; i++) out.push(b[i]!);
          this.batches[0] = b.slice(room);
        }
      }
    }
    this.size -= out.length;
    this.deliver(out);
  }

  private dropOldest(n: number): void {
    let left = n;
    while (left > 0 && this.batches.length) {
      const b = this.batches[0]!;
      if (b.length <= left) {
        left -= b.length;
        this.batches.shift();
      } else {
        this.batches[0] = b.slice(left);
        left = 0;
      }
    }
    this.size -= n - left;
    this.onDrop(n - left);
  }
}
