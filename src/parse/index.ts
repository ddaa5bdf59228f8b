// LineParser: one per source. Detects the format of each line and keeps the little state that
// continuation lines need (the row above, the summary that ID-less detail rows belong to).
import type { EventKind, LogEvent } from '../model.js';
import { parseJsonLine } from './json.js';
import { parseTextLine } from './text.js';
import { makeEvent } from './event.js';
import { owns, quickJsonId, type Partition } from './route.js';
import { PieceJoiner } from './join.js';
import { DAY_MS, DayRoll, isTimeOfDay, peekTime } from './time.js';

export type FormatOption = 'auto' | 'text' | 'json';

interface RowRef {
  requestId: string;
  kind: EventKind;
  upstreamId?: string;
}

/** A printable ASCII character that no time token (a digit) or JSON object (`{`) starts with. */
function isPlainContinuation(c: number): boolean {
  return c > 32 && c < 127 && (c < 48 || c > 57) && c !== 123;
}

export { unwrap } from './unwrap.js';

export class LineParser {
  private lineNo = 0;
  private lastRow: RowRef | undefined;
  private section: 'request' | 'response' = 'request';
  /** request ID of the last summary that carried its ID last (the console's own copy) */
  private context: string | undefined;
  /** Docker/CRI pieces of a line longer than 16 KiB, held until its last piece */
  private readonly joiner = new PieceJoiner();
  /** the request ID and time of the last line route() left to another partition (see another) */
  foreign: { requestId: string; time: number; source: number } | undefined;
  /**
   * The dated time the last line came with from outside it (`kubectl logs --timestamps`', CRI's, a saved Loki entry's),
   * also when the line has a time of day of its own: the pair says the day and zone of the source's times of day
   * (correlate/clock.ts). Undefined when there was none, or it is itself a time of day (syslog's).
   */
  stamp: number | undefined;
  /** this source's times of day, counting on past midnight (here, not in the pipeline: every worker parses every text row, so they agree) */
  private readonly days = new DayRoll();

  /**
   * @param lean skip what report mode never keeps (headers, bodies): see applyEvent's lean mode
   */
  constructor(
    private readonly source = 0,
    private readonly format: FormatOption = 'auto',
    private readonly lean = false,
  ) {}

  /**
   * The line's event; undefined for a piece of a longer line (Docker/CRI), whose last piece brings the event.
   * `stamp`: the time the line came with from outside it (a saved Loki entry's, epoch ms), for a line without its own.
   */
  parse(original: string, stamp?: number): LogEvent | undefined {
    try {
      return this.parseLine(original, undefined, stamp);
    } catch {
      return this.unparsable(original);
    }
  }

  /** A line kept as it is, unparsed (an entry of a saved document that holds no line); with workers, `keep` says whose. */
  unparsed(original: string, keep = true): LogEvent | undefined {
    ++this.lineNo;
    return keep ? this.unparsable(original) : undefined;
  }

  /**
   * Like parse, for one of several workers sharing the input: undefined when the line belongs to another
   * partition (see parse/route.ts). Every worker must see every line, in order, for the context to agree.
   */
  route(original: string, part: Partition, stamp?: number): LogEvent | undefined {
    try {
      return this.parseLine(original, part, stamp);
    } catch {
      // every worker meets the same line and comes here: the first one keeps it
      const ev = this.unparsable(original);
      return part.index === 0 ? ev : undefined;
    }
  }

  /**
   * Input ended: the lines whose last piece never came (a Docker/CRI line cut off), parsed as far as they
   * got, so that nothing is lost. `part` as for route.
   */
  flush(part?: Partition): LogEvent[] {
    const out: LogEvent[] = [];
    for (const j of this.joiner.flush()) {
      let ev: LogEvent | undefined;
      try {
        ev = this.parseUnwrapped(j.text, j.text, j.lineNo, part);
      } catch {
        ev = !part || part.index === 0 ? this.unparsable(j.text, j.lineNo) : undefined;
      }
      if (ev) out.push(ev);
    }
    return out;
  }

  /** A line no parser could get through without throwing (a value nested past the stack, say): kept as raw text. */
  private unparsable(original: string, lineNo = this.lineNo): LogEvent {
    this.lastRow = undefined;
    return makeEvent({ raw: original, lineNo, source: this.source }, 'raw', 'raw');
  }

  private parseLine(original: string, part: Partition | undefined, given: number | undefined): LogEvent | undefined {
    const lineNo = ++this.lineNo;
    const raw = this.joiner.take(original, lineNo);
    // a piece of a longer line: its event comes with the last piece
    if (raw === undefined) return undefined;
    // the time the line came with (a saved Loki entry's), else the one a wrapper taken off it had (journald's, CRI's)
    const stamp = given ?? this.joiner.time;
    this.stamp = stamp !== undefined && !isTimeOfDay(stamp) ? stamp : undefined;
    // pieces joined: the line as a whole is what there is to show
    if (this.joiner.lineNo !== lineNo) return this.parseUnwrapped(raw, raw, this.joiner.lineNo, part, stamp);
    return this.parseUnwrapped(original, raw, lineNo, part, stamp);
  }

  /** `original` is what the event shows, `raw` the line inside its wrappers; `stamp` the time for a line without its own. */
  private parseUnwrapped(original: string, raw: string, lineNo: number, part: Partition | undefined, stamp?: number): LogEvent | undefined {
    const base = { raw: original, lineNo, source: this.source };
    let i = 0;
    while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
    if (i > 0 && this.lean && this.lastRow && this.format !== 'json' && isPlainContinuation(raw.charCodeAt(i))) {
      // report mode keeps no headers or bodies: an indented line that cannot be a timed row or JSON only
      // counts towards the row above's request (what parseText + applyEvent would make of it, without the work)
      const id = this.lastRow.requestId;
      // another worker's line: nothing to make (under an application line: more of its message, see parseText)
      return part && !owns(part, id) ? undefined : makeEvent(base, this.lastRow.kind === 'log' ? 'log' : 'header', 'text', id);
    }
    if (this.format !== 'text' && raw.charCodeAt(i) === 123 /* { */) {
      const json = i === 0 ? raw : raw.slice(i);
      // an unindented object line: its ID can often be read without parsing it (parse/route.ts)
      const quick = part && i === 0 ? quickJsonId(json) : undefined;
      // JSON loggers write one line per record: no indented line after one is its header (a stack trace
      // printed after it is another writer's)
      this.lastRow = undefined;
      // nor does a row without an ID after one belong to a console copy's summary above it
      this.context = undefined;
      // another worker's line
      if (quick !== undefined && !owns(part!, quick)) return this.another(quick, peekTime(json) ?? stamp, json);
      const ev = parseJsonLine(json, base, this.lean);
      if (ev) {
        ev.raw = original;
        if (ev.time === undefined) ev.time = stamp;
        if (ev.time !== undefined && ev.time < DAY_MS) ev.time = this.days.roll(ev.time);
        return part && quick === undefined && !owns(part, ev.requestId) ? this.another(ev.requestId, ev.time) : ev;
      }
      // not valid JSON: no text row starts with '{' either, so it is raw (with workers, `quick` is the
      // ID of a line this worker owns)
      if (i === 0) return quick !== undefined || !part || part.index === 0 ? makeEvent(base, 'raw', 'raw') : undefined;
    }
    const ev = this.parseText(original, raw, base, stamp);
    return part && !owns(part, ev.requestId) ? this.another(ev.requestId, ev.time) : ev;
  }

  /**
   * Another partition's line: no event, but its request ID and time are kept in `foreign` until the next line, so
   * that every worker learns the stream's clock from every request (correlate/clock.ts AnchorLearner).
   */
  private another(requestId: string | undefined, time: number | undefined, json?: string): undefined {
    // a JSON time of day (rare: JSON times are dated) counts on past midnight as the parsed line's does
    if (json !== undefined && time !== undefined && time < DAY_MS) time = this.days.roll(time);
    this.foreign = requestId !== undefined && time !== undefined ? { requestId, time, source: this.source } : undefined;
    return undefined;
  }

  private parseText(original: string, raw: string, base: { raw: string; lineNo: number; source: number }, stamp: number | undefined): LogEvent {
    if (this.format !== 'json') {
      let row = parseTextLine(raw, base, stamp);
      // a copy from a web page (the console's) can space its columns and indent its rows with no-break spaces
      if (!row && raw.includes('\u00a0')) row = parseTextLine(raw.replace(/\u00a0/g, ' '), base, stamp);
      if (row?.event) row.event.raw = original;
      if (row?.event) {
        const ev = row.event;
        if (ev.kind === 'summary') {
          if (row.idLast) this.context = ev.requestId;
          else if (ev.requestId) this.context = undefined;
        }
        if (!ev.requestId && this.context) ev.requestId = this.context;
        // a row with a request ID of its own, another's: the console copy's block is over, and a row without an
        // ID after it (`09:05:00.000 INFO: cache warmed`) is no longer that summary's
        else if (ev.requestId !== this.context && ev.kind !== 'summary') this.context = undefined;
        this.noteRow(ev);
        return ev;
      }
      if (row?.continuation && this.lastRow) {
        const ref = this.lastRow;
        // under an application line (`INFO: config` then `  port: 3000,` of a logged object) an indented line is more
        // of its message: an app line has no headers (spec §2b: headers belong to a request, upstream or response row)
        const c = ref.kind === 'log' ? { kind: 'text' as const, text: raw.trim() } : row.continuation;
        const cont = makeEvent(base, 'header', 'text', ref.requestId);
        cont.parentKind = ref.kind;
        if (ref.upstreamId !== undefined) cont.upstreamId = ref.upstreamId;
        switch (c.kind) {
          case 'section':
            this.section = c.section;
            cont.headerSection = c.section;
            cont.headerName = undefined;
            return cont;
          case 'header':
            cont.headerSection = this.section;
            cont.headerName = c.name;
            cont.headerValue = c.value;
            return cont;
          case 'body':
            cont.kind = 'body';
            cont.body = c.text;
            return cont;
          case 'text':
            const log = makeEvent(base, 'log', 'text', ref.requestId);
            log.msg = c.text;
            return log;
        }
      }
    }
    // an unparsed line ends the row above: the indented lines after it (a stack trace under `Error: ...`) are its
    this.lastRow = undefined;
    return makeEvent(base, 'raw', 'raw');
  }

  private noteRow(ev: LogEvent): void {
    if (ev.time !== undefined && ev.time < DAY_MS) ev.time = this.days.roll(ev.time);
    if (ev.requestId && ev.kind !== 'raw') {
      this.lastRow = { requestId: ev.requestId, kind: ev.kind, upstreamId: ev.upstreamId };
      this.section = ev.kind === 'response' ? 'response' : 'request';
    } else {
      this.lastRow = undefined;
    }
  }
}
