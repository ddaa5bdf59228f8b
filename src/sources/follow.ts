// Following a file like `tail -F`: read what is there from the start (triage wants the whole
// story), then keep reading as it grows. A truncated file is read again from the start; a rotated
// file (renamed, a new one created under the name) is read to its last line, then the new file is
// followed from its start; a file that does not exist yet is waited for. A file truncated and rewritten
// past the old end between two looks is caught by the bytes just before the read offset, which change.
// A last line without its newline is held until the newline comes (a writer may flush half a line and the
// rest minutes later), and delivered when the file rotates, is truncated, or the source stops.
// Polling finds changes on every filesystem (NFS, SMB, overlay); fs.watch on the directory only
// wakes the poll early where the OS supports it.
import fs from 'node:fs';
import path from 'node:path';
import type { LineSource, SourceStatus } from '../model.js';
import { describeFsError } from './file.js';
import { LineSplitter } from './lines.js';
import type { PullReader } from './reader.js';
import { tailNote, tailStart } from './tail.js';
import { StatusEmitter, withDefaults } from './status.js';

export interface FollowOptions {
  /** how often the file is checked without a watch event (ms) */
  pollMs?: number;
  chunkBytes?: number;
  /** use fs.watch to notice changes before the next poll */
  watch?: boolean;
  /** called before the first line of each file generation (opened, created, truncated, rotated) */
  onGeneration?: (g: FileGeneration) => void;
  /** --tail N: the file there at the start is read from its last N lines (`tail -n N -F`); later ones whole */
  tail?: number;
}

export interface FileGeneration {
  dev: number;
  ino: number;
  reason: 'opened' | 'created' | 'truncated' | 'rotated';
}

const DEFAULTS = { pollMs: 500, chunkBytes: 1 << 20, watch: true };
/** bytes before the read offset kept to recognise the file: if they change, it was rewritten */
const PRINT_BYTES = 64;

/** The follow engine for one path, pull-based (see reader.ts). */
export class FileTail implements PullReader {
  readonly live = true;
  done = false;
  ready = true;
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
  /** the last bytes read before `pos` (at most PRINT_BYTES) */
  private print: Buffer = Buffer.alloc(0);
  /** the file's first bytes (at most PRINT_BYTES): templated lines can end alike, a file rarely starts alike */
  private head: Buffer = Buffer.alloc(0);
  /** the status says a half-written last line is held */
  private heldNoted = false;
  /** what last happened to the file (truncated, rotated, removed, appeared): it stays in the status */
  private event: string | undefined;
  private splitter = this.newSplitter();
  private readonly buf: Buffer;
  private timer: NodeJS.Timeout | undefined;
  private watcher: fs.FSWatcher | undefined;
  private waiter: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    readonly name: string,
    opts: FollowOptions = {},
  ) {
    this.o = withDefaults(DEFAULTS, opts);
    this.buf = Buffer.allocUnsafe(this.o.chunkBytes);
  }

  async read(): Promise<string[]> {
    if (this.done || !this.ready) return [];
    if (!this.timer) this.startWatching();
    try {
      return await this.readSome();
    } catch (err) {
      if (this.done) return [];
      // an I/O error on an open file: say so and try again at the next poll
      this.status('retrying', `${describeFsError(err, this.name)}; trying again`);
      this.ready = false;
      return [];
    }
  }

  wait(): Promise<void> {
    if (this.ready || this.done) return Promise.resolve();
    if (!this.waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiter = { promise, resolve };
    }
    return this.waiter.promise;
  }

  /** A half-written last line held back, now given up (the source is stopping). */
  takeHeld(): string[] {
    return this.splitter.flush();
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    void this.fh?.close().catch(() => {});
    this.fh = undefined;
    this.wake();
  }

  private wake(): void {
    this.ready = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  private startWatching(): void {
    this.timer = setInterval(() => this.wake(), this.o.pollMs);
    if (!this.o.watch) return;
    const base = path.basename(this.name);
    try {
      this.watcher = fs.watch(path.dirname(path.resolve(this.name)), { persistent: false }, (_ev, f) => {
        if (!f || f.toString() === base) this.wake();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // no watch support here (or no directory yet): polling alone does the job
    }
  }

  private newSplitter(): LineSplitter {
    // a line cut at the limit, or not UTF-8 (of this generation of the file): said as what last happened to it
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
      this.ready = false;
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
      if (st.size < this.pos || (st.size > this.pos && (await this.rewritten(fh)))) {
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
          if (this.pos === 0) this.head = Buffer.from(this.buf.subarray(0, Math.min(PRINT_BYTES, bytesRead)));
          this.pos += bytesRead;
          this.notePrint(this.buf.subarray(0, bytesRead));
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
          this.ready = false;
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
      this.ready = false;
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
    this.print = Buffer.alloc(0);
    this.head = Buffer.alloc(0);
    this.heldNoted = false;
  }

  /** --tail N: reading starts at the last N lines; the file's first bytes and those before it are noted as if read. */
  private async skipToTail(fh: fs.promises.FileHandle, n: number): Promise<void> {
    const t = await tailStart(fh, n);
    if (t.offset === 0) return;
    this.pos = t.offset;
    this.head = await bytesAt(fh, 0, Math.min(PRINT_BYTES, t.offset));
    this.print = await bytesAt(fh, Math.max(0, t.offset - PRINT_BYTES), Math.min(PRINT_BYTES, t.offset));
    this.event = tailNote(t);
  }

  /** Keeps the last PRINT_BYTES bytes read (they end at `pos`). */
  private notePrint(chunk: Buffer): void {
    if (chunk.length >= PRINT_BYTES) this.print = Buffer.from(chunk.subarray(chunk.length - PRINT_BYTES));
    else {
      const both = Buffer.concat([this.print, chunk]);
      this.print = both.subarray(Math.max(0, both.length - PRINT_BYTES));
    }
  }

  /** true when the first bytes or those before `pos` are not the ones read there: the file was truncated and written again. */
  private async rewritten(fh: fs.promises.FileHandle): Promise<boolean> {
    return (await this.differs(fh, this.head, 0)) || (await this.differs(fh, this.print, this.pos - this.print.length));
  }

  private async differs(fh: fs.promises.FileHandle, was: Buffer, at: number): Promise<boolean> {
    if (was.length === 0) return false;
    const now = await bytesAt(fh, at, was.length);
    return now.length !== was.length || !now.equals(was);
  }

  /** true when the path now names another file (rotation); notes a vanished path. */
  private async pathMoved(): Promise<boolean> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(this.name);
    } catch {
      if (!this.gonePath) {
        this.gonePath = true;
        this.liveEvent('removed or renamed: waiting for a new file under that name');
      }
      return false;
    }
    return st.ino !== this.ino || st.dev !== this.dev;
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

/** Up to `length` bytes of the file from `at`. */
async function bytesAt(fh: fs.promises.FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, at);
  return buf.subarray(0, bytesRead);
}

/** One followed file as a LineSource: never ends on its own (stop() ends it). */
export class FollowSource implements LineSource {
  readonly live = true;
  private tail: FileTail | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly opts: FollowOptions = {},
  ) {}

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    const status = new StatusEmitter(onStatus);
    const tail = (this.tail = new FileTail(this.name, this.opts));
    tail.onStatus = (s) => status.update(s);
    if (this.stopped) tail.close();
    while (!tail.done) {
      const lines = await tail.read();
      if (lines.length) onLines(lines);
      else if (!tail.done && !tail.ready) await tail.wait();
    }
    // stopped: a half-written last line still counts
    const held = tail.takeHeld();
    if (held.length) onLines(held);
    status.flush();
    status.dispose();
  }

  stop(): void {
    this.stopped = true;
    this.tail?.close();
  }
}
