// Splitting one input between worker threads: each worker owns the requests whose ID hashes to it.
// Every worker reads every line (text rows carry context for the lines after them), but a JSON line
// whose request ID can be read without JSON.parse is parsed only by the worker that owns it.
import { fnv1a } from '../util/hash.js';

/** This worker's share: the requests with partOf(id, count) === index, and (index 0) the lines without an ID. */
export interface Partition {
  index: number;
  count: number;
}

/** Which partition a request ID belongs to (the same in every worker). */
export function partOf(id: string, count: number): number {
  return fnv1a(id) % count;
}

/** Does this partition own a line with this request ID? Lines without one belong to partition 0. */
export function owns(p: Partition, id: string | undefined): boolean {
  return id === undefined || id === '' ? p.index === 0 : partOf(id, p.count) === p.index;
}

// the aliases parse/json.ts reads a request ID from (requestIdOf), as object keys
// (requestIdOf's precedence: only one of them may be present, or a `req` object whose `id` would win over rid/uuid)
const ID_KEY = /"(requestId|request_id|requestID|x-request-id|reqId|req_id|rid|uuid)"\s*:\s*/g;
const REQ_KEY = /"req"\s*:/;
const LAST_RESORT = new Set(['rid', 'uuid']);

/**
 * The request ID of a JSON object line, read without parsing it, when that is certain to give what
 * JSON.parse + requestIdOf would: exactly one ID key before any nested object or array, its value a plain
 * string, no other ID key anywhere in the line, and the line closed by `}`. Anything else (undefined) needs the full parse.
 */
export function quickJsonId(line: string): string | undefined {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 32) end--;
  if (line.charCodeAt(end - 1) !== 125 /* } */) return undefined;
  let nest = line.indexOf('{', 1);
  const arr = line.indexOf('[');
  if (nest === -1 || (arr !== -1 && arr < nest)) nest = arr === -1 ? end : arr;
  ID_KEY.lastIndex = 0;
  const m = ID_KEY.exec(line);
  if (m === null || m.index > nest) return undefined;
  const start = m.index + m[0].length;
  if (line.charCodeAt(start) !== 34 /* " */) return undefined;
  const close = line.indexOf('"', start + 1);
  if (close === -1 || close > nest) return undefined;
  const id = line.slice(start + 1, close);
  if (id === '' || id.includes('\\')) return undefined;
  // a second ID key anywhere (after a nested object too, or inside one): JSON.parse + requestIdOf would pick
  // by precedence, or the last duplicate would win
  ID_KEY.lastIndex = close;
  if (ID_KEY.exec(line) !== null) return undefined;
  // rid/uuid come last, after pino-http's nested `req.id`
  if (LAST_RESORT.has(m[1]!) && REQ_KEY.test(line)) return undefined;
  return id;
}
