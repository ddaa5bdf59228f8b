// Request groups by request ID and by the process that wrote their lines. Fastify (and pino-http's default
// IDs) number requests req-1, req-2, ... afresh in every process: the same ID from another process (a restart,
// a cluster worker, another pod) is another request, possibly at the same time. Lines that name no process
// (the platform's JSON, text rows, access logs) join the ID's newest group.
import type { GroupState } from './apply.js';

/**
 * The process a line's ID is keyed by: its `hostname/pid`, for an ID short enough to be a per-process counter.
 * A long ID (a UUID, 32 hex digits) is unique by itself: seen from two processes, it is one request handed on
 * (an `x-request-id` both services log), kept one group as before.
 */
export function processKey(id: string, process: string | undefined): string | undefined {
  return isLongId(id) ? undefined : process;
}

/** An ID long enough to be unique by itself (a UUID, 32 hex digits), not a per-process counter (`req-1`). */
export const isLongId = (id: string): boolean => id.length >= 16;

/** One group per ID and process, the newest first; a group is linked to the older one for the same ID (`other`). */
export class GroupsById {
  private readonly map = new Map<string, GroupState>();

  get size(): number {
    return this.map.size;
  }

  /** The newest group with this ID. */
  newest(id: string): GroupState | undefined {
    return this.map.get(id);
  }

  /**
   * The group a line joins: a line without a process key joins the ID's newest group; one with a key joins that
   * process's group, else a group whose lines named no process yet (it takes the key: see claim).
   */
  find(id: string, key: string | undefined): GroupState | undefined {
    const head = this.map.get(id);
    if (key === undefined) return head;
    let free: GroupState | undefined;
    for (let s = head; s !== undefined; s = s.other) {
      if (s.g.process === key) return s;
      if (s.g.process === undefined) free ??= s;
    }
    return free;
  }

  /** Every group with this ID, the newest first. */
  all(id: string): GroupState[] {
    const out: GroupState[] = [];
    for (let s = this.map.get(id); s !== undefined; s = s.other) out.push(s);
    return out;
  }

  /** Adds a group as its ID's newest (last in the map's order); `replaced` (the group it takes over from) leaves. */
  add(st: GroupState, replaced?: GroupState): void {
    const id = st.g.requestId;
    if (replaced) this.delete(replaced);
    st.other = this.map.get(id);
    this.map.delete(id);
    this.map.set(id, st);
  }

  delete(st: GroupState): void {
    const id = st.g.requestId;
    const head = this.map.get(id);
    if (head === st) {
      if (st.other === undefined) this.map.delete(id);
      else this.map.set(id, st.other);
    } else {
      for (let s = head; s !== undefined; s = s.other) {
        if (s.other === st) {
          s.other = st.other;
          break;
        }
      }
    }
    st.other = undefined;
  }

  /** Forgets the ID added to least recently, with all its groups. */
  deleteOldest(): void {
    const id = this.map.keys().next().value;
    if (id !== undefined) this.map.delete(id);
  }
}
