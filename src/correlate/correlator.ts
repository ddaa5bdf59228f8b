// Groups events by request ID into one RequestGroup per request, whatever the order of lines.
// Decides when a group is final (grace period on the stream's own clock: open-groups.ts), bounds memory by
// evicting the oldest final groups (retention.ts), and relabels a group whenever it changes.
import type { Label, LogEvent, RequestGroup } from '../model.js';
import { diagnose } from '../diagnose/diagnose.js';
import { isTimeOfDay } from '../parse/time.js';
import { anchorTimes, applyEvent, newGroup, type GroupState } from './apply.js';
import { GroupsById, processKey } from './by-id.js';
import { PrintedRequests } from './printed.js';
import { StreamClock, type TimeDomain } from './stream-clock.js';
import { emptyLabels, type CorrelatorStats } from './stats.js';
import { MIN_MEMORY_CAP, shed } from './memory.js';
import { RetainedOrder, type EvictHooks } from './retention.js';
import { OpenGroups, type SettleHooks } from './open-groups.js';
import type { CorrelatorOptions } from './options.js';
import { DEDUPED, isDuplicate, isReuse, requestRowOf } from './reuse.js';

export type { CorrelatorStats } from './stats.js';
export { MIN_MEMORY_CAP } from './memory.js';
export { LOG_DELAY_MS } from './open-groups.js';
export { DEFAULT_GRACE_MS, DEFAULT_MAX_GROUPS, type CorrelatorOptions } from './options.js';

export class Correlator {
  private readonly byId = new GroupsById();
  /** live report mode: requests printed and dropped, remembered so that their later lines are counted */
  private readonly printed = new PrintedRequests();
  private readonly order = new RetainedOrder();
  private readonly evictHooks: EvictHooks = {
    retained: () => this.stats.retained,
    open: () => this.open.size,
    finalizeEarly: (st) => this.finalizeEarly(st),
    drop: (st) => this.drop(st),
  };
  private readonly settleHooks: SettleHooks = {
    finalize: (st) => this.finalize(st),
    decide: (st) => this.decide(st),
  };
  private seq = 0;
  private arrival = 0;
  /** the stream's own clock per time domain, and the day each source's times of day were placed on */
  private readonly time = new StreamClock();
  private readonly open: OpenGroups;
  private ended = false;
  /** arrival count and clock at the last sweep */
  private sweptAt = 0;
  private sweptClock = -Infinity;
  private dirtyGroups = new Set<GroupState>();
  /** groups() result: appended to as groups are created, rebuilt after an eviction */
  private groupsCache: RequestGroup[] | undefined;
  readonly stats: CorrelatorStats = {
    groups: 0, retained: 0, evicted: 0, lateLines: 0, afterDecided: 0, decidedEarly: 0, reusedIds: 0, duplicates: 0, startedBehind: 0, labels: emptyLabels(), memoryCap: undefined,
  };
  /** retained groups at most: --max-groups, or lower once memory ran short */
  private maxGroups: number;
  /** called once per group, when its label can no longer be `pending` (live) or once it is final (whole input) */
  onDecided?: (g: RequestGroup) => void;
  /** called when a group leaves memory */
  onEvicted?: (g: RequestGroup) => void;

  constructor(readonly opts: CorrelatorOptions) {
    this.maxGroups = opts.maxGroups;
    this.open = new OpenGroups(opts, this.time);
  }

  /**
   * Keeps at most `cap` groups from now on (never fewer than MIN_MEMORY_CAP), evicting the oldest final
   * ones at once: for when the heap runs short before --max-groups is reached.
   */
  lowerCap(cap: number): void {
    const to = Math.max(MIN_MEMORY_CAP, Math.floor(cap));
    if (to >= this.maxGroups) return;
    this.maxGroups = to;
    this.stats.memoryCap = to;
    this.evict();
    this.order.compact(true);
  }

  /** The stream's own clock for a time domain (the grace period runs on it: see StreamClock). */
  clock(domain: TimeDomain): number {
    return this.time.clock(domain);
  }

  /** The anchor adopted first (correlate/clock.ts): whose clock face the stream's times of day are read on. */
  face(): number | undefined {
    return this.time.face();
  }

  /** The newest time seen in a domain (what "N s ago" counts from in the views). */
  newest(domain: TimeDomain): number {
    return this.time.newest(domain);
  }

  add(ev: LogEvent): void {
    this.arrival++;
    const id = ev.requestId!;
    // the stream learned which day (and zone) its times of day are: placed on the epoch (correlate/clock.ts)
    const anchor = ev.time !== undefined && isTimeOfDay(ev.time) ? this.time.anchorFor(ev.source) : undefined;
    if (anchor !== undefined) ev.time! += anchor;
    if (ev.time !== undefined) this.time.note(ev.time);
    if (ev.kind === 'access') this.open.accessSeen = true;
    const key = processKey(id, ev.process);
    // a request printed and dropped already (report mode) takes its later lines too: counted, not printed again
    let st = this.byId.find(id, key) ?? this.printed.get(id, key);
    let replaced: GroupState | undefined;
    if (st && isReuse(st, ev, this.opts.graceMs)) {
      if (st.evicted) this.printed.delete(st);
      else this.finalize(st);
      replaced = st;
      st = undefined;
    }
    if (!st) {
      // the ID of another request: after this one (isReuse) or another process's (a restart, a cluster worker)
      if (replaced || this.byId.newest(id) || this.printed.get(id, undefined)) this.stats.reusedIds++;
      st = this.create(id, key, replaced);
      if (DEDUPED.has(ev.kind)) isDuplicate(st, ev.raw);
    } else if (DEDUPED.has(ev.kind)) {
      // the indented header and body lines under a repeated row are its, not the first one's: skipped with it
      st.repeating = isDuplicate(st, ev.raw);
      if (st.repeating) {
        this.stats.duplicates++;
        return;
      }
    } else if (st.repeating && (ev.kind === 'header' || ev.kind === 'body')) {
      this.stats.duplicates++;
      return;
    }
    if (st.final) this.stats.lateLines++;
    if (st.emitted) this.stats.afterDecided++;
    // a group whose lines named no process yet takes the first one named (see GroupsById.find)
    if (key !== undefined) st.g.process ??= key;
    if (ev.kind === 'request' && !ev.inferred) st.requestRow ??= requestRowOf(ev);
    if (ev.kind === 'response' && (ev.format === 'server-json' || ev.format === 'rtld-json')) st.platformResponse = true;
    if (anchor !== undefined) st.g.anchorMs = anchor;
    applyEvent(st, ev, this.opts.lean);
    st.lastArrival = this.arrival;
    // on the group's own clock (sweep compares it with that): a 539's epoch access record after text rows stamped with
    // times of day is seen at the times of day's clock, or the request would wait for an epoch-sized time of day
    if (ev.time !== undefined && st.domain !== undefined) st.seenAt = this.clock(st.domain);
    // out of memory, printed: its label stands as printed
    if (!st.evicted) this.dirtyGroups.add(st);
  }

  /**
   * A source's times of day are on the epoch from now on (the stream learned their day and zone: correlate/clock.ts
   * AnchorLearner): so are those of the requests kept, which are relabelled and decided on the epoch's clock.
   * Requests printed already keep the time they were printed with.
   */
  adoptAnchor(source: number, anchor: number): void {
    if (!this.time.adopt(source, anchor)) return;
    for (const st of this.order.all()) {
      if (st.evicted || st.todSpan === undefined || st.todSource !== source) continue;
      anchorTimes(st, anchor);
      this.dirtyGroups.add(st);
    }
  }

  /** Relabels changed groups and decides/finalises what it can. Call after each batch. */
  settle(): void {
    for (const st of this.dirtyGroups) this.relabel(st);
    this.dirtyGroups.clear();
    // a sweep walks every open group: do it every few thousand lines, or when the stream's clock moved on
    // by a second (at once on live input, after a few hundred lines on a whole file)
    const lines = this.arrival - this.sweptAt;
    const clockNow = this.time.now();
    const moved = clockNow - this.sweptClock >= 1000 && (this.opts.live || lines >= 256);
    if (lines >= 4096 || moved) {
      this.sweptAt = this.arrival;
      this.sweptClock = clockNow;
      this.open.sweep(false, this.arrival, this.settleHooks);
    }
    this.evict();
  }

  /**
   * Wall-clock grace on quiet live input: groups untouched for the grace period are final. A request whose label
   * is certain waits only the settling time (the log delay) of quiet, as it would on the stream's clock.
   */
  tick(wallNow: number, lastLineWall: number): void {
    const quiet = wallNow - lastLineWall;
    if (quiet >= this.opts.graceMs) this.open.sweep(true, this.arrival, this.settleHooks);
    else if (this.opts.settleMs && quiet >= this.opts.settleMs) this.open.decideCertain(this.settleHooks);
  }

  /**
   * Input ended: every group is final. `interrupted`: live input stopped by a signal (Ctrl-C, SIGTERM) rather
   * than at its end: a request still open there may yet get its response row, so it stays `pending` (spec §3 rule 3).
   */
  end(interrupted = false): void {
    this.ended = true;
    if (interrupted && this.opts.live) this.open.cutShort();
    for (const st of this.dirtyGroups) this.relabel(st);
    this.dirtyGroups.clear();
    for (const st of this.open.inOrder()) this.finalize(st);
  }

  /** Retained groups in order of first appearance. */
  groups(): readonly RequestGroup[] {
    if (this.groupsCache === undefined) this.groupsCache = this.order.retained().map((s) => s.g);
    return this.groupsCache;
  }

  /** The newest retained request with this ID (two processes' `req-1` are two requests: see GroupsById). */
  get(requestId: string): RequestGroup | undefined {
    return this.byId.newest(requestId)?.g;
  }

  isFinal(g: RequestGroup): boolean {
    return this.byId.all(g.requestId).find((s) => s.g === g)?.final ?? true;
  }

  /** Replaces a group's diagnosis (a re-run verdict) keeping the label counts right. */
  setDiagnosis(g: RequestGroup, label: Label, reasons: string[], next: readonly string[]): void {
    this.stats.labels[g.label]--;
    g.label = label;
    g.reasons = reasons;
    g.next = next;
    this.stats.labels[label]++;
    g.version++;
  }

  /** A new group for the ID (and process key); `replaced`: the request that used the ID before (isReuse). */
  private create(id: string, key: string | undefined, replaced: GroupState | undefined): GroupState {
    const g = newGroup(++this.seq, id);
    g.process = key;
    const st: GroupState = { g, textUpstreams: 0, lastArrival: this.arrival, final: false, evicted: false, emitted: false, hashes: [] };
    this.byId.add(st, replaced?.evicted ? undefined : replaced);
    this.order.push(st);
    this.groupsCache?.push(g);
    this.open.add(st);
    this.stats.groups++;
    this.stats.retained++;
    this.stats.labels.pending++;
    return st;
  }

  private relabel(st: GroupState): void {
    const g = st.g;
    const before = g.label;
    const d = diagnose(g, this.opts.live && ((!st.final && !this.ended) || st.cutShort === true));
    if (g.label === 'allowlist-error' || g.label === 'bad-request') {
      // a re-run verdict stands while the group still reads allowlist-suspect
      if (d.label === 'allowlist-suspect') return;
    }
    g.label = d.label;
    g.reasons = d.reasons;
    g.next = d.next;
    if (before !== g.label) {
      this.stats.labels[before]--;
      this.stats.labels[g.label]++;
    }
    if (!g.decided && this.open.isDecided(st)) this.decide(st);
  }

  private decide(st: GroupState): void {
    st.g.decided = true;
    if (!st.emitted) {
      st.emitted = true;
      this.onDecided?.(st.g);
    }
  }

  private finalize(st: GroupState): void {
    if (st.final) return;
    st.final = true;
    this.open.delete(st);
    this.relabel(st);
    if (!st.g.decided) this.decide(st);
    if (!this.opts.keepFinal && !st.evicted) this.drop(st, false);
  }

  /** Finalises a group to make room; one still open whose label could change is counted as decided early. */
  private finalizeEarly(st: GroupState): void {
    if (!st.final && !this.open.labelCertain(st)) this.stats.decidedEarly++;
    this.finalize(st);
  }

  private evict(): void {
    this.order.evict(this.maxGroups, this.evictHooks);
  }

  private drop(st: GroupState, counted = true): void {
    st.evicted = true;
    this.groupsCache = undefined;
    this.byId.delete(st);
    // live report mode only: there a request is printed while its late lines may still come. A whole file's
    // request is dropped once it is final (a grace period of the file's clock and many lines on), and remembering
    // 10,000 of them cost the report ~50 MB of peak memory (objects promoted, then dying in the old generation)
    if (!this.opts.keepFinal && this.opts.live && st.emitted) this.printed.remember(st);
    this.stats.retained--;
    if (counted) this.stats.evicted++;
    this.order.dropped();
    // short of memory: the views may still hold this group for a frame or two (React keeps the lists it
    // drew last), so let go of its lines and headers now rather than when they do
    if (counted && this.stats.memoryCap !== undefined) shed(st.g);
    this.onEvicted?.(st.g);
  }
}
