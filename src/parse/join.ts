// Docker json-file and containerd (CRI) write a line longer than 16 KiB as several records: Docker's
// pieces lack the trailing `\n`, CRI tags them `P` up to the last one, `F`. A big response row (an 8 KiB
// body in base64 plus its headers) is such a line: its pieces are joined back here, per stream, before
// the line is parsed.
import { DEFAULT_MAX_LINE_BYTES } from '../sources/lines.js';
import { unwrap, type Piece } from './unwrap.js';

interface Held {
  parts: string[];
  chars: number;
  /** the line number of the first piece, which the joined line is shown under */
  lineNo: number;
}

export interface Joined {
  text: string;
  lineNo: number;
}

export class PieceJoiner {
  private readonly held = new Map<string, Held>();
  private readonly piece: Piece = { stream: '', partial: false, time: undefined };
  /** the line number the last line take returned is shown under: its first piece's */
  lineNo = 0;

  /** the time the wrapper taken off the last line had (see Piece.time) */
  get time(): number | undefined {
    return this.piece.time;
  }

  /** @param maxChars a joined line is let go at this size even if its pieces go on, as LineSplitter cuts a line */
  constructor(private readonly maxChars = DEFAULT_MAX_LINE_BYTES) {}

  /**
   * The line inside its wrappers (see unwrap), joined with the pieces before it; undefined while it is a
   * piece of a line that goes on.
   */
  take(line: string, lineNo: number): string | undefined {
    this.lineNo = lineNo;
    const p = this.piece;
    p.stream = '';
    p.partial = false;
    p.time = undefined;
    const text = unwrap(line, p);
    // a plain line, or a whole record with nothing held for its stream: the common case
    if (p.stream === '' || (!p.partial && this.held.size === 0)) return text;
    const h = this.held.get(p.stream);
    if (!p.partial) {
      if (!h) return text;
      this.held.delete(p.stream);
      h.parts.push(text);
      this.lineNo = h.lineNo;
      return h.parts.join('');
    }
    if (!h) {
      this.held.set(p.stream, { parts: [text], chars: text.length, lineNo });
      return undefined;
    }
    h.parts.push(text);
    h.chars += text.length;
    if (h.chars < this.maxChars) return undefined;
    // pieces that never end: let the line go as it is, as an over-long line is cut
    this.held.delete(p.stream);
    this.lineNo = h.lineNo;
    return h.parts.join('');
  }

  /** Input ended: the lines whose last piece never came, as far as they got. */
  flush(): Joined[] {
    const out = [...this.held.values()].map((h) => ({ text: h.parts.join(''), lineNo: h.lineNo }));
    this.held.clear();
    return out;
  }
}
