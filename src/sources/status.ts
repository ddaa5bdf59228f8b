// What a source tells the user about itself, without flooding: a state change is reported at once,
// progress and a growing dropped-line count at most once per interval.
import type { SourceStatus } from '../model.js';

export class StatusEmitter {
  private last: SourceStatus | undefined;
  private lastEmitAt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** lines lost so far (bounds hit, server-side drops, Loki dropped_entries) */
  dropped = 0;
  private bytesRead: number | undefined;
  private bytesTotal: number | undefined;

  constructor(
    private readonly onStatus: (s: SourceStatus) => void,
    private readonly intervalMs = 1000,
  ) {}

  get state(): SourceStatus['state'] | undefined {
    return this.last?.state;
  }

  /** A new state or detail: reported now (repeats of the same state and detail are not). */
  set(state: SourceStatus['state'], detail?: string): void {
    if (this.last && this.last.state === state && this.last.detail === detail) return;
    this.emit({ state, detail });
  }

  /** Passes on a status from a reader: state changes now, progress throttled. */
  update(s: SourceStatus): void {
    if (s.bytesRead !== undefined) this.bytesRead = s.bytesRead;
    if (s.bytesTotal !== undefined) this.bytesTotal = s.bytesTotal;
    if (!this.last || this.last.state !== s.state || this.last.detail !== s.detail) this.emit({ state: s.state, detail: s.detail, ...(s.notRead ? { notRead: true } : {}) });
    else this.later();
  }

  /** Bytes read so far (throttled). */
  progress(bytesRead: number, bytesTotal?: number): void {
    this.bytesRead = bytesRead;
    this.bytesTotal = bytesTotal;
    this.later();
  }

  /** Counts lost lines; reported within the interval, never silently. */
  addDropped(n: number): void {
    if (n <= 0) return;
    this.dropped += n;
    this.later();
  }

  /** Reports any throttled change now (call when the source ends). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.repeat();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private later(): void {
    if (!this.last || this.timer) return;
    const wait = this.lastEmitAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.repeat();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.repeat();
    }, wait);
    this.timer.unref?.();
  }

  /** The same state again, only when something shown changed: lines dropped, or loading progress. */
  private repeat(): void {
    const l = this.last;
    if (!l) return;
    const progress = l.state === 'loading' && (l.bytesRead !== this.bytesRead || l.bytesTotal !== this.bytesTotal);
    if ((l.dropped ?? 0) !== this.dropped || progress) this.emit({ state: l.state, detail: l.detail });
  }

  private emit(s: SourceStatus): void {
    if (this.bytesRead !== undefined) s.bytesRead = this.bytesRead;
    if (this.bytesTotal !== undefined) s.bytesTotal = this.bytesTotal;
    if (this.dropped) s.dropped = this.dropped;
    this.last = s;
    this.lastEmitAt = Date.now();
    this.onStatus(s);
  }
}

/** Options over defaults, where an option given as undefined keeps its default. */
export function withDefaults<D extends object, O extends object>(defaults: D, opts: O): D & O {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) out[k] = v;
  return out as D & O;
}

/** What a failed source says: its error's detail (which names the source), else its name. */
export function failureText(name: string, s: Pick<SourceStatus, 'detail'>): string {
  return s.detail ?? `${name}: error`;
}

/** A state and its detail in words, without saying the state twice ("retrying in 2s: closed", not "retrying: retrying in 2s: closed"). */
export function describeState(s: Pick<SourceStatus, 'state' | 'detail'>): string {
  if (!s.detail) return s.state;
  return s.detail.startsWith(s.state) ? s.detail : `${s.state}: ${s.detail}`;
}
