// Every LogEvent is made here with all its fields present, so they all share one hidden class:
// the parsers stay monomorphic and fast on millions of lines.
import type { EventKind, LineFormat, LogEvent } from '../model.js';

export interface LineRef {
  raw: string;
  lineNo: number;
  source: number;
}

export function makeEvent(base: LineRef, kind: EventKind, format: LineFormat, requestId?: string, time?: number): LogEvent {
  return {
    kind,
    format,
    requestId,
    time,
    raw: base.raw,
    lineNo: base.lineNo,
    source: base.source,
    method: undefined,
    url: undefined,
    status: undefined,
    statusText: undefined,
    durationMs: undefined,
    headers: undefined,
    responseHeaders: undefined,
    body: undefined,
    bodyLength: undefined,
    bodyTruncated: undefined,
    upstreamId: undefined,
    errorCode: undefined,
    error: undefined,
    level: undefined,
    msg: undefined,
    clientIp: undefined,
    proxyHardError: undefined,
    referer: undefined,
    statusChain: undefined,
    timings: undefined,
    process: undefined,
    headerSection: undefined,
    headerName: undefined,
    headerValue: undefined,
    parentKind: undefined,
    inferred: undefined,
  };
}
