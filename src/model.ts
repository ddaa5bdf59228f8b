// The shared vocabulary of ssrtail: what a parsed line is, what a request group is, which labels exist.
// Everything here is plain data (and headerOf, the one way to read a header); no module in src/ outside ui/ imports Ink.

/** Headers in logged order; duplicates kept. */
export type HeaderList = Array<[name: string, value: string]>;

/**
 * The value of the first header called `name` (any case; the logged name's surrounding white space ignored), without
 * its leading and trailing white space, as HTTP reads it; undefined when none is logged.
 */
export function headerOf(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const want = name.toLowerCase();
  return headers.find(([n]) => n.trim().toLowerCase() === want)?.[1].trim();
}

export const LABELS = [
  'sni-error',
  'upstream-connection-error',
  'pending',
  'allowlist-suspect',
  'backend-error',
  'ssr-code-error',
  'timeout',
  'not-found',
  'error',
  'ok',
  // after a re-run of an allowlist-suspect upstream (see curl/)
  'allowlist-error',
  'bad-request',
] as const;
export type Label = (typeof LABELS)[number];

/** Labels that mean something went wrong (used by "failures only", n/N, exit codes). */
export const FAILURE_LABELS: ReadonlySet<Label> = new Set<Label>([
  'sni-error',
  'upstream-connection-error',
  'allowlist-suspect',
  'backend-error',
  'ssr-code-error',
  'timeout',
  'not-found',
  'error',
  'allowlist-error',
  'bad-request',
]);

export type EventKind =
  | 'summary' // console summary row: time, method, URL, request ID
  | 'request' // Request details / level 100: edge -> SSR code
  | 'upstream' // Upstream Request / level 102 (text rows may carry the answer too)
  | 'upstream-response' // level 103: answer or failure of an upstream call
  | 'upstream-body' // level 104
  | 'response' // Response details / level 101: SSR code -> browser
  | 'log' // application output (console.log, pino lines)
  | 'access' // edge access-log record
  | 'header' // an indented `Name: value` line belonging to the row above
  | 'body' // an indented `Body: ...` line belonging to the row above
  | 'raw'; // fits no format: kept, shown, counted

export type LineFormat = 'server-json' | 'rtld-json' | 'generic-json' | 'text' | 'access-json' | 'raw';

export interface LogEvent {
  kind: EventKind;
  format: LineFormat;
  requestId?: string;
  /** Epoch ms, or ms since midnight when the line only had a time of day, plus a day per midnight its source passed (see parse/time.ts DayRoll). */
  time?: number;
  /** The untouched line (may hold control characters: sanitise before drawing). */
  raw: string;
  /** 1-based line number within its source. */
  lineNo: number;
  /** Index of the source the line came from (several files, or file + websocket). */
  source: number;

  method?: string;
  url?: string;
  status?: number;
  statusText?: string;
  durationMs?: number;
  headers?: HeaderList;
  responseHeaders?: HeaderList;
  body?: string;
  bodyLength?: number;
  bodyTruncated?: boolean;
  /** Upstream call number within the request (`data.id`); text rows get one by order. */
  upstreamId?: string;
  errorCode?: string;
  error?: string;
  /** where a logged error was thrown: the first frame of its stack outside node_modules and Node's own code */
  errorAt?: string;
  level?: string;
  msg?: string;
  clientIp?: string;
  /** access logs */
  proxyHardError?: string;
  referer?: string;
  statusChain?: string;
  timings?: string;
  /** the process that wrote the line, `hostname/pid` (pino, Fastify): Fastify's req-1 restarts in every process */
  process?: string;

  /** for kind 'header': which set of the row above ('request' unless a Response Headers line said otherwise) */
  headerSection?: 'request' | 'response';
  headerName?: string;
  headerValue?: string;
  /** for header/body continuation lines: the kind of row they belong to */
  parentKind?: EventKind;
  /**
   * A request or response row read from a plain log line's top-level fields (pino child logger, Fastify's
   * `onResponse` hook line), not a request/response record: a later, different one is no sign of another
   * request with the same ID (an app logs the method, URL or status of other things too).
   */
  inferred?: boolean;
}

/** A request as logged: the edge's to the SSR code, or the SSR code's to a backend. */
export interface LoggedRequest {
  time?: number;
  method?: string;
  url?: string;
  headers: HeaderList;
  body?: string;
  /** the log kept only the first bytes of the body (server JSON: 8 KiB) */
  bodyTruncated?: boolean;
  /** the body's real length in bytes, when logged */
  bodyLength?: number;
}

export interface UpstreamCall extends LoggedRequest {
  id: string;
  status?: number;
  statusText?: string;
  durationMs?: number;
  responseHeaders: HeaderList;
  responseBody?: string;
  errorCode?: string;
  error?: string;
}

export interface AppLogLine {
  time?: number;
  level?: string;
  msg: string;
}

export interface RawLine {
  source: number;
  lineNo: number;
  text: string;
}

export interface Diagnosis {
  label: Label;
  /** why, in plain words, naming the row, status, error code or upstream */
  reasons: string[];
  /** what to do next, from the troubleshooting guide */
  next: readonly string[];
}

export interface RequestGroup extends Diagnosis {
  /** unique per group, increasing in order of first appearance */
  seq: number;
  requestId: string;
  /** the process its lines came from (`hostname/pid`), when they name one: two processes' `req-1` are two requests */
  process?: string;
  firstTime?: number;
  lastTime?: number;
  method?: string;
  url?: string;
  summary?: { time?: number; method?: string; url?: string };
  /** how long the request took: the response's own figure, else first to last line */
  durationMs?: number;
  /**
   * What to add to the request's times of day to place them on the epoch, when it is known: from requests whose
   * lines carry both (the stream's, once several agree, after which its times are all dated) or from its own.
   * See correlate/clock.ts.
   */
  anchorMs?: number;
  /**
   * The edge's request to the SSR code. `fromResponse`: no request row seen, its method and URL come from the
   * response row (text `Response details: GET <url> 200`, pino-http's one line); a real request row replaces them.
   */
  request?: LoggedRequest & { clientIp?: string; fromResponse?: true };
  response?: { time?: number; status?: number; statusText?: string; headers: HeaderList; durationMs?: number; body?: string; bodyTruncated?: boolean };
  upstreams: UpstreamCall[];
  logs: AppLogLine[];
  access?: {
    time?: number;
    status?: number;
    method?: string;
    url?: string;
    proxyHardError?: string;
    referer?: string;
    statusChain?: string;
    timings?: string;
    /** the edge's own total time for the request (`eh` of `xmt`, the x-0-t timings): its record is stamped at the end */
    durationMs?: number;
  };
  /** status the browser got: the response row's, else the access log's */
  status?: number;
  /** the first error the request's own JSON lines logged (pino `err`, level error or fatal), for its reasons */
  appError?: { msg?: string; code?: string; at?: string };
  /** lines from the server log (anything but access records) */
  serverLines: number;
  /** every server-log line is an app's own JSON (pino, Fastify, express): no platform rows */
  appLogOnly?: boolean;
  totalLines: number;
  /** the group's own lines, for the raw view (capped, see correlate/) */
  raw: RawLine[];
  rawDropped: number;
  /** label can no longer be `pending` (printed in live report mode) */
  decided: boolean;
  /** bumped on every change: lets views memoise */
  version: number;
  /** let go from memory while memory was short: its lines, headers and bodies are gone (correlate/) */
  shed?: true;
}

/** What a line source reports about itself (shown in the TUI header, on stderr in report mode). */
export interface SourceStatus {
  state: 'loading' | 'live' | 'connecting' | 'retrying' | 'ended' | 'closed' | 'error';
  /** human words: "retrying in 4s", "closed: 1006", "ECONNREFUSED 127.0.0.1:8787" */
  detail?: string;
  bytesRead?: number;
  bytesTotal?: number;
  /** lines dropped because a bound was hit (never silently) */
  dropped?: number;
  /** the input is no text ssrtail reads (UTF-16, bzip2/xz/zstd/lz4/zip): `detail` says how to convert it; report mode exits 2 */
  notRead?: boolean;
}

export interface LineSource {
  /** shown to the user: file path, "stdin", ws URL */
  readonly name: string;
  /** true when input may keep coming (follow, stdin, ws, loki) */
  readonly live: boolean;
  /** Starts reading. Calls onLines with batches of complete lines (no line ends).
   * Resolves when the source has ended for good. Never rejects: errors go to onStatus. */
  start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void>;
  stop(): void;
}
