// One clock for a stream whose lines mix times of day (`09:00:14.113`: ms since midnight, parse/time.ts) with
// dated times (epoch ms): the platform's text rows and an access log's `timestamp` of the same requests. The
// day, and the zone a text log may be written in (an access log's epoch is UTC), are learned from requests that
// carry both kinds: their two clocks differ by "midnight of that day, in that zone", a whole number of quarter
// hours (every zone offset is one) give or take how long the request ran. Once several requests agree, the
// stream's times of day of that source are placed on the epoch (see Correlator), so durations, time order and
// the grace period run on one clock.
import { DAY_MS, isTimeOfDay } from '../parse/time.js';
import type { GroupState } from './apply.js';

export const QUARTER_HOUR_MS = 900_000;
/**
 * How far a request's first time of day and first dated time may be apart (once placed on one clock) for the pair to
 * say which day and zone: a request's lines span seconds (a 539's access record comes 20 s after its first row), and
 * a pair further apart than this is more likely two requests sharing an ID than one: it says nothing.
 */
export const PAIR_SLACK_MS = 120_000;
/** requests that must agree on a day and zone before a stream's times of day are placed on it */
export const MIN_VOTES = 3;

/**
 * What to add to a time of day to place it on the epoch, as one request says it (its first dated time and its first
 * time of day: `tod` may count past midnight, see DayRoll); undefined when the two are too far off a quarter hour.
 */
export function anchorOf(epoch: number, tod: number): number | undefined {
  const d = epoch - tod;
  const a = Math.round(d / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return Math.abs(d - a) <= PAIR_SLACK_MS && a > 0 ? a : undefined;
}

/** The zone offset an anchor implies, in minutes east of UTC (within -12 h..+12 h: +13 h and +14 h read as -11 h and -10 h). */
export function zoneOfAnchor(anchor: number): number {
  const east = (((-anchor % DAY_MS) + DAY_MS + DAY_MS / 2) % DAY_MS) - DAY_MS / 2;
  return east / 60_000;
}

/**
 * The anchors a stream's requests vote for, per source of their times of day (each file or stream has its own day:
 * parse/time.ts DayRoll counts per source). An anchor is adopted once MIN_VOTES requests agree on it and at most one
 * in five votes for another: a stray line (one request) or an ID shared by unrelated lines cannot move the clock.
 */
export class StreamAnchors {
  private readonly adopted = new Map<number, number>();
  private readonly votes = new Map<number, Map<number, number>>();

  /** The adopted anchor for times of day of this source. */
  get(source: number): number | undefined {
    return this.adopted.get(source);
  }

  /** Counts one request's anchor; true when this vote adopted it. */
  vote(source: number, anchor: number): boolean {
    if (this.adopted.has(source)) return false;
    let m = this.votes.get(source);
    if (!m) this.votes.set(source, (m = new Map()));
    const n = (m.get(anchor) ?? 0) + 1;
    m.set(anchor, n);
    let total = 0;
    for (const v of m.values()) total += v;
    if (n < MIN_VOTES || (total - n) * 4 > n) return false;
    this.adopted.set(source, anchor);
    this.votes.delete(source);
    return true;
  }
}

/**
 * A group's times come from one clock: its server lines' (time of day or epoch, whichever came first), or its
 * access record's while there is no server-line time. Times on the other clock count once the request has an
 * anchor (g.anchorMs: from its own lines, or the stream's, see AnchorLearner): the edge's 539 stamped
 * 20 s after the text rows is the real end. Without one they cannot be placed: mixing clocks would make
 * durations and the grace period meaningless.
 */
export function noteTime(st: GroupState, t: number, fromAccess: boolean, source: number): void {
  const tod = isTimeOfDay(t);
  const span = tod ? st.todSpan : st.epochSpan;
  if (span === undefined) {
    if (tod) {
      st.todSpan = { first: t, last: t };
      st.todSource ??= source;
    } else st.epochSpan = { first: t, last: t };
  } else if (t < span.first) span.first = t;
  else if (t > span.last) span.last = t;
  const domain = tod ? 'tod' : 'epoch';
  if (st.domain === undefined || (!fromAccess && st.timesFromAccess)) {
    st.domain = domain;
    st.timesFromAccess = fromAccess;
  }
  // the request's own anchor: its first dated time and first time of day, a whole number of quarter hours apart
  if (st.g.anchorMs === undefined && st.todSpan && st.epochSpan) st.g.anchorMs = anchorOf(st.epochSpan.first, st.todSpan.first);
  placeTimes(st);
}

/** firstTime and lastTime on the group's clock, from both spans when the request has an anchor. */
export function placeTimes(st: GroupState): void {
  const g = st.g;
  const own = st.domain === 'tod' ? st.todSpan : st.epochSpan;
  if (own === undefined) return;
  let first = own.first;
  let last = own.last;
  const other = st.domain === 'tod' ? st.epochSpan : st.todSpan;
  if (other !== undefined && g.anchorMs !== undefined) {
    const k = st.domain === 'tod' ? -g.anchorMs : g.anchorMs;
    first = Math.min(first, other.first + k);
    last = Math.max(last, other.last + k);
  }
  // an access record alone: stamped at the request's end, its `eh` time says when it started
  const a = g.access;
  if (g.serverLines === 0 && a?.time !== undefined && a.durationMs !== undefined && st.domain === (isTimeOfDay(a.time) ? 'tod' : 'epoch')) {
    first = Math.min(first, a.time - a.durationMs);
  }
  g.firstTime = first;
  g.lastTime = last;
}

/** requests the learner remembers a first time of at once (a pair's two times come within seconds of each other) */
const RECENT = 4096;

/**
 * Learns a stream's anchors from the times of every line with a request ID, in the order read: the reader of a
 * whole stream and each worker of a partitioned one (each reads every line) see the same lines, so all adopt the
 * same anchor at the same line (`--workers N` prints what one reader prints). Costs nothing on a log without
 * times of day, and stops looking once each source with them has its anchor.
 */
export class AnchorLearner {
  readonly anchors = new StreamAnchors();
  private readonly firsts = new Map<string, { tod?: number; todSource?: number; epoch?: number }>();
  /** sources with times of day and no anchor yet */
  private readonly open = new Set<number>();

  /** Notes a line's request ID and time; returns the [source, anchor] this line adopted, if it did. */
  see(requestId: string, t: number, source: number): [number, number] | undefined {
    const tod = isTimeOfDay(t);
    if (tod) {
      if (this.anchors.get(source) !== undefined) return undefined;
      this.open.add(source);
    } else if (this.open.size === 0) return undefined;
    let f = this.firsts.get(requestId);
    if (f === undefined) {
      if (this.firsts.size >= RECENT) this.firsts.delete(this.firsts.keys().next().value!);
      this.firsts.set(requestId, (f = {}));
    }
    if (tod) {
      if (f.tod !== undefined) return undefined;
      f.tod = t;
      f.todSource = source;
    } else if (f.epoch !== undefined) return undefined;
    else f.epoch = t;
    if (f.tod === undefined || f.epoch === undefined) return undefined;
    const a = anchorOf(f.epoch, f.tod);
    if (a === undefined || !this.anchors.vote(f.todSource!, a)) return undefined;
    this.open.delete(f.todSource!);
    return [f.todSource!, a];
  }
}
