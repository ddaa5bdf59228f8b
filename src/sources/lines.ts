// Splits a byte stream into lines on '\n' with Buffer.indexOf; strips a trailing '\r' (CRLF).
// A half-written last line is held until more bytes come or flush() is called: never dropped.
// A single line longer than maxLineBytes is cut into pieces of that size, so a 100 MB line (or a
// binary file without newlines) cannot stall or blow up the pipeline. A line that is not UTF-8 (a
// Latin-1 writer, mixed encodings) keeps its bytes: those outside UTF-8 read as Latin-1, not as U+FFFD.
// Both are said: note() (onNote tells the source when it changes).
import { isUtf8 } from 'node:buffer';

const NL = 0x0a;
const CR = 0x0d;

export const DEFAULT_MAX_LINE_BYTES = 64 << 20; // 64 MiB: a JSON record with big headers or bodies, or a saved Loki result of 5,000 entries, stays one line

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** lines that were longer than the limit and cut into pieces */
  oversized = 0;
  /** lines that were not UTF-8 (their stray bytes read as Latin-1) */
  notUtf8 = 0;
  /** the input is not text (binary, UTF-16, compressed: the source said so): its lines not being UTF-8 is no news */
  notText = false;
  /** the line held now has already been cut (its first pieces were let go) */
  private cutting = false;

  /** @param onNote called when note() changes: a line was cut, or the first line that is not UTF-8 came */
  constructor(
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    private readonly onNote?: () => void,
  ) {}

  /** bytes of a half-written last line held back */
  get holding(): number {
    return this.pendingBytes;
  }

  /** What the source says of its lines: cut at the limit, not UTF-8; undefined when neither happened. */
  note(): string | undefined {
    const max = this.maxLineBytes >= 1 << 20 ? `${this.maxLineBytes >> 20} MiB` : `${this.maxLineBytes} bytes`;
    const cut = this.oversized
      ? `${this.oversized === 1 ? 'a line' : `${this.oversized} lines`} longer than ${max}: cut into ${max} pieces, each read as a line of its own`
      : undefined;
    const latin1 = this.notUtf8 && !this.notText ? 'lines that are not UTF-8 text: their other bytes are read as Latin-1 (é stays é, not �)' : undefined;
    return joinNotes(cut, latin1);
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
    // one check of the chunk's whole lines (fast; a held line's end is checked with it); only a chunk that fails it
    // checks line by line
    const utf8 = nl === -1 || isUtf8(chunk.subarray(this.pendingBytes > 0 ? nl + 1 : 0, chunk.lastIndexOf(NL)));
    while (nl !== -1) {
      if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, nl));
        const whole = Buffer.concat(this.pending);
        this.emit(whole, 0, whole.length, out, this.takeCutting(), false);
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        // no subarray here: a Buffer view per line costs more than the line itself
        this.emit(chunk, start, nl, out, false, utf8);
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
    this.emit(whole, 0, whole.length, out, this.takeCutting(), false);
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }

  private cut(): void {
    this.oversized++;
    this.onNote?.();
  }

  /** The held line ends: whether it was already cut (and counted). */
  private takeCutting(): boolean {
    const was = this.cutting;
    this.cutting = false;
    return was;
  }

  /**
   * @param counted the line's first pieces were let go (and it was counted) while it was held
   * @param utf8 the bytes are known to be UTF-8 (else the line is checked)
   */
  private emit(buf: Buffer, start: number, end: number, out: string[], counted: boolean, utf8: boolean): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (end - start > this.maxLineBytes) {
      if (!counted) this.cut();
      for (let i = start; i < end; i += this.maxLineBytes) {
        out.push(buf.toString('utf8', i, Math.min(end, i + this.maxLineBytes)));
      }
      return;
    }
    if (utf8 || isUtf8(buf.subarray(start, end))) out.push(buf.toString('utf8', start, end));
    else {
      if (this.notUtf8++ === 0 && !this.notText) this.onNote?.();
      out.push(decodeLenient(buf, start, end));
    }
  }
}

/** UTF-8 where the bytes are UTF-8, each other byte as the Latin-1 character of that code (a line of mixed encodings). */
export function decodeLenient(buf: Buffer, start: number, end: number): string {
  let out = '';
  let run = start;
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 1 || (n > 1 && i + n <= end && isUtf8(buf.subarray(i, i + n)))) {
      i += n;
      continue;
    }
    out += buf.toString('utf8', run, i) + String.fromCharCode(b);
    run = ++i;
  }
  return out + buf.toString('utf8', run, end);
}

/** A source's notes (plain text after gzip, --tail's start, its lines' note) as one detail; undefined when there are none. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  return notes.filter(Boolean).join('; ') || undefined;
}
