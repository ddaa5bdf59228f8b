// Saved query results that hold many log lines in one JSON document on one line: Loki's HTTP API
// (`curl '.../loki/api/v1/query_range?...' > out.json`, or its tail messages saved one per line) and
// Grafana Explore's "Download logs" as JSON (`[{"line":...,"timestamp":"<ns>","fields":{...}}, ...]`).
// Such a line becomes the log lines it holds, oldest first (both are newest first by default), before
// they are parsed.
import { LineSplitter } from './lines.js';

export interface StreamEntry {
  /** nanoseconds since the epoch (an entry whose own could not be read has its neighbour's, for the order) */
  ts: bigint;
  line: string;
  labels: string;
  /** the entry's own timestamp could not be read: its line is given no time from it */
  noTime?: boolean;
}

/** An entry that holds no line (or a stream without values), as its JSON text: kept as an unparsed line, counted. */
const shown = (x: unknown): string => JSON.stringify(x) ?? String(x);

/**
 * The entries of Loki `streams` (`[{"stream":{labels},"values":[["<ns>","<line>"(, {metadata})], ...]}]`). An entry
 * with a line but no readable timestamp is kept (placed by its neighbours); what holds no line goes to `malformed`.
 */
export function streamEntries(streams: unknown[], malformed?: string[]): StreamEntry[] {
  const entries: StreamEntry[] = [];
  for (const s of streams as Array<{ stream?: unknown; values?: unknown } | null>) {
    if (!s || typeof s !== 'object' || !Array.isArray(s.values)) {
      malformed?.push(shown(s));
      continue;
    }
    const labels = s.stream && typeof s.stream === 'object' ? JSON.stringify(s.stream) : '';
    const mine: StreamEntry[] = [];
    for (const v of s.values as unknown[]) {
      if (!Array.isArray(v) || typeof v[1] !== 'string') malformed?.push(shown(v));
      else mine.push(entry(v[0], v[1], labels));
    }
    for (const e of placeUntimed(mine)) entries.push(e);
  }
  return entries;
}

function entry(ts: unknown, line: string, labels: string): StreamEntry {
  const t = nanos(ts);
  return t === undefined ? { ts: 0n, line, labels, noTime: true } : { ts: t, line, labels };
}

/** Entries without a timestamp take the one before them (or after, at the start) in their list, so they keep their place. */
function placeUntimed<T extends { ts: bigint; noTime?: boolean }>(list: T[]): T[] {
  let known: bigint | undefined;
  for (const e of list) {
    if (!e.noTime) known = e.ts;
    else if (known !== undefined) e.ts = known;
  }
  known = undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    if (!e.noTime) known = e.ts;
    else if (e.ts === 0n && known !== undefined) e.ts = known;
  }
  return list;
}

function nanos(v: unknown): bigint | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return BigInt(String(v));
  } catch {
    return undefined;
  }
}

/** The earliest and latest entry times given to lines: 1972 (earlier ones would read as times of day) to Date's end. */
const MIN_STAMP_MS = 1000 * 86_400_000;
const MAX_STAMP_MS = 8.64e15;

/** An entry's time as the epoch milliseconds a line is stamped with (to the microsecond); undefined when it is none. */
function stampOf(e: { ts: bigint; noTime?: boolean }): number | undefined {
  if (e.noTime) return undefined;
  const ms = Number(e.ts / 1000n) / 1000;
  return ms >= MIN_STAMP_MS && ms <= MAX_STAMP_MS ? ms : undefined;
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
  if (c === 91 /* [ */) return line.startsWith('[{"line":') || line.startsWith('[{"line": ');
  // Loki writes no spaces; a document saved by a script (Python's json.dump) has one after each colon
  if (c !== 123 /* { */ || line.charCodeAt(2) !== 115 /* s */) return false;
  return line.startsWith('{"status":"success"') || line.startsWith('{"streams":[') || line.startsWith('{"status": "success"') || line.startsWith('{"streams": [');
}

/** What a saved document holds: its entries, oldest first, and what in it holds no line. */
interface Document {
  entries: StreamEntry[];
  malformed: string[];
}

/** The entries of a saved Loki or Grafana document; undefined when the line is no such document. */
function readDocument(line: string): Document | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return undefined;
  }
  const malformed: string[] = [];
  let entries: StreamEntry[];
  if (Array.isArray(doc)) {
    // Grafana: elements {line, timestamp} (mayBeDocument saw the first one start so)
    entries = [];
    for (const e of doc as Array<{ line?: unknown; timestamp?: unknown } | null>) {
      if (!e || typeof e.line !== 'string') malformed.push(shown(e));
      else entries.push(entry(e.timestamp, e.line, ''));
    }
    if (entries.length === 0) return undefined;
    oldestFirst(placeUntimed(entries));
  } else {
    const d = doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown }; streams?: unknown };
    // tail messages (`streams`) come oldest first; a query result (`data.result`) per its direction, newest first by default
    if (Array.isArray(d.streams)) entries = streamEntries(d.streams, malformed);
    else if (d.data?.resultType === 'streams' && Array.isArray(d.data.result)) {
      // a result of nothing stays the line it is, which says so (parse/hints.ts), rather than vanish
      if (d.data.result.length === 0) return undefined;
      entries = d.data.result.flatMap((s: unknown) => oldestFirst(streamEntries([s], malformed)));
    } else return undefined;
  }
  entries.sort(byTime);
  return { entries, malformed };
}

/** The log lines a saved Loki or Grafana document holds, oldest first; undefined when the line is no such document. */
export function expandDocument(line: string): string[] | undefined {
  return readDocument(line)?.entries.flatMap((e) => LineSplitter.split(e.line));
}

/** Lines with the saved documents among them replaced by the lines they hold. */
export interface Expanded {
  lines: readonly string[];
  /**
   * Per line, when a document was among them: the time its entry carried (epoch ms, for a line that has none of
   * its own), undefined for none, or null for an entry that holds no line (its JSON text, to be kept as unparsed).
   */
  stamps?: Array<number | null | undefined>;
  /** entries that hold no line */
  malformed: number;
}

/** `lines` with every saved document among them replaced by the lines it holds (the same array when there is none). */
export function expandDocuments(lines: readonly string[]): readonly string[] {
  return expandStamped(lines).lines;
}

/** As expandDocuments, with each line's entry time and the entries that hold no line (see Expanded). */
export function expandStamped(lines: readonly string[]): Expanded {
  let out: string[] | undefined;
  let stamps: Array<number | null | undefined> | undefined;
  let malformed = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // a byte order mark before it (a file saved by an editor)
    const d = l.charCodeAt(0) === 0xfeff ? l.slice(1) : l;
    const doc = mayBeDocument(d) ? readDocument(d) : undefined;
    if (doc === undefined) {
      out?.push(l);
      stamps?.push(undefined);
      continue;
    }
    out ??= lines.slice(0, i);
    stamps ??= new Array<undefined>(i).fill(undefined);
    for (const e of doc.entries) {
      const t = stampOf(e);
      for (const x of LineSplitter.split(e.line)) {
        out.push(x);
        stamps.push(t);
      }
    }
    for (const m of doc.malformed) {
      out.push(m);
      stamps.push(null);
    }
    malformed += doc.malformed.length;
  }
  return out ? { lines: out, stamps, malformed } : { lines, malformed };
}
