// LineParser: one per source. Detects the format of each line and keeps the little state that
// continuation lines need (the row above, the summary that ID-less detail rows belong to).
import type { EventKind, LogEvent } from '../model.js';
import { parseJsonLine } from './json.js';
import { parseTextLine } from './text.js';
import { makeEvent } from './event.js';
import stripAnsi from 'strip-ansi';

export type FormatOption = 'auto' | 'text' | 'json';

interface RowRef {
  requestId: string;
  kind: EventKind;
  upstreamId?: string;
}

const CRI_RE = /^\d{4}-\d{2}-\d{2}T\S+ (?:stdout|stderr) [FP] /;

/**
 * The line inside a container runtime's wrapper (Docker json-file `{"log":...}`, CRI `<time> stdout F ...`),
 * with terminal colour codes removed: saved logs often carry them. Plain lines come back as they are.
 */
export function unwrap(line: string): string {
  let s = line;
  if (s.startsWith('{"log":')) {
    try {
      const o = JSON.parse(s) as { log?: unknown };
      if (typeof o.log === 'string') s = o.log.replace(/\r?\n$/, '');
    } catch {
      // not a wrapper after all
    }
  } else if (s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57 && CRI_RE.test(s)) {
    s = s.replace(CRI_RE, '');
  }
  if (s.includes('\u001b')) s = stripAnsi(s);
  return s;
}

export class LineParser {
  private lineNo = 0;
  private lastRow: RowRef | undefined;
  private section: 'request' | 'response' = 'request';
  /** request ID of the last summary that carried its ID last (the console's own copy) */
  private context: string | undefined;

  constructor(
    private readonly source = 0,
    private readonly format: FormatOption = 'auto',
  ) {}

  parse(original: string): LogEvent {
    const lineNo = ++this.lineNo;
    const base = { raw: original, lineNo, source: this.source };
    const raw = unwrap(original);
    let i = 0;
    while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
    if (this.format !== 'text' && raw.charCodeAt(i) === 123 /* { */) {
      const ev = parseJsonLine(i === 0 ? raw : raw.slice(i), base);
      if (ev) {
        ev.raw = original;
        this.noteRow(ev);
        return ev;
      }
    }
    if (this.format !== 'json') {
      const row = parseTextLine(raw, base);
      if (row?.event) row.event.raw = original;
      if (row?.event) {
        const ev = row.event;
        if (ev.kind === 'summary') {
          if (row.idLast) this.context = ev.requestId;
          else if (ev.requestId) this.context = undefined;
        }
        if (!ev.requestId && this.context) ev.requestId = this.context;
        this.noteRow(ev);
        return ev;
      }
      if (row?.continuation && this.lastRow) {
        const c = row.continuation;
        const ref = this.lastRow;
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
    return makeEvent(base, 'raw', 'raw');
  }

  private noteRow(ev: LogEvent): void {
    if (ev.requestId && ev.kind !== 'raw') {
      this.lastRow = { requestId: ev.requestId, kind: ev.kind, upstreamId: ev.upstreamId };
      this.section = ev.kind === 'response' ? 'response' : 'request';
    } else {
      this.lastRow = undefined;
    }
  }
}
