// Live report mode prints a request once decided and drops it; a line that comes for it later must not make a
// second row with nothing said. The most recent printed requests are remembered here, each as a small copy of
// what the reuse and duplicate rules read (correlate/reuse.ts): its times, status, first request row and line hashes.
import { newGroup, type GroupState } from './apply.js';
import { GroupsById } from './by-id.js';

/** requests remembered at most (oldest forgotten first): a few hundred bytes each */
export const KEPT = 10_000;

/** A string of its own, not a piece of a longer one (a round trip through JSON: the cheapest that makes one). */
function ownCopy<T extends string | undefined>(s: T): T {
  return (s === undefined ? s : JSON.parse(JSON.stringify(s))) as T;
}

export class PrintedRequests {
  private readonly byId = new GroupsById();

  /** The printed request a line with this ID and process key joins (see GroupsById.find). */
  get(id: string, key: string | undefined): GroupState | undefined {
    return this.byId.find(id, key);
  }

  delete(st: GroupState): void {
    this.byId.delete(st);
  }

  /** Remembers a printed request in a new, small group: the printed one, with its rows, reasons and the rest, can go. */
  remember(st: GroupState): void {
    const g = st.g;
    // the ID and the row's method and path are often pieces of their line: V8 keeps the whole line for a piece,
    // so a copy of its own lets the line go
    const id = ownCopy(g.requestId);
    const slim = newGroup(g.seq, id);
    slim.process = g.process;
    slim.firstTime = g.firstTime;
    slim.lastTime = g.lastTime;
    slim.status = g.status;
    slim.label = g.label;
    slim.decided = true;
    if (g.response) slim.response = { time: g.response.time, status: g.response.status, headers: [] };
    if (g.request) slim.request = { time: g.request.time, headers: [] };
    if (g.summary) slim.summary = { time: g.summary.time };
    const kept: GroupState = {
      g: slim, textUpstreams: 0, lastArrival: st.lastArrival, seenAt: st.seenAt, final: true, evicted: true, emitted: true,
      domain: st.domain, hashes: st.hashes,
      requestRow: st.requestRow && { ...st.requestRow, method: ownCopy(st.requestRow.method), path: ownCopy(st.requestRow.path) },
    };
    // the one printed before with this ID (and process) is forgotten: later lines are the newer one's
    this.byId.add(kept, this.byId.find(id, g.process));
    if (this.byId.size > KEPT) this.byId.deleteOldest();
  }
}
