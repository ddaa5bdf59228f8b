// Saved query results that hold many log lines in one JSON document on one line: Loki's HTTP API
// (`curl '.../loki/api/v1/query_range?...' > out.json`, or its tail messages saved one per line) and
// Grafana Explore's "Download logs" as JSON (`[{"line":...,"timestamp":"<ns>","fields":{...}}, ...]`).
// Such a line becomes the log lines it holds, oldest first (both are newest first by default), before
// they are parsed.
import { LineSplitter } from './lines.js';

export interface StreamEntry {
  /** nanoseconds since the epoch */
  ts: bigint;
  line: string;
  labels: string;
}

/** The entries of Loki `streams` (`[{"stream":{labels},"values":[["<ns>","<line>"(, {metadata})], ...]}]`). */
export function streamEntries(streams: unknown[]): StreamEntry[] {
  const entries: StreamEntry[] = [];
  for (const s of streams as Array<{ stream?: unknown; values?: unknown } | null>) {
    if (!s || !Array.isArray(s.values)) continue;
    const labels = s.stream && typeof s.stream === 'object' ? JSON.stringify(s.stream) : '';
    for (const v of s.values as unknown[]) {
      if (!Array.isArray(v) || typeof v[1] !== 'string') continue;
      const ts = nanos(v[0]);
      if (ts !== undefined) entries.push({ ts, line: v[1], labels });
    }
  }
  return entries;
}

function nanos(v: unknown): bigint | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return BigInt(String(v));
  } catch {
    return undefined;
  }
}

export const byTime = (a: { ts: bigint }, b: { ts: bigint }): number => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/**
 * Entries in the order they were logged before a stable sort by time: a query result listed newest first (Loki's
 * and Grafana's default) is turned round, so entries of the same time (a header line stamped with its row's
 * millisecond) keep their order. A list that does not end later than it starts counts as newest first.
 */
function oldestFirst<T extends { ts: bigint }>(entries: T[]): T[] {
  return entries.length > 1 && entries[0]!.ts >= entries[entries.length - 1]!.ts ? entries.reverse() : entries;
}

/** A cheap look at the first characters: could this line be one of the documents below? */
export function mayBeDocument(line: string): boolean {
  const c = line.charCodeAt(0);
  return (c === 91 /* [ */ && line.startsWith('[{"line":')) || (c === 123 /* { */ && line.charCodeAt(2) === 115 /* s */ && (line.startsWith('{"status":"success"') || line.startsWith('{"streams":[')));
}

/** The log lines a saved Loki or Grafana document holds, oldest first; undefined when the line is no such document. */
export function expandDocument(line: string): string[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return undefined;
  }
  let entries: Array<{ ts: bigint; line: string }>;
  if (Array.isArray(doc)) {
    // Grafana: every element a {line, timestamp} (an array of anything else is left alone)
    entries = [];
    for (const e of doc as Array<{ line?: unknown; timestamp?: unknown } | null>) {
      const ts = e ? nanos(e.timestamp) : undefined;
      if (!e || typeof e.line !== 'string' || ts === undefined) return undefined;
      entries.push({ ts, line: e.line });
    }
    oldestFirst(entries);
  } else {
    const d = doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown }; streams?: unknown };
    // tail messages (`streams`) come oldest first; a query result (`data.result`) per its direction, newest first by default
    if (Array.isArray(d.streams)) entries = streamEntries(d.streams);
    else if (d.data?.resultType === 'streams' && Array.isArray(d.data.result)) entries = d.data.result.flatMap((s: unknown) => oldestFirst(streamEntries([s])));
    else return undefined;
  }
  entries.sort(byTime);
  const out: string[] = [];
  for (const e of entries) for (const l of LineSplitter.split(e.line)) out.push(l);
  return out;
}

/** `lines` with every saved document among them replaced by the lines it holds (the same array when there is none). */
export function expandDocuments(lines: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // a byte order mark before it (a file saved by an editor)
    const d = l.charCodeAt(0) === 0xfeff ? l.slice(1) : l;
    const inner = mayBeDocument(d) ? expandDocument(d) : undefined;
    if (inner === undefined) {
      out?.push(l);
      continue;
    }
    out ??= lines.slice(0, i);
    for (const x of inner) out.push(x);
  }
  return out ?? lines;
}
