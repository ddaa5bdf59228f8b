// Reads of the values a logged JSON object carries for a request's rows: header lists (an object, [[name, value]]
// pairs or a flat rawHeaders array), base64 bodies, a URL from host/port/path parts, a level's name, and JSON text
// of any value (one nested too deep is named, not thrown). Untrusted input: anything may be anything.
import type { HeaderList, LogEvent } from '../model.js';
import { isObj, num, str, type Obj } from './values.js';

const PINO_LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Nesting past this is named, not shown: the same answer on any thread's stack size (workers have smaller ones). */
const MAX_DEPTH = 64;

/** Whether `v` nests deeper than MAX_DEPTH (walked without recursion). */
function tooDeep(v: unknown): boolean {
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (depth >= MAX_DEPTH) return true;
    for (const k in x) stack.push([(x as Record<string, unknown>)[k], depth + 1]);
  }
  return false;
}

/** JSON text of a logged value; a value nested too deep (an attack, or a bug) is named, not thrown. */
export function stringify(v: unknown): string {
  if (tooDeep(v)) return '[a value nested too deeply to show]';
  try {
    return JSON.stringify(v);
  } catch {
    return '[a value that cannot be shown]';
  }
}

/** A header value as text: objects and arrays as JSON (String() of a deep array recurses). */
function text(v: unknown): string {
  return typeof v === 'object' && v !== null ? stringify(v) : String(v);
}

export function headerList(v: unknown): HeaderList | undefined {
  if (Array.isArray(v)) {
    // [[name, value], ...] or a flat rawHeaders array
    const out: HeaderList = [];
    if (v.every((p) => Array.isArray(p))) {
      for (const p of v as unknown[][]) if (p.length >= 2) out.push([text(p[0]), text(p[1])]);
    } else {
      for (let i = 0; i + 1 < v.length; i += 2) out.push([text(v[i]), text(v[i + 1])]);
    }
    return out;
  }
  if (!isObj(v)) return undefined;
  const out: HeaderList = [];
  for (const [k, val] of Object.entries(v)) {
    if (Array.isArray(val)) for (const x of val) out.push([k, text(x)]);
    else if (val !== undefined && val !== null) out.push([k, text(val)]);
  }
  return out;
}

/** base64 of the first bytes of a body; decoded to text when it is text. */
export function decodeBody(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && v.length % 4 === 0) {
    const buf = Buffer.from(v, 'base64');
    const text = buf.toString('utf8');
    if (!text.includes('\uFFFD')) return text;
    return `<${buf.length} bytes of binary data>`;
  }
  return v;
}

export function buildUrl(d: Obj): string | undefined {
  const path = str(d.path) ?? str(d.url);
  const host = str(d.host) ?? str(d.hostname);
  if (path && /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (!host) return path;
  let proto = str(d.protocol) ?? 'https:';
  if (!proto.endsWith(':')) proto += ':';
  const port = num(d.port);
  const defaultPort = (proto === 'https:' && port === 443) || (proto === 'http:' && port === 80);
  const hostPart = port !== undefined && !defaultPort && !host.includes(':') ? `${host}:${port}` : host;
  const p = path ?? '/';
  return `${proto}//${hostPart}${p.startsWith('/') ? p : '/' + p}`;
}

export function levelName(v: unknown): string | undefined {
  if (typeof v === 'number') return PINO_LEVELS[v] ?? String(v);
  if (typeof v === 'string') return v.toUpperCase();
  return undefined;
}

export function bodyFields(d: Obj, ev: LogEvent): void {
  const body = decodeBody(d.body);
  if (body !== undefined) ev.body = body;
  const len = num(d.bodyLength);
  if (len !== undefined) ev.bodyLength = len;
  if (d.bodyTruncated === true) ev.bodyTruncated = true;
}
