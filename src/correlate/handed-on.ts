// One request ID handed on between services (an `x-request-id` each logs, spec §2c): each service logs its own
// request and response rows under it. The request is the outermost service's, whatever order the lines come in: the
// request row stamped first, and the response that started first.
import type { LogEvent } from '../model.js';
import { isLongId } from './by-id.js';
import type { GroupState } from './group-state.js';

/** An app's own request or response record (not one read from a plain line's fields) for a long ID, stamped. */
const handedOn = (st: GroupState, ev: LogEvent): boolean =>
  ev.format === 'generic-json' && ev.inferred !== true && ev.time !== undefined && isLongId(st.g.requestId);

/** A request row stamped before the one the request holds: an outer service's, which the request takes, headers and all. */
export function outerRequestRow(st: GroupState, ev: LogEvent): boolean {
  const r = st.g.request;
  return handedOn(st, ev) && r !== undefined && !r.fromResponse && r.time !== undefined && ev.time! < r.time;
}

/**
 * When a response row of an ID handed on started. A response without a duration (Fastify's error line with its
 * `res`) tells nothing of its start: undefined, as for a row of an ID not handed on.
 */
function startOf(st: GroupState, ev: LogEvent): number | undefined {
  if (!handedOn(st, ev) || ev.durationMs === undefined) return undefined;
  // pino-http's line is stamped at its request's start already (parse/pino.ts), Fastify's at its end
  return ev.method !== undefined ? ev.time! : ev.time! - ev.durationMs;
}

/** A response row that started after the one the request holds: an inner service's answer, not the request's. */
export function innerResponse(st: GroupState, ev: LogEvent): boolean {
  const start = startOf(st, ev);
  return start !== undefined && st.responseStart !== undefined && start > st.responseStart;
}

/** The request takes this response row (not an inner one): innerResponse compares later rows with its start. */
export function noteResponseStart(st: GroupState, ev: LogEvent): void {
  const start = startOf(st, ev);
  if (start !== undefined) st.responseStart = start;
}
