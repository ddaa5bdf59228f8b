// Which requests stay in memory: the retained groups in order of first appearance, and eviction past the cap
// (--max-groups, or lower once memory ran short): the oldest final groups go first; an undecided one only when
// every retained group is undecided. The Correlator says how a group is finalised and dropped (EvictHooks).
import type { GroupState } from './group-state.js';

export interface EvictHooks {
  /** groups in memory now (drop lowers it) */
  retained(): number;
  /** groups not final yet */
  open(): number;
  /** finalises a group to make room (counted as decided early when its label could still change) */
  finalizeEarly(st: GroupState): void;
  /** lets a final group go (sets `evicted`) */
  drop(st: GroupState): void;
}

export class RetainedOrder {
  private list: GroupState[] = [];
  /** dropped groups the list still holds */
  private dead = 0;

  push(st: GroupState): void {
    this.list.push(st);
  }

  /** A group left memory: the list forgets it at the next compaction. */
  dropped(): void {
    this.dead++;
  }

  /** Every group in order, dropped ones too until compacted: for a walk that skips `evicted` ones. */
  all(): readonly GroupState[] {
    return this.list;
  }

  /** The groups in memory, in order of first appearance. */
  retained(): readonly GroupState[] {
    this.compact(true);
    return this.list;
  }

  /** Evicts the oldest groups until at most `max` are retained, then compacts. */
  evict(max: number, h: EvictHooks): void {
    if (h.retained() > max) {
      const order = this.list;
      for (let i = 0; h.retained() > max && i < order.length; i++) {
        const st = order[i]!;
        if (st.evicted) continue;
        if (!st.final) {
          if (h.open() < h.retained()) continue;
          h.finalizeEarly(st);
        }
        if (!st.evicted) h.drop(st);
      }
      // what is left over the cap is undecided: force the oldest out
      for (let i = 0; h.retained() > max && i < order.length; i++) {
        const st = order[i]!;
        if (st.evicted) continue;
        h.finalizeEarly(st);
        if (!st.evicted) h.drop(st);
      }
    }
    this.compact();
  }

  /**
   * Forgets dropped groups once there are 1,024 of them or an eighth of the list, whichever is fewer (never while
   * a loop walks it): until then the list holds them, lines and all. `force`: now.
   */
  compact(force = false): void {
    if (this.dead > 0 && (force || this.dead >= Math.min(1024, this.list.length / 8))) {
      this.list = this.list.filter((s) => !s.evicted);
      this.dead = 0;
    }
  }
}
