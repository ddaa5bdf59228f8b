// The framing `ssrtail serve` and `ssrtail --ws` agree on, on top of plain WebSocket text.
//
// Negotiation: the client sends `X-Ssrtail-Client: 1`; serve answers the upgrade with
// `X-Ssrtail-Serve: 1` and from then on sends JSON envelopes. Any other client (websocat, a
// browser) gets plain text messages, one or more lines each; any other server is read as plain
// text by ssrtail.
//
// Envelopes (server -> client):
//   {"t":"hello","s":STREAM,"q":SEQ}                         first message: the client starts after this line
//   {"t":"lines","s":STREAM,"q":SEQ,"l":[line, line, ...]}  lines numbered SEQ, SEQ+1, ... in STREAM
//   {"t":"dropped","n":N,"why":"..."}                        N lines this client will never get
// A STREAM is one generation of the published input: for a file, its device, inode and a hash of
// its first line, so a restarted serve reading the same file numbers the same lines the same way;
// for stdin, a random id. Lines are numbered from 1 in each stream.
//
// Resume: on reconnect the client asks `?since=SEQ&stream=STREAM` (its last line, or the hello's
// position when no line came; `since=0&stream=-` when serve had no line at all). serve sends
// what comes after it from its backlog, skips what the client already has (also lines it has not
// read yet after a restart), and reports lines that fell out of the backlog as dropped. The client
// also drops any line it already has, so each line arrives once. A first connection may ask
// `?backlog=N` for the N most recent lines.

export const CLIENT_HEADER = 'x-ssrtail-client';
export const SERVE_HEADER = 'x-ssrtail-serve';
export const PROTOCOL_VERSION = '1';

export interface LinesEnvelope {
  t: 'lines';
  s: string;
  q: number;
  l: string[];
}

export interface HelloEnvelope {
  t: 'hello';
  s: string;
  q: number;
}

export interface DroppedEnvelope {
  t: 'dropped';
  n: number;
  why?: string;
}

export type Envelope = LinesEnvelope | DroppedEnvelope | HelloEnvelope;

/** Parses an envelope; undefined when the text is not one (then it is read as plain lines). */
export function parseEnvelope(text: string): Envelope | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.t === 'lines' && typeof o.s === 'string' && Number.isSafeInteger(o.q) && Array.isArray(o.l)) {
    return { t: 'lines', s: o.s, q: o.q as number, l: o.l.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) };
  }
  if (o.t === 'hello' && typeof o.s === 'string' && Number.isSafeInteger(o.q)) return { t: 'hello', s: o.s, q: o.q as number };
  if (o.t === 'dropped' && typeof o.n === 'number' && o.n >= 0) {
    return { t: 'dropped', n: Math.floor(o.n), why: typeof o.why === 'string' ? o.why : undefined };
  }
  return undefined;
}
