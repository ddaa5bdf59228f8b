// The stream's own clock, per time domain (times of day, dated times): what the grace period runs on, what "N s ago"
// counts from, and the day (and zone) each source's times of day were placed on (correlate/clock.ts).
import { isTimeOfDay } from '../parse/time.js';

export type TimeDomain = 'tod' | 'epoch';

export class StreamClock {
  /**
   * The clock per domain: the second-newest time seen, so that one line stamped far ahead (a host with a skewed
   * clock) neither decides every open request at once nor holds the rest back; a newer time counts once a second
   * line confirms the stream got there.
   */
  private clockTod = -Infinity;
  private clockEpoch = -Infinity;
  /** the newest time seen per domain (not yet confirmed by a second line) */
  private newestTod = -Infinity;
  private newestEpoch = -Infinity;
  /** the day (and zone) of each source's times of day, once requests with both kinds agree on it */
  private readonly anchors = new Map<number, number>();

  /** A line's time (already placed on its source's day, when it has one). */
  note(t: number): void {
    if (isTimeOfDay(t)) {
      if (t > this.newestTod) {
        this.clockTod = this.newestTod;
        this.newestTod = t;
      } else if (t > this.clockTod) this.clockTod = t;
    } else if (t > this.newestEpoch) {
      this.clockEpoch = this.newestEpoch;
      this.newestEpoch = t;
    } else if (t > this.clockEpoch) this.clockEpoch = t;
  }

  /** The clock of a domain (the grace period runs on it). */
  clock(domain: TimeDomain): number {
    return domain === 'tod' ? this.clockTod : this.clockEpoch;
  }

  /** The clock of the domain `t` is in. */
  clockFor(t: number): number {
    return isTimeOfDay(t) ? this.clockTod : this.clockEpoch;
  }

  /** The later of the two clocks: has the stream moved on (see Correlator.settle)? */
  now(): number {
    return Math.max(this.clockTod, this.clockEpoch);
  }

  /** The newest time seen in a domain (what "N s ago" counts from in the views). */
  newest(domain: TimeDomain): number {
    return domain === 'tod' ? this.newestTod : this.newestEpoch;
  }

  /** What to add to a time of day of `source` to place it on the epoch, once learned. */
  anchorFor(source: number): number | undefined {
    return this.anchors.size === 0 ? undefined : this.anchors.get(source);
  }

  /** The anchor adopted first: whose clock face the stream's times of day are read on. */
  face(): number | undefined {
    return this.anchors.values().next().value;
  }

  /** Places `source`'s times of day on the epoch from now on; false when it was placed already. */
  adopt(source: number, anchor: number): boolean {
    if (this.anchors.has(source)) return false;
    this.anchors.set(source, anchor);
    return true;
  }
}
