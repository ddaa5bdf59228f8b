// What container runtimes, kubectl, docker compose, journald/syslog and Loki's tools put around a log line, taken off
// before the line is parsed. Runs on every line: each shape is first recognised by a character or two,
// and a regular expression runs only on lines that already look like one.
import stripAnsi from 'strip-ansi';
import { LEVELS, startsIdRow } from './text.js';

/** Filled by unwrap for a container runtime's record: which stream, and whether it is a piece of a longer line. */
export interface Piece {
  /** `docker:stdout`, `cri:stderr`...; '' when the line was no runtime record */
  stream: string;
  /** the line goes on in the next record of the same stream (Docker and CRI split lines at 16 KiB) */
  partial: boolean;
  /**
   * the time a wrapper taken off put before the line (journald and syslog, CRI, kubectl/docker --timestamps, logcli,
   * Grafana's text): epoch ms (to the microsecond), or a time of day for syslog's `Dec 02 09:00:00`. The parser gives
   * it to a line that has no time of its own.
   */
  time?: number;
}

/**
 * Docker cuts a line into 16 KiB pieces, each without the trailing `\n`. A short record without one
 * (a file some other tool wrote in Docker's shape) is taken as whole: joining it to the next would glue
 * unrelated lines together.
 */
const DOCKER_PIECE_BYTES = 16_000;

// `[pod/<pod>/<container>] ` (kubectl logs --prefix, or several pods' logs)
const KUBECTL_PREFIX_RE = /^\[pod\/[^\s\]]+\] /;
// `<service>  | ` (docker compose logs: the name padded to the longest one)
const COMPOSE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]* +\|(?: |$)/;
// RFC 3339 time and a space: CRI, kubectl/docker --timestamps, logcli; group 1 is the fraction
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.(\d+))?(?:Z|[+-]\d{2}:\d{2}) /;
// Grafana Explore's "Download logs" text: `2024-03-11 09:00:00.000<TAB><line>`
const GRAFANA_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\t/;
// logcli query's labels after its time: `{app="shop", pod="shop-1"}`, padded to the longest set
const LOKI_LABELS_RE = /^\{(?:[A-Za-z_][A-Za-z0-9_]*="(?:[^"\\]|\\.)*"(?:, ?)?)*\} +/;
// journalctl's default and short-precise output, and a syslog file: `Dec 02 04:19:45[.123456] host ident[pid]: `
// (group 1: the time of day)
const SYSLOG_RE = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d (\d{2}):(\d{2}):(\d{2}(?:\.\d+)?) \S+ [^\s[\]]+?(?:\[\d+\])?: /;
// journalctl -o short-iso[-precise] and rsyslog's high-precision files: an ISO time (`+0000` or `+00:00`), host, ident
// (group 1: the time, group 2: the identifier, group 3: its pid)
const SYSLOG_ISO_RE = /^(\S+) \S+ ([^\s[\]]+?)(?:\[(\d+)\])?: /;
const ISO_TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;
// journalctl -o json's first key
const JOURNAL_RE = /^\{\s*"__CURSOR"\s*:/;
// what a line the parsers know starts with, when it starts with a digit: a time of day or an ISO date and time
const TIME_START_RE = /^(?:\d{1,2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})/;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** A wrapper's ISO 8601 time as epoch ms, to the microsecond (no zone: local time, as a line's own time is read). */
function isoTime(text: string): number | undefined {
  const m = ISO_TIME_RE.exec(text);
  if (!m) return undefined;
  const z = m[4];
  const zone = z === undefined || z === 'Z' || z.length === 6 ? (z ?? '') : `${z.slice(0, 3)}:${z.slice(3)}`;
  const t = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (!Number.isFinite(t)) return undefined;
  return m[3] ? t + Math.floor(Number(`0.${m[3]}`) * 1e6) / 1e3 : t;
}

/** A piece's time, when the caller wants it (the piece is given) and the wrapper's time can be read. */
function stamp(piece: Piece | undefined, time: number | undefined): void {
  if (piece && time !== undefined) piece.time = time;
}
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether the text after a leading time is itself a line the parsers know: then the time was a wrapper's
 * (`2024-03-11T09:00:00.123456789Z 09:00:00.000 req-1 Request details: ...`); otherwise it is the line's own
 * (`2024-03-11T09:00:00.000Z req-1 Request details: ...` is a text row). `indented` allows an indented
 * line (a header under a row) where the wrapper's time leaves no doubt.
 */
function knownStart(s: string, indented: boolean): boolean {
  const c = s.charCodeAt(0);
  if (c === 123 /* { */) return true;
  if (isDigit(c)) return TIME_START_RE.test(s);
  if (c === 91 /* [ */) return s.startsWith('[pod/');
  return indented && (c === 32 || c === 9);
}

/** The line after a leading wrapper time (CRI, kubectl --timestamps, logcli, Grafana), or s as it is. */
function unstamp(s: string, piece: Piece | undefined): string {
  const sys = s.charCodeAt(10) === 84 /* T */ ? SYSLOG_ISO_RE.exec(s) : null;
  if (sys) {
    // `<time> req-1 INFO: ...` is a text row of the spec in the same shape: the prefix is journald's only
    // when its identifier is no log level and what follows it is itself a line the parsers know, or a row
    // with a request ID but no time of its own (which then has journald's); an `ident[pid]:` leaves no doubt, so
    // an indented line (a header, the console copy's detail row) is one too
    const rest = s.slice(sys[0].length);
    const time = isoTime(sys[1]!);
    const pid = sys[3] !== undefined;
    if (time !== undefined && (pid || !LEVELS.has(sys[2]!.toUpperCase())) && (knownStart(rest, pid) || startsIdRow(rest))) {
      stamp(piece, time);
      return rest;
    }
  }
  if (s.charCodeAt(10) === 32) {
    const g = GRAFANA_RE.exec(s);
    if (!g) return s;
    const rest = s.slice(g[0].length);
    if (!knownStart(rest, true)) return s;
    stamp(piece, isoTime(g[0].slice(0, -1)));
    return rest;
  }
  const m = RFC3339_RE.exec(s);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  const time = (): number | undefined => isoTime(m[0].slice(0, -1));
  const r0 = rest.charCodeAt(0);
  // CRI: <time> <stdout|stderr> <F|P> <line>
  if (r0 === 115 /* s */ && (rest.startsWith('stdout ') || rest.startsWith('stderr ')) && rest.charCodeAt(8) === 32) {
    const tag = rest[7];
    if (tag === 'F' || tag === 'P') {
      if (piece) {
        piece.stream = `cri:${rest.slice(0, 6)}`;
        piece.partial = tag === 'P';
        stamp(piece, time());
      }
      return rest.slice(9);
    }
  }
  // logcli: <time> {labels} <line>
  if (r0 === 123 /* { */ && rest.charCodeAt(1) !== 34 /* " */) {
    const l = LOKI_LABELS_RE.exec(rest);
    if (l) {
      stamp(piece, time());
      return rest.slice(l[0].length);
    }
  }
  // kubelet and Docker write nanoseconds, always 9 digits: such a time is a wrapper's even before an indented line
  if (!knownStart(rest, m[1]?.length === 9)) return s;
  stamp(piece, time());
  return rest;
}

/** journalctl -o json: MESSAGE is the line (an array of bytes when it was not valid UTF-8); __REALTIME_TIMESTAMP its time (µs). */
function unjournal(s: string, piece: Piece | undefined): string {
  let o: { MESSAGE?: unknown; __REALTIME_TIMESTAMP?: unknown };
  try {
    o = JSON.parse(s) as typeof o;
  } catch {
    return s;
  }
  const us = o.__REALTIME_TIMESTAMP;
  if (typeof us === 'string' && /^\d{13,17}$/.test(us)) stamp(piece, Number(us) / 1000);
  const m = o.MESSAGE;
  if (typeof m === 'string') return m;
  if (Array.isArray(m) && m.every((b) => typeof b === 'number')) return Buffer.from(m as number[]).toString('utf8');
  return s;
}

/** The line inside a JSON wrapper: Docker json-file `{"log":...}`, logcli --output=jsonl `{"labels":...,"line":...}`. */
function unjson(s: string, piece: Piece | undefined): string {
  const docker = s.startsWith('{"log":');
  if (!docker && !s.startsWith('{"labels":') && !s.startsWith('{"line":')) return s;
  let o: { log?: unknown; stream?: unknown; line?: unknown; timestamp?: unknown; time?: unknown };
  try {
    o = JSON.parse(s) as typeof o;
  } catch {
    return s; // not a wrapper after all
  }
  if (!docker) {
    if (typeof o.line !== 'string' || typeof o.timestamp !== 'string') return s;
    stamp(piece, isoTime(o.timestamp));
    return o.line;
  }
  if (typeof o.log !== 'string') return s;
  if (typeof o.time === 'string') stamp(piece, isoTime(o.time));
  const whole = o.log.endsWith('\n');
  if (piece && typeof o.stream === 'string') {
    piece.stream = `docker:${o.stream}`;
    piece.partial = !whole && Buffer.byteLength(o.log) >= DOCKER_PIECE_BYTES;
  }
  return whole ? o.log.replace(/\r?\n$/, '') : o.log;
}

/**
 * The line inside its wrappers, with terminal colour codes removed (saved logs often carry them, and
 * docker compose colours its prefixes): a UTF-8 byte order mark; a `[pod/...]`, compose or journald/syslog
 * prefix; a CRI, kubectl/docker --timestamps, logcli or Grafana time; a Docker json-file, logcli or journalctl JSON record.
 * Plain lines come back as they are. `piece`, when given, is filled for Docker and CRI records.
 */
export function unwrap(line: string, piece?: Piece): string {
  // a UTF-8 byte order mark: the first line of a file saved by some editors (or of each file concatenated)
  let s = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  // zero bytes before it: the hole a writer leaves when its file is truncated under it (logrotate's copytruncate:
  // the app writes on at its old offset, the file reads as NULs up to there, then its next line)
  if (s.charCodeAt(0) === 0) s = s.replace(/^\0+/, '');
  if (s.includes('\u001b')) s = stripAnsi(s);
  let c = s.charCodeAt(0);
  if (c === 91 /* [ */) {
    const m = s.startsWith('[pod/') ? KUBECTL_PREFIX_RE.exec(s) : null;
    if (m) s = s.slice(m[0].length);
  } else if (isLetter(c)) {
    // no line the parsers know starts with a letter: only here are compose and syslog prefixes looked for
    const sys = s.charCodeAt(3) === 32 ? SYSLOG_RE.exec(s) : null;
    const m = sys ?? COMPOSE_RE.exec(s);
    if (m) s = s.slice(m[0].length);
    // syslog's time has no year: a time of day
    if (sys) stamp(piece, ((+sys[1]! * 60 + +sys[2]!) * 60 + +sys[3]!) * 1000);
  }
  c = s.charCodeAt(0);
  if (isDigit(c) && s.charCodeAt(4) === 45 /* - */ && s.length > 20) s = unstamp(s, piece);
  const c1 = s.charCodeAt(1);
  if (s.charCodeAt(0) === 123 && (c1 === 34 /* {" */ || c1 === 32)) {
    // journalctl -o json `{"__CURSOR":...,"MESSAGE":...}` (older systemd: `{ "__CURSOR" : ...`), or another JSON wrapper
    const journal = (c1 === 32 || s.charCodeAt(2) === 95 /* _ */) && JOURNAL_RE.test(s);
    const inner = journal ? unjournal(s, piece) : c1 === 34 ? unjson(s, piece) : s;
    if (inner !== s && inner.includes('\u001b')) return stripAnsi(inner);
    return inner;
  }
  return s;
}
