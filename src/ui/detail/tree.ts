// The detail pane's content for one request: the label and why, the request tree as the platform's console
// shows it (missing rows shown as missing, headers folded), the next step, application lines, raw lines.
import type { AppLogLine, HeaderList, RequestGroup, UpstreamCall } from '../../model.js';
import { LABEL_INFO } from '../../diagnose/labels.js';
import { formatDuration, formatTime, requestDuration } from '../../report/format.js';
import { clean } from '../../util/sanitize.js';
import { parseJsonTime } from '../../parse/time.js';
import { headerValue, maskRawLine } from './secrets.js';
import { seg, wrapSegs, type Line, type Seg } from '../format/segments.js';

export interface DetailOptions {
  unfolded: ReadonlySet<string>;
  showSecrets: boolean;
  /** wrap long lines (reasons, tree rows, messages) to this width; no wrapping when absent */
  width?: number;
}

const MAX_TEXT = 2000;
const MAX_LOGS = 300;
const MAX_HEADERS = 200;

function t(time: number | undefined): string {
  return time === undefined ? '              ' : formatTime(time, false).padEnd(14);
}

function statusColor(status: number | undefined): Seg['color'] {
  if (status === undefined) return 'yellow';
  if (status >= 500) return 'red';
  if (status >= 400) return 'yellowBright';
  return 'green';
}

function foldLine(key: string, count: number, what: string, o: DetailOptions, indent: string): Line {
  const open = o.unfolded.has(key);
  return {
    fold: key,
    segs: [seg(indent), seg(open ? '▾ ' : '▸ ', { color: 'cyan' }), seg(`${count} ${what}${count === 1 ? '' : 's'}`, { dim: !open }), seg(open ? '' : '  (Enter)', { dim: true })],
  };
}

function headerLines(headers: HeaderList, o: DetailOptions, indent: string): Line[] {
  const out: Line[] = headers.slice(0, MAX_HEADERS).map(([name, value]) => ({
    segs: [seg(indent), seg(clean(name, 200), { color: 'cyan' }), seg(': '), seg(clean(headerValue(name, value, o.showSecrets), MAX_TEXT))],
    full: { title: `header ${clean(name, 200)}`, body: `${name}: ${headerValue(name, value, o.showSecrets)}` },
  }));
  if (headers.length > MAX_HEADERS) out.push({ segs: [seg(indent), seg(`… ${headers.length - MAX_HEADERS} more`, { dim: true })] });
  return out;
}

function foldable(out: Line[], key: string, headers: HeaderList, what: string, o: DetailOptions, indent: string, body?: string): void {
  if (headers.length === 0 && body === undefined) return;
  const n = headers.length + (body !== undefined ? 1 : 0);
  out.push(foldLine(key, n, headers.length ? what : 'body line', o, indent));
  if (!o.unfolded.has(key)) return;
  out.push(...headerLines(headers, o, indent + '  '));
  if (body !== undefined) out.push({ segs: [seg(indent + '  '), seg('Body: ', { color: 'cyan' }), seg(clean(body, MAX_TEXT))], full: { title: 'body', body: readable(body) } });
}

function answer(u: UpstreamCall): Seg[] {
  if (u.status !== undefined) {
    const dur = u.durationMs !== undefined ? ` in ${Math.round(u.durationMs)}ms` : '';
    return [seg(`  ${u.status}${u.statusText ? ' ' + clean(u.statusText, 80) : ''}${dur}`, { color: statusColor(u.status), bold: true, keep: true })];
  }
  if (u.errorCode || u.error) {
    return [seg(`  ✗ ${clean(u.errorCode ?? 'failed', 60)}`, { color: 'red', bold: true, keep: true }), seg(u.error ? ` ${clean(u.error, 300)}` : '', { color: 'red' })];
  }
  return [seg('  ✗ no answer logged', { color: 'yellow', bold: true, keep: true })];
}

function missing(what: string, why: string): Line {
  return { wrap: 4, segs: [seg('  '), seg('✗ ', { color: 'red' }), seg(what, { bold: true }), seg(`: missing — ${why}`, { color: 'red' })] };
}

function treeLines(g: RequestGroup, o: DetailOptions): Line[] {
  const out: Line[] = [];
  const method = clean(g.summary?.method ?? g.method ?? '', 12);
  const url = clean(g.summary?.url ?? g.url ?? '', MAX_TEXT);
  out.push({ wrap: 16, segs: [seg(t(g.summary?.time ?? g.firstTime), { dim: true }), seg(`${method} ${url}`.trim(), { bold: true }), seg('  '), seg(clean(g.requestId, 200), { dim: true, keep: true })] });

  const noServer = g.serverLines === 0;
  if (g.request) {
    const r = g.request;
    out.push({ wrap: 18, fold: r.headers.length || r.body !== undefined ? 'request' : undefined, segs: [seg('  ' + t(r.time), { dim: true }), seg('Request details: ', { color: 'cyan' }), seg(`${clean(r.method ?? '', 12)} ${clean(r.url ?? '', MAX_TEXT)}`)] });
    foldable(out, 'request', r.headers, 'request header', o, '      ', r.body);
  } else {
    out.push(missing('Request details', noServer ? 'no server-log line for this request' : 'not logged'));
  }

  g.upstreams.forEach((u, i) => {
    const start = out.length;
    const upFold = u.headers.length || u.body !== undefined ? `up:${i}` : u.responseHeaders.length || u.responseBody !== undefined ? `up:${i}:resp` : undefined;
    out.push({
      wrap: 18,
      fold: upFold,
      segs: [seg('  ' + t(u.time), { dim: true }), seg('Upstream Request: ', { color: 'cyan' }), seg(`${clean(u.method ?? '?', 12)} ${clean(u.url ?? '(no URL)', MAX_TEXT)}`), ...answer(u)],
    });
    foldable(out, `up:${i}`, u.headers, 'request header', o, '      ', u.body);
    foldable(out, `up:${i}:resp`, u.responseHeaders, 'response header', o, '      ', u.responseBody);
    for (let k = start; k < out.length; k++) out[k]!.upstream = i;
  });

  if (g.response) {
    const r = g.response;
    const st = r.status !== undefined ? `  ${r.status}${r.statusText ? ' ' + clean(r.statusText, 80) : ''}` : '';
    out.push({ wrap: 18, fold: r.headers.length || r.body !== undefined ? 'response' : undefined, segs: [seg('  ' + t(r.time), { dim: true }), seg('Response details: ', { color: 'cyan' }), seg(`${method} ${url}`), seg(st, { color: statusColor(r.status), bold: true, keep: true })] });
    foldable(out, 'response', r.headers, 'response header', o, '      ', r.body);
  } else if (g.label === 'pending') {
    out.push({ segs: [seg('  '), seg('… Response details: not yet — waiting for the grace period', { color: 'gray' })] });
  } else {
    // an app's own log (pino, Fastify): its response line, not the platform's row
    out.push(missing(g.appLogOnly ? 'Response' : 'Response details', noServer ? 'no server-log line for this request' : g.appLogOnly ? 'none logged: the handler never answered' : 'the SSR code did not run to completion'));
  }

  if (g.access) {
    const a = g.access;
    const extra = [a.proxyHardError && `proxy_hard_error ${clean(a.proxyHardError, 80)}`, a.statusChain && `x-0-status ${clean(a.statusChain, 120)}`, a.timings && `x-0-t ${clean(a.timings, 120)}`]
      .filter(Boolean)
      .join('  ');
    out.push({
      wrap: 18,
      segs: [seg('  ' + t(a.time), { dim: true }), seg('Access log: ', { color: 'cyan' }), seg(a.status !== undefined ? String(a.status) : '-', { color: statusColor(a.status), bold: true }), seg(` ${clean(a.method ?? '', 12)} ${clean(a.url ?? '', MAX_TEXT)}`), seg(extra ? `  ${extra}` : '', { dim: true })],
    });
  }
  return out;
}

/** Application lines as they happened: logs arrive out of order (the platform's rows do); lines without a time keep their place after the one before. */
function inTimeOrder(logs: readonly AppLogLine[]): readonly AppLogLine[] {
  let sorted = true;
  let last = -Infinity;
  const keyed = logs.map((l, i) => {
    const k = l.time ?? last;
    if (k < last) sorted = false;
    last = Math.max(last, k);
    return { l, k, i };
  });
  if (sorted) return logs;
  return keyed.sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.l);
}

function logLines(g: RequestGroup): Line[] {
  if (g.logs.length === 0) return [];
  const out: Line[] = [{ segs: [seg(`Application log (${g.logs.length})`, { bold: true })] }];
  for (const l of inTimeOrder(g.logs).slice(-MAX_LOGS)) {
    const lvl = (l.level ?? '').toUpperCase();
    const color: Seg['color'] = /ERR|FATAL/.test(lvl) ? 'red' : /WARN/.test(lvl) ? 'yellow' : undefined;
    out.push({ wrap: 24, segs: [seg('  ' + t(l.time), { dim: true }), seg(clean(lvl, 8).padEnd(6), { color }), seg(clean(l.msg, MAX_TEXT), { color })] });
  }
  if (g.logs.length > MAX_LOGS) out.splice(1, 0, { segs: [seg(`  … ${g.logs.length - MAX_LOGS} earlier lines`, { dim: true })] });
  return out;
}

function rawLines(g: RequestGroup, o: DetailOptions): Line[] {
  const n = g.raw.length + g.rawDropped;
  if (n === 0) return [];
  const out: Line[] = [foldLine('raw', n, 'raw log line', o, ' ')];
  if (!o.unfolded.has('raw')) return out;
  if (g.rawDropped) out.push({ segs: [seg(`  … ${g.rawDropped} lines not kept${g.shed ? ' (let go: memory short)' : ''}`, { dim: true })] });
  for (const r of g.raw) {
    const text = maskRawLine(r.text, o.showSecrets);
    out.push({ segs: [seg(`  ${r.lineNo}`.padEnd(8), { dim: true }), seg(clean(text, MAX_TEXT))], full: wholeLine(`raw line ${r.lineNo}`, text) });
  }
  return out;
}

/** Every line of the detail pane for `g`. */
export function buildDetail(g: RequestGroup, o: DetailOptions): Line[] {
  const info = LABEL_INFO[g.label];
  const out: Line[] = [];
  // the process its lines came from (hostname/pid): two processes' req-1 are two requests
  const facts = [g.status !== undefined ? String(g.status) : '', requestDuration(g), g.process ? `process ${clean(g.process, 60)}` : ''].filter(Boolean).join(' · ');
  out.push({
    wrap: 2,
    segs: [seg(`[${info.badge}]`, { color: info.color, bold: true }), seg(' '), seg(g.label, { color: info.color, bold: true }), seg(facts ? ` · ${facts}` : '', { bold: true }), seg(` — ${info.meaning}`)],
  });
  // why, then the tree that shows it, then what to do
  for (const r of g.reasons) out.push({ wrap: 7, segs: [seg('  why  ', { color: info.color, bold: true }), seg(clean(r, MAX_TEXT))] });
  out.push({ segs: [] });
  out.push(...treeLines(g, o));
  if (g.next.length) out.push({ segs: [] });
  for (const n of g.next) out.push({ wrap: 7, segs: [seg('  next ', { color: 'cyan', bold: true }), seg(clean(n, MAX_TEXT))] });
  const logs = logLines(g);
  if (logs.length) out.push({ segs: [] }, ...logs);
  const raw = rawLines(g, o);
  if (raw.length) out.push({ segs: [] }, ...raw);
  return o.width === undefined ? out : wrapLines(out, o.width);
}

/** What Enter on a logged line (secrets already masked) shows: the line whole, titled with its JSON epoch time as a date. */
export function wholeLine(title: string, text: string): { title: string; body: string } {
  const when = lineTime(text);
  return { title: `${title}${when ? ` · ${when}` : ''}`, body: readable(text) };
}

/** A JSON line's epoch time (`"time":1710147605471`, `"timestamp":1710147600.116`) as a date and time, for the whole-line view's title. */
function lineTime(text: string): string | undefined {
  const m = /^\s*\{.*?"(?:time|timestamp|ts)"\s*:\s*(\d{9,19}(?:\.\d+)?)[,}]/.exec(text.slice(0, 4096));
  if (!m) return undefined;
  const t = parseJsonTime(Number(m[1]));
  return t === undefined ? undefined : new Date(t).toISOString();
}

/** A line shown whole: JSON indented (as far as it parses and nests), anything else as it is. */
function readable(text: string): string {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    // not JSON, or nested past the stack: as written
    return text;
  }
}

/** Expands wrapping lines into screen lines, each keeping the fold key and upstream index. */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    if (l.wrap === undefined) {
      out.push(l);
      continue;
    }
    wrapSegs(l.segs, width, l.wrap).forEach((segs) => out.push({ segs, fold: l.fold, upstream: l.upstream, full: l.full }));
  }
  return out;
}
