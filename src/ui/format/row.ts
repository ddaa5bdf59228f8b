// One request as a list row: time, label badge, status, method, path, duration, upstream calls, short ID (a narrow
// screen leaves out the ID, the upstream count, the method and the time, in that order, so the path stays readable).
import type { RequestGroup } from '../../model.js';
import { LABEL_INFO } from '../../diagnose/labels.js';
import { fitId, fitUrl, pathOf, requestDuration } from '../../report/format.js';
import { clean } from '../../util/sanitize.js';
import { listTime, offsetTime, type TimeMode } from './time.js';
import { fitWidth, seg, type Seg } from './segments.js';

export interface RowOptions {
  width: number;
  timeMode: TimeMode;
  /** the stream's newest time in the time domain of `t`, for relative times */
  newest?: (t: number) => number | undefined;
  /** host and path (`H`), not the path alone */
  showHost?: boolean;
  /** relative times count from this time (the selected request's, once the input has ended), not back from the newest */
  anchor?: number;
  /** seqs of the marked requests (`m`): a marker after the selection's */
  marked?: ReadonlySet<number>;
}

const W = { mark: 2, time: 12, badge: 10, status: 5, method: 7, dur: 7, ups: 3 };
/** the ID column: 9 wide on a small screen (`req-00042`, a UUID's first 8), up to a whole 40-hex ID (a UUID is 36) on a
 * wide one */
const ID_MIN = 9;
const ID_MAX = 40;
/** the path keeps at least this many columns before the ID column grows */
const PATH_ROOM = 50;
/** on a narrow screen the path keeps at least this many columns: the ID, the upstream count, the method, then the
 * time make room for it, in that order (the detail pane's title has the whole ID) */
const PATH_MIN = 15;

interface Columns {
  time: boolean;
  method: boolean;
  ups: boolean;
  /** the ID column's width, 0 when it is left out */
  id: number;
}

function fixed(c: Columns): number {
  return W.mark + (c.time ? W.time + 1 : 0) + W.badge + W.status + (c.method ? W.method : 0) + W.dur + 1 + (c.ups ? W.ups + 1 : 0);
}

function columns(width: number): Columns {
  const c: Columns = { time: true, method: true, ups: true, id: 0 };
  c.id = Math.max(ID_MIN, Math.min(ID_MAX, width - fixed(c) - PATH_ROOM));
  if (width - fixed(c) - c.id >= PATH_MIN) return c;
  c.id = 0;
  for (const drop of ['ups', 'method', 'time'] as const) {
    if (width - fixed(c) >= PATH_MIN) break;
    c[drop] = false;
  }
  return c;
}

function pathWidth(width: number, c: Columns): number {
  return Math.max(8, width - fixed(c) - c.id);
}

/** A URL without its scheme: `shop.example.com/p/1`. */
function hostPath(url: string | undefined): string {
  return url === undefined ? '' : url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

export function headerSegs(width: number, timeMode: TimeMode, showHost = false, anchored = false): Seg[] {
  const c = columns(width);
  const time = c.time ? (timeMode === 'relative' ? (anchored ? 'FROM SEL' : 'AGE') : 'TIME').padEnd(W.time) + ' ' : '';
  return [
    seg(' '.repeat(W.mark) + time + 'LABEL'.padEnd(W.badge) + 'STAT'.padEnd(W.status) + (c.method ? 'METH'.padEnd(W.method) : '') + (showHost ? 'HOST/PATH' : 'PATH').padEnd(pathWidth(width, c)) + 'DUR'.padStart(W.dur) + ' ' + (c.ups ? 'UP'.padStart(W.ups) + ' ' : '') + 'ID'.padEnd(c.id).slice(0, c.id), { dim: true, bold: true }),
  ];
}

export function rowSegs(g: RequestGroup, selected: boolean, o: RowOptions): Seg[] {
  const info = LABEL_INFO[g.label];
  const c = columns(o.width);
  const pw = pathWidth(o.width, c);
  const status = g.status !== undefined ? String(g.status) : g.label === 'pending' ? '…' : '-';
  const url = g.summary?.url ?? g.request?.url ?? g.url ?? g.access?.url;
  const path = fitWidth(fitUrl(clean((o.showHost ? hostPath(url) : pathOf(url)) || '(no URL)', 2000), pw), pw);
  const time =
    o.timeMode === 'relative' && o.anchor !== undefined && g.firstTime !== undefined
      ? offsetTime(g.firstTime, o.anchor)
      : listTime(g.firstTime, o.timeMode, g.firstTime === undefined ? undefined : o.newest?.(g.firstTime));
  return [
    seg(selected ? '›' : ' ', { color: 'cyan', bold: true }),
    seg(o.marked?.has(g.seq) ? '●' : ' ', { color: 'magenta', bold: true }),
    seg(c.time ? time.slice(0, W.time).padEnd(W.time) + ' ' : '', { dim: !selected }),
    seg(`[${info.badge}]`.padEnd(W.badge), { color: info.color, bold: true }),
    seg(status.padEnd(W.status), { color: g.status !== undefined && g.status >= 400 ? info.color : undefined }),
    seg(c.method ? clean(g.method ?? '', W.method - 1).padEnd(W.method) : ''),
    seg(path),
    seg(requestDuration(g).padStart(W.dur) + ' ', { dim: true }),
    seg(c.ups ? (g.upstreams.length ? String(g.upstreams.length) : '').padStart(W.ups) + ' ' : '', { dim: true }),
    seg(c.id ? fitId(clean(g.requestId, ID_MAX * 4), c.id) : '', { dim: true }),
  ];
}
