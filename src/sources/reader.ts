// Pull-based line readers: the merge (and FollowSource) ask for the next lines when they are ready
// for them, so a big file is never read faster than it is consumed and memory stays bounded.
import fs from 'node:fs';
import type { SourceStatus } from '../model.js';
import { describeFsError, isGzip } from './file.js';
import { gunzip, maybeGunzip, PLAIN_AFTER_GZIP } from './gzip.js';
import { joinNotes, LineSplitter } from './lines.js';
import { sniffInput } from './sniff.js';
import { tailNote, tailStartOf } from './tail.js';

export interface PullReader {
  readonly name: string;
  /** more may come after the current end (a followed file) */
  readonly live: boolean;
  /** nothing more will ever come */
  readonly done: boolean;
  /** there may be lines to read right now; when false, wait() first */
  readonly ready: boolean;
  /** The next lines available now; [] when there are none right now (see ready/done). */
  read(): Promise<string[]>;
  /** Resolves when there may be more to read (or the reader was closed). */
  wait(): Promise<void>;
  close(): void;
  /** set by the owner before the first read */
  onStatus?: (s: SourceStatus) => void;
}

const CHUNK = 1 << 20;

/** A whole file (or .gz) read once, chunk by chunk, on demand. */
export class WholeFileReader implements PullReader {
  readonly live = false;
  done = false;
  readonly ready = true;
  onStatus?: (s: SourceStatus) => void;
  private it: AsyncIterator<Buffer> | undefined;
  private raw: fs.ReadStream | undefined;
  /** its note (lines cut at the limit, not UTF-8) is said in every status from then on */
  private readonly splitter = new LineSplitter();
  private bytesRead = 0;
  private bytesTotal = 0;
  /** plain text came after the gzip data, or --tail began mid-file: said in every status from then on */
  private note: string | undefined;
  /** not UTF-8 text (UTF-16, bzip2, binary): told by the first bytes read (decompressed), said in every status */
  private sniffed = false;
  private notRead = false;

  /** @param tail --tail N: only the last N lines of a regular, uncompressed file */
  constructor(
    readonly name: string,
    private readonly tail?: number,
  ) {}

  async read(): Promise<string[]> {
    if (this.done) return [];
    try {
      if (!this.it) {
        const st = fs.statSync(this.name);
        this.bytesTotal = st.size;
        let start = 0;
        if (this.tail !== undefined && st.isFile() && !isGzip(this.name)) {
          const t = await tailStartOf(this.name, this.tail);
          start = this.bytesRead = t.offset;
          this.note = tailNote(t);
        }
        this.onStatus?.(this.loading());
        // (no start for a pipe at all: one given makes every read positional, which a pipe refuses)
        const raw = (this.raw = fs.createReadStream(this.name, start > 0 ? { highWaterMark: CHUNK, start } : { highWaterMark: CHUNK }));
        raw.on('data', (c) => (this.bytesRead += c.length));
        const onPlainText = () => {
          this.note = PLAIN_AFTER_GZIP;
          this.onStatus?.(this.loading());
        };
        // a pipe cannot be looked at first: gzip in it is told by its first bytes as they come
        const stream = !st.isFile() ? maybeGunzip(raw, { onPlainText }) : isGzip(this.name) ? gunzip(raw, { onPlainText }) : raw;
        this.it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      }
      for (;;) {
        const r = await this.it.next();
        if (r.done) return this.finish({ state: 'ended', bytesRead: this.bytesTotal, bytesTotal: this.bytesTotal, detail: this.detail() });
        if (!this.sniffed) this.sniff(r.value);
        const lines = this.splitter.push(r.value);
        if (lines.length) {
          this.onStatus?.(this.loading());
          return lines;
        }
      }
    } catch (err) {
      return this.finish({ state: 'error', detail: describeFsError(err, this.name) });
    }
  }

  wait(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.raw?.destroy();
  }

  private loading(): SourceStatus {
    return { state: 'loading', bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, detail: this.detail() };
  }

  private detail(): string | undefined {
    return joinNotes(this.note, this.splitter.note());
  }

  private sniff(first: Buffer): void {
    this.sniffed = true;
    const { hint, notRead } = sniffInput(first, this.splitter);
    this.notRead = notRead;
    if (hint) this.note = joinNotes(this.note, hint);
  }

  private finish(s: SourceStatus): string[] {
    this.done = true;
    this.raw?.destroy();
    // (a last line without its newline may be cut too: the end says so)
    const rest = this.splitter.flush();
    this.onStatus?.(s.state === 'ended' ? { ...s, detail: this.detail(), ...(this.notRead ? { notRead: true } : {}) } : s);
    return rest;
  }
}
