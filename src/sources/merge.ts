// Several files merged in time order: a k-way merge on each line's timestamp (parse/time.ts
// peekTime). A line without a time keeps its place after the line before it in its own file, so
// header and body continuation lines stay with their row; on equal times the file that gave the
// previous line goes on, for the same reason.
//
// The merge hands out one LineSource per file (no change to the LineSource interface): each
// handle gets its own file's lines, with its own source index and parser state, but the batches
// across handles are delivered in merged time order. The merge runs once every handle has been
// started (runSources starts them all at once).
//
// Lines are delivered in exact merged order, as runs of consecutive lines of one file. Big, finely
// interleaved files would make that one pipeline call per line, so past a budget of calls a window
// of up to WINDOW merged lines goes out as one batch per file: the order between files is then
// approximate within the window (the correlator does not depend on it), and exact per file.
import type { LineSource, SourceStatus } from '../model.js';
import { DAY_MS, isTimeOfDay, peekTime } from '../parse/time.js';
import type { PullReader } from './reader.js';
import { StatusEmitter } from './status.js';

const WINDOW = 512;
/** Each batch costs the pipeline a settle pass, so finely interleaved big files would be slow
 * line by line: batches are exact runs up to FREE_CALLS + one per LINES_PER_CALL lines delivered,
 * beyond that one batch per file per window. */
const FREE_CALLS = 2000;
const LINES_PER_CALL = 64;

interface Input {
  reader: PullReader;
  handle: MergeHandle;
  lines: string[];
  times: number[];
  head: number;
  /** the time a line without one inherits */
  lastTime: number;
  /** time-of-day files: days added after passing midnight */
  dayOffset: number;
  lastTod: number | undefined;
}

class MergeHandle implements LineSource {
  onLines: ((lines: string[]) => void) | undefined;
  status: StatusEmitter | undefined;
  stopped = false;
  private resolveEnd: (() => void) | undefined;
  readonly ended: Promise<void>;

  constructor(
    private readonly merge: Merge,
    readonly reader: PullReader,
  ) {
    this.ended = new Promise((r) => (this.resolveEnd = r));
  }

  get name(): string {
    return this.reader.name;
  }
  get live(): boolean {
    return this.reader.live;
  }

  start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    this.onLines = onLines;
    this.status = new StatusEmitter(onStatus);
    this.reader.onStatus = (s) => this.status!.update(s);
    this.merge.started();
    return this.ended;
  }

  stop(): void {
    this.stopped = true;
    this.reader.close();
    this.merge.wakeUp();
  }

  finish(): void {
    this.status?.flush();
    this.status?.dispose();
    this.resolveEnd?.();
    this.resolveEnd = undefined;
  }
}

class Merge {
  readonly handles: MergeHandle[];
  private inputs: Input[];
  private startedCount = 0;
  private running = false;
  private wake: (() => void) | undefined;
  private last: Input | undefined;
  private calls = 0;
  private linesOut = 0;

  constructor(readers: PullReader[]) {
    this.handles = readers.map((r) => new MergeHandle(this, r));
    this.inputs = this.handles.map((h) => ({
      reader: h.reader, handle: h, lines: [], times: [], head: 0, lastTime: -Infinity, dayOffset: 0, lastTod: undefined,
    }));
  }

  started(): void {
    this.startedCount++;
    if (this.startedCount >= this.handles.length && !this.running) {
      this.running = true;
      void this.run();
    }
  }

  wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private async run(): Promise<void> {
    try {
      while (this.inputs.length) {
        await Promise.all(this.inputs.filter((i) => this.needsFill(i)).map((i) => this.fill(i)));
        this.retire();
        if (!this.inputs.length) break;
        if (this.inputs.every((i) => i.head >= i.lines.length)) {
          // every input is at its current end: wait for any of them to move
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            for (const i of this.inputs) void i.reader.wait().then(() => this.wakeUp());
          });
          continue;
        }
        this.emitWindow();
        this.retire();
      }
    } finally {
      for (const h of this.handles) h.finish();
    }
  }

  private needsFill(i: Input): boolean {
    return i.head >= i.lines.length && !i.reader.done && i.reader.ready;
  }

  private async fill(i: Input): Promise<void> {
    while (this.needsFill(i)) {
      const lines = await i.reader.read();
      if (lines.length === 0) continue;
      const times = new Array<number>(lines.length);
      for (let k = 0; k < lines.length; k++) times[k] = this.timeOf(i, lines[k]!);
      i.lines = lines;
      i.times = times;
      i.head = 0;
    }
  }

  private timeOf(i: Input, line: string): number {
    let t = peekTime(line);
    if (t === undefined) return i.lastTime;
    // a dated line in a file of times of day (an access record among text rows) cannot be put on their clock
    // here (the zone of the text is not known): it keeps its place after the line before it, as an untimed one
    // does. Compared as it is, it sorted after every time of day of the other files, and two copies of one
    // file came apart (one ran ahead to its next dated line): their requests split
    if (i.lastTod !== undefined && !isTimeOfDay(t)) return i.lastTime;
    if (isTimeOfDay(t)) {
      // a time-of-day file that passes midnight keeps counting up
      if (i.lastTod !== undefined && t + DAY_MS / 2 < i.lastTod) i.dayOffset += DAY_MS;
      i.lastTod = t;
      t += i.dayOffset;
    }
    i.lastTime = t;
    return t;
  }

  /** Drops inputs that are done and empty (or stopped), ending their handles. */
  private retire(): void {
    const keep: Input[] = [];
    for (const i of this.inputs) {
      const empty = i.head >= i.lines.length;
      if (i.handle.stopped || (i.reader.done && empty)) i.handle.finish();
      else keep.push(i);
    }
    this.inputs = keep;
  }

  private emitWindow(): void {
    const runs: Array<{ input: Input; lines: string[] }> = [];
    let n = 0;
    while (n < WINDOW) {
      // the order is only known while every input that may have more right now has a line at hand
      let best: Input | undefined;
      let blocked = false;
      for (const i of this.inputs) {
        if (i.head >= i.lines.length) {
          if (!i.reader.done && i.reader.ready) blocked = true;
          continue;
        }
        if (!best) best = i;
        else {
          const ti = i.times[i.head]!;
          const tb = best.times[best.head]!;
          if (ti < tb || (ti === tb && i === this.last && best !== this.last)) best = i;
        }
      }
      if (blocked || !best) break;
      const run = runs[runs.length - 1];
      if (run && run.input === best) run.lines.push(best.lines[best.head]!);
      else runs.push({ input: best, lines: [best.lines[best.head]!] });
      best.head++;
      this.last = best;
      n++;
    }
    this.deliver(runs, n);
    for (const i of this.inputs) {
      if (i.head >= i.lines.length && i.lines.length) {
        i.lines = [];
        i.times = [];
        i.head = 0;
      }
    }
  }

  /** Exact order while the call budget allows, else one batch per file for the window. */
  private deliver(runs: Array<{ input: Input; lines: string[] }>, n: number): void {
    this.linesOut += n;
    let batches = runs;
    if (this.calls + runs.length > FREE_CALLS + this.linesOut / LINES_PER_CALL) {
      const byInput = new Map<Input, string[]>();
      for (const r of runs) {
        const b = byInput.get(r.input);
        if (b) for (const l of r.lines) b.push(l);
        else byInput.set(r.input, r.lines);
      }
      batches = [...byInput].map(([input, lines]) => ({ input, lines }));
    }
    this.calls += batches.length;
    for (const b of batches) {
      if (!b.input.handle.stopped) b.input.handle.onLines?.(b.lines);
    }
  }
}

/** One LineSource per reader; together they deliver the readers' lines in time order. */
export function mergeReaders(readers: PullReader[]): LineSource[] {
  return new Merge(readers).handles;
}
