// The correlator's bookkeeping per request group, beside the RequestGroup the views see.
import type { LineFormat, RequestGroup, UpstreamCall } from '../model.js';

/** Per-group bookkeeping the views do not need. */
export interface GroupState {
  g: RequestGroup;
  lastUpstream?: UpstreamCall;
  textUpstreams: number;
  /** index of the pipeline line that last touched the group (arrival order) */
  lastArrival: number;
  /** the stream's clock (in the group's time domain) when a timed line last touched the group */
  seenAt?: number;
  final: boolean;
  /** still open when live input was interrupted (Ctrl-C, SIGTERM): undecided, so it may stay `pending` */
  cutShort?: boolean;
  /** the last row was an exact repeat (skipped): the header and body lines under it are skipped too */
  repeating?: boolean;
  evicted: boolean;
  emitted: boolean;
  /** 'tod' or 'epoch' once the group has a time */
  domain?: 'tod' | 'epoch';
  /** the group's times so far come from its access record only */
  timesFromAccess?: boolean;
  /** first and last of its times of day, and of its dated times (a request may have both: see correlate/clock.ts) */
  todSpan?: Span;
  epochSpan?: Span;
  /** the source of its first time of day (each source counts its own days: parse/time.ts DayRoll) */
  todSource?: number;
  /** hash and length of each structural row seen, to drop exact re-deliveries without keeping the lines */
  hashes: number[];
  /** the group's first request row (a second, different one is another request: see Correlator) */
  requestRow?: RequestRow;
  /** its response came from a plain line's top-level `statusCode` (parse/pino.ts plainRow), not a response record */
  inferredResponse?: boolean;
  /** its response row is the platform's server JSON (a 502 there may become an SNI error: see labelCertain) */
  platformResponse?: boolean;
  /** when the response it holds started, for an ID handed on between services (see handed-on.ts) */
  responseStart?: number;
  /** the next older group with the same request ID (another process's: see GroupsById) */
  other?: GroupState;
}

export interface Span {
  first: number;
  last: number;
}

export interface RequestRow {
  format: LineFormat;
  time?: number;
  method?: string;
  /** the URL without scheme and host */
  path?: string;
}
