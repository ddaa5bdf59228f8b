// The requests not final yet, and when each is decided (its label can no longer change: live report mode prints it)
// and final (no more lines awaited: the grace period on the stream's own clock, spec §3). The Correlator says what
// deciding and finalising do (SettleHooks), as it does for eviction (retention.ts).
import type { CorrelatorOptions } from './options.js';
import type { GroupState } from './group-state.js';
import type { StreamClock } from './stream-clock.js';

/** how late the platform's log lines can arrive after the request ended (spec) */
export const LOG_DELAY_MS = 15_000;

export interface SettleHooks {
  /** the group is final: relabel it for the last time, decide it, drop it when final groups are not kept */
  finalize(st: GroupState): void;
  /** the group is decided: its label stands */
  decide(st: GroupState): void;
}

export class OpenGroups {
  private readonly open = new Set<GroupState>();
  /** an access-log line has come: a 502 may still get its `proxy_hard_error` (see labelCertain) */
  accessSeen = false;

  constructor(
    private readonly opts: CorrelatorOptions,
    private readonly time: StreamClock,
  ) {}

  get size(): number {
    return this.open.size;
  }

  add(st: GroupState): void {
    this.open.add(st);
  }

  delete(st: GroupState): void {
    this.open.delete(st);
  }

  /** The open groups in order of first appearance. */
  inOrder(): GroupState[] {
    return [...this.open].sort((a, b) => a.g.seq - b.g.seq);
  }

  /** Live input interrupted (Ctrl-C, SIGTERM): the groups open now may yet get their response row. */
  cutShort(): void {
    for (const st of this.open) st.cutShort = true;
  }

  /**
   * A label later lines cannot change: a response row with a plain status (not 539, whose label depends on the
   * upstream rows). A 502 is certain unless an access record may yet make it an SNI error (rule 1): only when the
   * response row is the platform's server JSON, or access-log lines are in the input (`accessSeen`). An app's own
   * 502 (pino, Fastify, a text row) with no access log around is as certain as a 500.
   */
  labelCertain(st: GroupState): boolean {
    const g = st.g;
    if (g.response === undefined || g.status === undefined || g.status === 539) return false;
    return g.status !== 502 || (!this.accessSeen && !st.platformResponse);
  }

  /** Final, or (live input) its label certain and its late rows had the settling time to come. */
  isDecided(st: GroupState): boolean {
    if (st.final) return true;
    if (!this.opts.live) return false;
    const g = st.g;
    if (!this.labelCertain(st)) return false;
    const settle = this.opts.settleMs ?? 0;
    if (settle <= 0) return true;
    // and its late rows have had time to come (no clock: it waits to be final)
    if (st.domain === undefined || g.lastTime === undefined) return false;
    // from its last row's stamp, and from when that row came (stamps behind the clock: see graceOver)
    return this.time.clock(st.domain) >= Math.max(g.lastTime, st.seenAt ?? -Infinity) + settle;
  }

  /**
   * Finalises the groups whose grace period is over (`quiet`: every open group: the input has been quiet for the
   * grace period), and decides those settled meanwhile. `arrival`: lines read so far.
   */
  sweep(quiet: boolean, arrival: number, h: SettleHooks): void {
    for (const st of this.open) {
      if (quiet || this.graceOver(st, arrival)) h.finalize(st);
      // settling (settleMs): the clock may have moved far enough for a request with a certain label
      else if (!st.g.decided && this.opts.settleMs && this.isDecided(st)) h.decide(st);
    }
  }

  /** Quiet live input, for the settling time: the open groups with a certain label are decided. */
  decideCertain(h: SettleHooks): void {
    for (const st of this.open) if (!st.g.decided && this.labelCertain(st)) h.decide(st);
  }

  private graceOver(st: GroupState, arrival: number): boolean {
    const g = st.g;
    if (g.lastTime === undefined || st.domain === undefined) return arrival - st.lastArrival > this.opts.quietLines && !this.opts.live;
    const clock = this.time.clock(st.domain);
    if (clock <= g.lastTime + this.opts.graceMs) return false;
    if (!this.opts.live) return arrival - st.lastArrival > this.opts.quietLines;
    // live: a request whose rows came in stamped far behind the clock (pods' logs one after another, `cat
    // app.log app.log.1`) also waits for the clock to move on the log delay from when they came: its next
    // rows may be the very next lines. In-order rows (even 15 s late) were past that already.
    return st.seenAt === undefined || clock > st.seenAt + LOG_DELAY_MS;
  }
}
