// The engine behind following a file (follow.ts): a pull reader (reader.ts) that opens the file, reads what it
// holds, then what is appended, and starts over on a truncated, rotated or new file. When it looks again is
// follow-wake.ts; how it tells that the file was truncated or rotated is follow-rotate-truncate.ts.
import fs from 'node:fs';
import type { SourceStatus } from '../model.js';
import { describeFsError } from './file.js';
import type { FileGeneration, FollowOptions } from './follow.js';
import { LineSplitter } from './lines.js';
import type { PullReader } from './reader.js';
import { FilePrint, pathNow } from './follow-rotate-truncate.js';
import { FileWake } from './follow-wake.js';
import { tailNote, tailStart } from './tail.js';
import { withDefaults } from './status.js';

const DEFAULTS = { pollMs: 500, chunkBytes: 1 << 20, watch: true };

/** The follow engine for one path, pull-based (see reader.ts). */
export class FileTail implements PullReader {
  readonly live = true;
  done = false;
  onStatus?: (s: SourceStatus) => void;
  private readonly o: Required<Omit<FollowOptions, 'onGeneration' | 'tail'>> & Pick<FollowOptions, 'onGeneration' | 'tail'>;
  private fh: fs.promises.FileHandle | undefined;
  private dev = 0;
  private ino = 0;
  private pos = 0;
  private fifo = false;
  private everOpened = false;
  private caughtUp = false;
  private gonePath = false;
  private genPending: FileGeneration | undefined;
  /** what was read of the file, to see it truncated and written again */
  private readonly print = new FilePrint();
  /** the status says a half-written last line is held */
  private heldNoted = false;
  /** what last happened to the file (truncated, rotated, removed, appeared): it stays in the status */
  private event: string | undefined;
  private splitter = this.newSplitter();
  private readonly buf: Buffer;
  private readonly wakes: FileWake;

  constructor(
    readonly name: string,
    opts: FollowOptions = {},
  ) {
    this.o = withDefaults(DEFAULTS, opts);
    this.buf = Buffer.allocUnsafe(this.o.chunkBytes);
    this.wakes = new FileWake(name, this.o);
  }

  get ready(): boolean {
    return this.wakes.ready;
  }

  async read(): Promise<string[]> {
    if (this.done || !this.ready) return [];
    this.wakes.start();
    try {
      return await this.readSome();
    } catch (err) {
      if (this.done) return [];
      // an I/O error on an open file: say so and try again at the next poll
      this.status('retrying', `${describeFsError(err, this.name)}; trying again`);
      this.wakes.ready = false;
      return [];
    }
  }

  wait(): Promise<void> {
    if (this.ready || this.done) return Promise.resolve();
    return this.wakes.wait();
  }

  /** A half-written last line held back, now given up (the source is stopping). */
  takeHeld(): string[] {
    return this.splitter.flush();
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    void this.fh?.close().catch(() => {});
    this.fh = undefined;
    this.wakes.stop();
  }

  /** A line cut at the limit, or not UTF-8 (in this generation of the file): said as what last happened to it. */
  private newSplitter(): LineSplitter {
    const splitter: LineSplitter = new LineSplitter(undefined, () => this.liveEvent(splitter.note()!));
    return splitter;
  }

  /** Something happened to the file: said now, and kept as the status's detail until the next thing happens. */
  private liveEvent(detail: string): void {
    this.event = detail;
    this.status('live', detail);
  }

  private status(state: SourceStatus['state'], detail?: string, bytes?: { read: number; total: number }): void {
    this.onStatus?.({ state, detail, bytesRead: bytes?.read, bytesTotal: bytes?.total });
  }

  private async readSome(): Promise<string[]> {
    if (!this.fh && !(await this.open())) {
      this.wakes.ready = false;
      return [];
    }
    if (this.genPending) {
      this.o.onGeneration?.(this.genPending);
      this.genPending = undefined;
    }
    const fh = this.fh!;
    for (;;) {
      if (this.done) return [];
      if (this.fifo) return this.readFifo(fh);
      const st = await fh.stat();
      if (await this.print.truncated(fh, st.size, this.pos)) {
        // truncated in place (or truncated and rewritten past where we were): what was held of a last line
        // is delivered, then the file is read again from the start
        const rest = this.splitter.flush();
        this.readFromStart();
        this.genPending = { dev: this.dev, ino: this.ino, reason: 'truncated' };
        this.liveEvent('truncated: reading it again from the start');
        if (rest.length) return rest;
        this.o.onGeneration?.(this.genPending);
        this.genPending = undefined;
        continue;
      }
      if (st.size > this.pos) {
        const want = Math.min(this.buf.length, st.size - this.pos);
        const { bytesRead } = await fh.read(this.buf, 0, want, this.pos);
        if (bytesRead > 0) {
          this.print.noteRead(this.pos, this.buf.subarray(0, bytesRead));
          this.pos += bytesRead;
          if (!this.caughtUp) this.status('loading', undefined, { read: this.pos, total: st.size });
          const lines = this.splitter.push(this.buf.subarray(0, bytesRead));
          if (this.heldNoted && this.splitter.holding === 0) {
            this.heldNoted = false;
            this.status('live', this.event ?? 'following');
          }
          if (lines.length) return lines;
          continue;
        }
      }
      // at the end of the open file: has the name moved on to a new file?
      const moved = await this.pathMoved();
      if (moved) {
        // (gonePath stays until the new file is open: a name that was gone, then came back, is a new file, not a rotation)
        const rest = await this.drainAndClose(fh);
        if (rest.length) return rest;
        if (!(await this.open())) {
          this.wakes.ready = false;
          return [];
        }
        return this.readSome();
      }
      if (!this.caughtUp) {
        this.caughtUp = true;
        this.status('live', this.event ?? 'following', { read: this.pos, total: this.pos });
      }
      if (this.splitter.holding > 0 && !this.heldNoted) {
        // not delivered on a timer: the rest of the line may come minutes later, and a line cut in two is two wrong lines
        this.heldNoted = true;
        this.status('live', `last line has no newline yet (${this.splitter.holding} bytes held)`);
      }
      this.wakes.ready = false;
      return [];
    }
  }

  private async readFifo(fh: fs.promises.FileHandle): Promise<string[]> {
    for (;;) {
      const { bytesRead } = await fh.read(this.buf, 0, this.buf.length, null);
      if (bytesRead === 0) {
        const rest = this.splitter.flush();
        this.status('ended');
        this.close();
        return rest;
      }
      const lines = this.splitter.push(this.buf.subarray(0, bytesRead));
      if (lines.length) return lines;
    }
  }

  /** The next read is from the file's first byte: nothing read of it is remembered. */
  private readFromStart(): void {
    this.pos = 0;
    this.print.reset();
    this.heldNoted = false;
  }

  /** --tail N: reading starts at the last N lines; the file's first bytes and those before it are noted as if read. */
  private async skipToTail(fh: fs.promises.FileHandle, n: number): Promise<void> {
    const t = await tailStart(fh, n);
    if (t.offset === 0) return;
    this.pos = t.offset;
    await this.print.noteSkipped(fh, t.offset);
    this.event = tailNote(t);
  }

  /** true when the path now names another file (rotation); notes a vanished path, and one back on the same file. */
  private async pathMoved(): Promise<boolean> {
    const now = await pathNow(this.name, { dev: this.dev, ino: this.ino });
    if (now === 'gone' && !this.gonePath) {
      this.gonePath = true;
      this.liveEvent('removed or renamed: waiting for a new file under that name');
    } else if (now === 'same' && this.gonePath) {
      // renamed back, or a stat that failed for a moment (NFS): still the file being read, and a later new file is a rotation
      this.gonePath = false;
      this.liveEvent('back under its name: following it');
    }
    return now === 'other';
  }

  /** Reads what was still written to the old file, delivers a held last line, closes it. */
  private async drainAndClose(fh: fs.promises.FileHandle): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const { bytesRead } = await fh.read(this.buf, 0, this.buf.length, this.pos);
      if (bytesRead === 0) break;
      this.pos += bytesRead;
      for (const l of this.splitter.push(this.buf.subarray(0, bytesRead))) out.push(l);
    }
    for (const l of this.splitter.flush()) out.push(l);
    await fh.close().catch(() => {});
    if (this.fh === fh) this.fh = undefined;
    return out;
  }

  private async open(): Promise<boolean> {
    const reason: FileGeneration['reason'] = !this.everOpened ? 'opened' : this.gonePath ? 'created' : 'rotated';
    let fh: fs.promises.FileHandle | undefined;
    try {
      fh = await fs.promises.open(this.name, 'r');
      const st = await fh.stat();
      if (st.isDirectory()) {
        await fh.close();
        this.status('error', `${this.name}: is a directory`);
        this.close();
        return false;
      }
      if (this.done) {
        await fh.close();
        return false;
      }
      this.fh = fh;
      this.fifo = !st.isFile();
      this.dev = st.dev;
      this.ino = st.ino;
      this.readFromStart();
      if (reason === 'opened' && this.o.tail !== undefined && !this.fifo) await this.skipToTail(fh, this.o.tail);
      this.splitter = this.newSplitter();
      this.genPending = { dev: st.dev, ino: st.ino, reason };
      if (reason === 'opened') this.status('loading', this.event, { read: this.pos, total: st.size });
      else if (reason === 'rotated') this.liveEvent('rotated: following the new file');
      else this.liveEvent('a new file appeared under that name: following it');
      this.everOpened = true;
      this.gonePath = false;
      return true;
    } catch (err) {
      await fh?.close().catch(() => {});
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EISDIR') {
        this.status('error', describeFsError(err, this.name));
        this.close();
        return false;
      }
      const why = e.code === 'ENOENT' ? 'waiting for the file to appear' : `${describeFsError(err, this.name)}; trying again`;
      this.status(this.everOpened ? 'live' : 'connecting', why);
      return false;
    }
  }
}
