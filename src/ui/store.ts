// The bridge between the sources, the pipeline and the view: feeds lines (or buffers them while paused),
// keeps each source's status, and tells subscribers that data changed. No Ink here.
import type { LineSource, SourceStatus } from '../model.js';
import type { Pipeline } from '../pipeline.js';

/** Lines held while paused at most; past it the view resumes by itself (no line is ever dropped). */
export const MAX_BUFFERED_LINES = 500_000;

export interface SourceView {
  name: string;
  live: boolean;
  status: SourceStatus;
}

export class TuiStore {
  /** bumped on every change (lines, statuses, pause) */
  version = 0;
  readonly sourceViews: SourceView[];
  private paused = false;
  private buffer: Array<{ lines: string[]; source: number }> = [];
  private bufferedLines = 0;
  private inputEnded = false;
  private ended = false;
  private readonly listeners = new Set<() => void>();
  private ticker?: ReturnType<typeof setInterval>;
  /** a one-off notice for the status line (e.g. the pause buffer filled up) */
  notice?: string;

  constructor(
    readonly pipeline: Pipeline,
    readonly sources: LineSource[],
    private readonly maxBuffered = MAX_BUFFERED_LINES,
  ) {
    this.sourceViews = sources.map((s) => ({ name: s.name, live: s.live, status: { state: s.live ? 'connecting' : 'loading' } }));
  }

  get live(): boolean {
    return this.sources.some((s) => s.live);
  }
  get isPaused(): boolean {
    return this.paused;
  }
  get buffered(): number {
    return this.bufferedLines;
  }
  /** a file is being read in bulk */
  get isLoading(): boolean {
    return this.sourceViews.some((v) => v.status.state === 'loading');
  }
  /** What the sources said of their input ("u16.log: looks like UTF-16 …", a compressed file, cut lines), but errors. */
  get notes(): string[] {
    return this.sourceViews.flatMap((v) => (v.status.detail && v.status.state !== 'error' ? [`${v.name}: ${v.status.detail}`] : []));
  }

  /** every source ended and the pipeline has decided every request */
  get isEnded(): boolean {
    return this.ended;
  }
  /** no more lines will come: every source has said it ended (or failed), perhaps before the pipeline is told */
  get inputDone(): boolean {
    return this.ended || (this.sourceViews.length > 0 && this.sourceViews.every((v) => v.status.state === 'ended' || v.status.state === 'error'));
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** Starts every source; resolves when all ended (the pipeline is ended once nothing is buffered). */
  async start(tickMs = 1000): Promise<void> {
    if (this.live && tickMs > 0) {
      this.ticker = setInterval(() => {
        if (!this.paused && !this.ended) this.pipeline.tick();
        this.changed();
      }, tickMs);
      this.ticker.unref?.();
    }
    await Promise.all(
      this.sources.map((src, i) =>
        src.start(
          (lines) => this.lines(lines, i),
          (s) => this.status(i, s),
        ),
      ),
    );
    this.inputEnded = true;
    this.finishIfDone();
  }

  /** Feeds a batch (or buffers it while paused). Public for tests and for sources started elsewhere. */
  lines(lines: string[], source: number): void {
    if (lines.length === 0) return;
    if (this.paused) {
      this.buffer.push({ lines, source });
      this.bufferedLines += lines.length;
      if (this.bufferedLines >= this.maxBuffered) {
        this.notice = `pause buffer full (${this.maxBuffered.toLocaleString('en-US')} lines): resumed`;
        this.setPaused(false);
        return;
      }
    } else {
      this.pipeline.feed(lines, source);
    }
    this.changed();
  }

  /** Something outside the pipeline's feed changed a group (a re-run verdict): redraw. */
  refresh(): void {
    this.changed();
  }

  status(source: number, s: SourceStatus): void {
    const v = this.sourceViews[source];
    if (!v) return;
    v.status = s;
    this.changed();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused) {
      const buf = this.buffer;
      this.buffer = [];
      this.bufferedLines = 0;
      for (const b of buf) this.pipeline.feed(b.lines, b.source);
      this.finishIfDone();
    }
    this.changed();
  }

  private finishIfDone(): void {
    if (this.inputEnded && !this.paused && !this.ended) {
      this.pipeline.end();
      this.ended = true;
      this.changed();
    }
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    for (const s of this.sources) {
      try {
        s.stop();
      } catch {
        // a source that cannot stop cleanly is left to process exit
      }
    }
    this.listeners.clear();
    this.pipeline.close();
  }
}
