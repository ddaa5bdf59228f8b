// Splits a byte stream into lines on '\n' with Buffer.indexOf; strips a trailing '\r' (CRLF).
// A half-written last line is held until more bytes come or flush() is called: never dropped.
// A single line longer than maxLineBytes is cut into pieces of that size, so a 100 MB line (or a
// binary file without newlines) cannot stall or blow up the pipeline; onCut lets the source say so.

const NL = 0x0a;
const CR = 0x0d;

export const DEFAULT_MAX_LINE_BYTES = 64 << 20; // 64 MiB: a JSON record with big headers or bodies, or a saved Loki result of 5,000 entries, stays one line

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** lines that were longer than the limit and cut into pieces */
  oversized = 0;
  /** the line held now has already been cut (its first pieces were let go) */
  private cutting = false;

  /** @param onCut called for each line cut into pieces (the source says so: its pieces read as lines of their own) */
  constructor(
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    private readonly onCut?: () => void,
  ) {}

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
        this.emit(whole, 0, whole.length, out, this.takeCutting());
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
        // (a line cut while pending is counted once, however many pieces it gives)
        if (!this.cutting) this.cut();
        this.cutting = true;
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
    this.emit(whole, 0, whole.length, out, this.takeCutting());
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }

  private cut(): void {
    this.oversized++;
    this.onCut?.();
  }

  /** The held line ends: whether it was already cut (and counted). */
  private takeCutting(): boolean {
    const was = this.cutting;
    this.cutting = false;
    return was;
  }

  /** @param counted the line's first pieces were let go (and it was counted) while it was held */
  private emit(buf: Buffer, start: number, end: number, out: string[], counted = false): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (end - start > this.maxLineBytes) {
      if (!counted) this.cut();
      for (let i = start; i < end; i += this.maxLineBytes) {
        out.push(buf.toString('utf8', i, Math.min(end, i + this.maxLineBytes)));
      }
      return;
    }
    out.push(buf.toString('utf8', start, end));
  }
}

/** What a source says once lines were cut at the limit, else undefined. */
export function cutNote(n: number): string | undefined {
  if (n === 0) return undefined;
  return `${n === 1 ? 'a line' : `${n} lines`} longer than ${DEFAULT_MAX_LINE_BYTES >> 20} MiB: cut into ${DEFAULT_MAX_LINE_BYTES >> 20} MiB pieces, each read as a line of its own`;
}

/** A source's notes (plain text after gzip, --tail's start, cut lines) as one detail; undefined when there are none. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  return notes.filter(Boolean).join('; ') || undefined;
}
