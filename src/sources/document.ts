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
  } else {
    const d = doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown }; streams?: unknown };
    const streams = Array.isArray(d.streams) ? d.streams : d.data?.resultType === 'streams' && Array.isArray(d.data.result) ? d.data.result : undefined;
    if (!streams) return undefined;
    entries = streamEntries(streams);
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
    const inner = mayBeDocument(l) ? expandDocument(l) : undefined;
    if (inner === undefined) {
      out?.push(l);
      continue;
    }
    out ??= lines.slice(0, i);
    for (const x of inner) out.push(x);
  }
  return out ?? lines;
}
