// Requests and failures over the stream's own time, in buckets, drawn with block characters.
import { FAILURE_LABELS, type RequestGroup } from '../../model.js';
import { isTimeOfDay } from '../../parse/time.js';

const BLOCKS = '▁▂▃▄▅▆▇█';

export interface Buckets {
  requests: number[];
  failures: number[];
  from?: number;
  to?: number;
}

/** Buckets groups by first time, over the time domain (time of day or epoch) of the newest group. */
export function bucketize(groups: readonly RequestGroup[], width: number): Buckets {
  const w = Math.max(1, width);
  const requests = new Array<number>(w).fill(0);
  const failures = new Array<number>(w).fill(0);
  let domainTod: boolean | undefined;
  for (let i = groups.length - 1; i >= 0 && domainTod === undefined; i--) {
    const t = groups[i]!.firstTime;
    if (t !== undefined) domainTod = isTimeOfDay(t);
  }
  if (domainTod === undefined) return { requests, failures };
  let from = Infinity;
  let to = -Infinity;
  for (const g of groups) {
    const t = g.firstTime;
    if (t === undefined || isTimeOfDay(t) !== domainTod) continue;
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const span = Math.max(1, to - from);
  for (const g of groups) {
    const t = g.firstTime;
    if (t === undefined || isTimeOfDay(t) !== domainTod) continue;
    const b = Math.min(w - 1, Math.floor(((t - from) / span) * w));
    requests[b]!++;
    if (FAILURE_LABELS.has(g.label)) failures[b]!++;
  }
  return { requests, failures, from, to };
}

/** One block per value, scaled to the largest; zero is a space-like lowest block only when something is there. */
export function sparkline(values: readonly number[]): string {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max === 0) return ' '.repeat(values.length);
  let out = '';
  for (const v of values) {
    if (v === 0) out += ' ';
    else out += BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil((v / max) * BLOCKS.length) - 1))];
  }
  return out;
}
