// One request as a list row: time, label badge, status, method, path, duration, upstream calls, short ID.
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
const FIXED = W.mark + W.time + 1 + W.badge + W.status + W.method + W.dur + 1 + W.ups + 1;
/** the ID column: 9 wide on a small screen (`req-00042`, a UUID's first 8), up to a whole UUID on a wide one */
const ID_MIN = 9;
const ID_MAX = 36;
/** the path keeps at least this many columns before the ID column grows */
const PATH_ROOM = 50;

function idWidth(width: number): number {
  return Math.max(ID_MIN, Math.min(ID_MAX, width - FIXED - PATH_ROOM));
}

function pathWidth(width: number): number {
  return Math.max(8, width - FIXED - idWidth(width));
}

/** A URL without its scheme: `shop.example.com/p/1`. */
function hostPath(url: string | undefined): string {
  return url === undefined ? '' : url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

export function headerSegs(width: number, timeMode: TimeMode, showHost = false, anchored = false): Seg[] {
  const pw = pathWidth(width);
  return [
    seg(' '.repeat(W.mark) + (timeMode === 'relative' ? (anchored ? 'FROM SEL' : 'AGE') : 'TIME').padEnd(W.time) + ' ' + 'LABEL'.padEnd(W.badge) + 'STAT'.padEnd(W.status) + 'METH'.padEnd(W.method) + (showHost ? 'HOST/PATH' : 'PATH').padEnd(pw) + 'DUR'.padStart(W.dur) + ' ' + 'UP'.padStart(W.ups) + ' ' + 'ID'.padEnd(idWidth(width)), { dim: true, bold: true }),
  ];
}

export function rowSegs(g: RequestGroup, selected: boolean, o: RowOptions): Seg[] {
  const info = LABEL_INFO[g.label];
  const pw = pathWidth(o.width);
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
    seg(time.slice(0, W.time).padEnd(W.time) + ' ', { dim: !selected }),
    seg(`[${info.badge}]`.padEnd(W.badge), { color: info.color, bold: true }),
    seg(status.padEnd(W.status), { color: g.status !== undefined && g.status >= 400 ? info.color : undefined }),
    seg(clean(g.method ?? '', W.method - 1).padEnd(W.method)),
    seg(path),
    seg(requestDuration(g).padStart(W.dur) + ' ', { dim: true }),
    seg((g.upstreams.length ? String(g.upstreams.length) : '').padStart(W.ups) + ' ', { dim: true }),
    seg(fitId(clean(g.requestId, ID_MAX * 4), idWidth(o.width)), { dim: true }),
  ];
}
