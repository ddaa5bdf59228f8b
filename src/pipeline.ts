// parse -> correlate -> diagnose, for any number of sources. The one object report/ and ui/ talk to.
import type { Diagnosis, LineSource, LogEvent, RawLine, RequestGroup, SourceStatus } from './model.js';
import { LineParser, type FormatOption } from './parse/index.js';
import type { Partition } from './parse/route.js';
import { Correlator, DEFAULT_GRACE_MS, DEFAULT_MAX_GROUPS, LOG_DELAY_MS, type CorrelatorStats } from './correlate/correlator.js';
import { KEPT } from './correlate/printed.js';
import { FileSource, checkReadable } from './sources/file.js';
import { StdinSource } from './sources/stdin.js';
import { expandStamped } from './sources/document.js';
import { formatHint } from './parse/hints.js';
import { AnchorLearner } from './correlate/clock.js';
import { isTimeOfDay } from './parse/time.js';

/** the first unparsed lines are looked at for a hint of what the log is */
const HINT_LINES = 200;
import { watchHeap, type HeapWatch } from './util/heap.js';

export interface PipelineOptions {
  graceMs?: number;
  live?: boolean;
  maxGroups?: number;
  format?: FormatOption;
  /** unattributed lines kept for viewing (raw and ID-less lines); all are counted */
  maxUnattributed?: number;
  /** keep finished requests for viewing (TUI, default); report mode drops each once printed */
  keepFinal?: boolean;
  /** keep only what a printed row needs: no headers, bodies, messages or raw lines (report mode) */
  lean?: boolean;
  /** one of several workers sharing the input (report/parallel.ts): only this partition's requests and lines */
  partition?: Partition;
  /** keep fewer requests than maxGroups when the heap runs short (the TUI): see util/heap.ts */
  heapGuard?: boolean;
  /** live report mode: how far the stream's clock must be past a request's last line before it is decided (see Correlator) */
  settleMs?: number;
}

export interface PipelineStats extends CorrelatorStats {
  lines: number;
  /** lines that fit no format */
  rawLines: number;
  /** lines with no request ID (raw included) */
  unattributed: number;
  /** what the unparsed lines look like, when one of the first of them is a shape ssrtail knows of but does not read (parse/hints.ts) */
  formatHint?: string;
  /** entries of saved Loki/Grafana documents that hold no line (kept as unparsed lines, counted in rawLines too) */
  malformedEntries: number;
}

export class Pipeline {
  readonly correlator: Correlator;
  private readonly parsers: LineParser[] = [];
  private readonly unattributedRing: RawLine[] = [];
  private readonly maxUnattributed: number;
  /** oldest entry of the ring once it is full */
  private ringHead = 0;
  private lastLineWall = Date.now();
  readonly stats: PipelineStats;
  readonly live: boolean;

  constructor(private readonly opts: PipelineOptions = {}) {
    this.live = opts.live ?? false;
    this.maxUnattributed = opts.maxUnattributed ?? 10_000;
    this.correlator = new Correlator({
      graceMs: opts.graceMs ?? DEFAULT_GRACE_MS,
      live: this.live,
      maxGroups: opts.maxGroups ?? DEFAULT_MAX_GROUPS,
      quietLines: 50_000,
      keepFinal: opts.keepFinal ?? true,
      lean: opts.lean ?? false,
      settleMs: opts.settleMs,
    });
    const cs = this.correlator.stats;
    this.stats = Object.assign(cs, { lines: 0, rawLines: 0, unattributed: 0, malformedEntries: 0 }) as PipelineStats;
    if (opts.heapGuard) this.heapWatch = watchHeap(() => this.relieveMemory());
  }

  private heapWatch: HeapWatch | undefined;
  private readonly clock = new AnchorLearner();

  /** The heap is short: keep a quarter fewer requests than are retained now. */
  relieveMemory(): void {
    this.correlator.lowerCap(this.stats.retained * 0.75);
  }

  /** Stops watching the heap (heapGuard): call when done with the pipeline. */
  close(): void {
    this.heapWatch?.stop();
    this.heapWatch = undefined;
  }

  set onDecided(fn: ((g: RequestGroup) => void) | undefined) {
    this.correlator.onDecided = fn;
  }
  get onDecided(): ((g: RequestGroup) => void) | undefined {
    return this.correlator.onDecided;
  }

  private parser(source: number): LineParser {
    let p = this.parsers[source];
    if (!p) p = this.parsers[source] = new LineParser(source, this.opts.format ?? 'auto', this.opts.lean ?? false);
    return p;
  }

  /** Parses, correlates and diagnoses a batch of lines from one source. */
  feed(batch: readonly string[], source = 0): void {
    const parser = this.parser(source);
    // a saved Loki or Grafana document: the lines it holds, each with its entry's time (null: an entry with no line)
    const { lines, stamps, malformed } = expandStamped(batch);
    const part = this.opts.partition;
    if (part) {
      for (let i = 0; i < lines.length; i++) {
        const stamp = stamps?.[i];
        const ev = stamp === null ? parser.unparsed(lines[i]!, part.index === 0) : parser.route(lines[i]!, part, stamp);
        if (ev) this.feedEvent(ev, parser.stamp);
        else if (parser.foreign) {
          // another worker's request: its time still teaches this one the stream's clock
          const f = parser.foreign;
          parser.foreign = undefined;
          this.learn(f.requestId, f.time, f.source, parser.stamp);
        }
      }
      // every worker reads every line: the first one counts them
      if (part.index === 0) {
        this.stats.lines += lines.length;
        this.stats.malformedEntries += malformed;
      }
    } else {
      for (let i = 0; i < lines.length; i++) {
        const stamp = stamps?.[i];
        const ev = stamp === null ? parser.unparsed(lines[i]!) : parser.parse(lines[i]!, stamp);
        if (ev) this.feedEvent(ev, parser.stamp);
      }
      this.stats.lines += lines.length;
      this.stats.malformedEntries += malformed;
    }
    this.lastLineWall = Date.now();
    this.correlator.settle();
  }

  /** `stamp`: the dated time the line came with from outside it (Parser.stamp), which may pair with its own time of day. */
  private feedEvent(ev: LogEvent, stamp?: number): void {
    if (ev.kind === 'raw') {
      this.stats.rawLines++;
      if (this.stats.formatHint === undefined && this.stats.rawLines <= HINT_LINES) this.stats.formatHint = formatHint(ev.raw);
    }
    if (ev.requestId === undefined || ev.requestId === '') {
      this.stats.unattributed++;
      if (this.opts.lean) return;
      const line = { source: ev.source, lineNo: ev.lineNo, text: ev.raw };
      if (this.unattributedRing.length < this.maxUnattributed) this.unattributedRing.push(line);
      else {
        this.unattributedRing[this.ringHead] = line;
        this.ringHead = (this.ringHead + 1) % this.maxUnattributed;
      }
      return;
    }
    if (ev.time !== undefined) this.learn(ev.requestId, ev.time, ev.source, stamp);
    const groups = this.stats.groups;
    this.correlator.add(ev);
    if (this.stats.groups > groups && ev.time !== undefined && this.startsBehind(ev.time)) this.stats.startedBehind++;
  }

  /**
   * A new request whose first line is stamped far behind the stream's clock (more than the grace period and the log
   * delay), once requests have left memory for good: the input is not in time order (`cat app.log app.log.1`, an access
   * log after the server log), and the line may belong to a request printed and forgotten already. A file's report
   * keeps no printed request, live report mode the last KEPT (correlate/printed.ts), the TUI all but the evicted.
   */
  private startsBehind(t: number): boolean {
    const s = this.stats;
    const forgotten = this.opts.keepFinal === false ? s.groups - s.retained > (this.live ? KEPT : 0) : s.evicted > 0;
    return forgotten && t < this.correlator.clock(isTimeOfDay(t) ? 'tod' : 'epoch') - this.correlator.opts.graceMs - LOG_DELAY_MS;
  }

  /** Learns the day and zone of the stream's times of day from every timed line of a request (correlate/clock.ts). */
  private learn(requestId: string, time: number, source: number, stamp?: number): void {
    let adopted = this.clock.see(requestId, time, source);
    // a time of day with the dated time its wrapper gave the line (`kubectl logs --timestamps`): one request's pair
    if (!adopted && stamp !== undefined && isTimeOfDay(time)) adopted = this.clock.see(requestId, stamp, source);
    if (adopted) this.correlator.adoptAnchor(adopted[0], adopted[1]);
  }

  /** Input ended: every group gets its final label; `interrupted` live input leaves the undecided ones `pending`. */
  end(interrupted = false): void {
    // a Docker/CRI line whose last piece never came: delivered as far as it got
    for (const p of this.parsers) if (p) for (const ev of p.flush(this.opts.partition)) this.feedEvent(ev);
    this.correlator.end(interrupted);
  }

  /** Call about once a second on live input: applies the grace period on the wall clock when input is quiet. */
  tick(wallNow = Date.now()): void {
    this.correlator.tick(wallNow, this.lastLineWall);
  }

  /** Retained groups in order of first appearance. The same array, appended to, until a group is evicted: do not mutate. */
  groups(): readonly RequestGroup[] {
    return this.correlator.groups();
  }

  get(requestId: string): RequestGroup | undefined {
    return this.correlator.get(requestId);
  }

  /** Replaces a group's diagnosis (a re-run verdict: allowlist-error / bad-request), keeping the label totals right. */
  setDiagnosis(g: RequestGroup, d: Diagnosis): void {
    this.correlator.setDiagnosis(g, d.label, d.reasons, d.next);
  }

  /** The latest lines that belong to no request (raw text and ID-less log lines). */
  unattributed(): readonly RawLine[] {
    if (this.ringHead === 0) return this.unattributedRing;
    return [...this.unattributedRing.slice(this.ringHead), ...this.unattributedRing.slice(0, this.ringHead)];
  }
}

/** Reads sources to their end into one pipeline. Status changes go to onStatus (errors included). */
export async function runSources(
  pipeline: Pipeline,
  sources: LineSource[],
  onStatus?: (source: number, s: SourceStatus) => void,
): Promise<void> {
  await Promise.all(
    sources.map((src, i) =>
      src.start(
        (lines) => pipeline.feed(lines, i),
        (s) => onStatus?.(i, s),
      ),
    ),
  );
}

/**
 * Reads files ('-' = stdin) to the end and returns the finished pipeline. Throws one clear line on unreadable input.
 * @param notes gets what each source said of its input as it ended (`u16.log: looks like UTF-16 …`)
 */
export async function loadGroups(paths: string[], opts: PipelineOptions = {}, notes: string[] = []): Promise<Pipeline> {
  for (const p of paths) {
    if (p === '-') continue;
    const err = checkReadable(p);
    if (err) throw new Error(err);
  }
  const pipeline = new Pipeline({ ...opts, live: false });
  const sources: LineSource[] = paths.map((p) => (p === '-' ? new StdinSource() : new FileSource(p)));
  let failure: string | undefined;
  await runSources(pipeline, sources, (i, s) => {
    if (s.state === 'error') failure ??= s.detail;
    else if (s.state === 'ended' && s.detail) notes.push(`${sources[i]!.name}: ${s.detail}`);
  });
  pipeline.end();
  if (failure) throw new Error(failure);
  return pipeline;
}
