// Splits a byte stream into lines on '\n' with Buffer.indexOf; strips a trailing '\r' (CRLF).
// A half-written last line is held until more bytes come or flush() is called: never dropped.
// A single line longer than maxLineBytes is cut into pieces of that size, each marked, so a
// 100 MB line (or a binary file without newlines) cannot stall or blow up the pipeline.

const NL = 0x0a;
const CR = 0x0d;

export const DEFAULT_MAX_LINE_BYTES = 64 << 20; // 64 MiB: a JSON record with big headers or bodies, or a saved Loki result of 5,000 entries, stays one line

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** lines that were longer than the limit and cut into pieces */
  oversized = 0;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  /** bytes of a half-written last line held back */
  get holding(): number {
    return this.pendingBytes;
  }

  /** Splits one whole piece of text (a WebSocket message, a Loki entry) into lines. */
  static split(data: Buffer | string, maxLineBytes = DEFAULT_MAX_LINE_BYTES): string[] {
    const s = new LineSplitter(maxLineBytes);
    const out = s.push(typeof data === 'string' ? Buffer.from(data) : data);
    for (const l of s.flush()) out.push(l);
    return out;
  }

  /** Feeds a chunk; returns the complete lines it finished. */
  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let start = 0;
    let nl = chunk.indexOf(NL, start);
    while (nl !== -1) {
      if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, nl));
        const whole = Buffer.concat(this.pending);
        this.emit(whole, 0, whole.length, out);
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        // no subarray here: a Buffer view per line costs more than the line itself
        this.emit(chunk, start, nl, out);
      }
      start = nl + 1;
      nl = chunk.indexOf(NL, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // copy: the caller may reuse its buffer
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
      while (this.pendingBytes > this.maxLineBytes) {
        const all = Buffer.concat(this.pending);
        this.oversized++;
        out.push(all.subarray(0, this.maxLineBytes).toString('utf8'));
        const left = all.subarray(this.maxLineBytes);
        this.pending = left.length ? [left] : [];
        this.pendingBytes = left.length;
      }
    }
    return out;
  }

  /** End of input: returns the half-written last line, if any. */
  flush(): string[] {
    if (this.pendingBytes === 0) return [];
    const out: string[] = [];
    const whole = Buffer.concat(this.pending);
    this.emit(whole, 0, whole.length, out);
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }

  private emit(buf: Buffer, start: number, end: number, out: string[]): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (end - start > this.maxLineBytes) {
      this.oversized++;
      for (let i = start; i < end; i += this.maxLineBytes) {
        out.push(buf.toString('utf8', i, Math.min(end, i + this.maxLineBytes)));
      }
      return;
    }
    out.push(buf.toString('utf8', start, end));
  }
}
