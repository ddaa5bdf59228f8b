// `--loki` with `--since`/`--until`: the window is read with Loki's HTTP API, GET /loki/api/v1/query_range
// (query, start, end in ns, limit, direction=forward), page by page: each page starts at the newest entry of
// the one before (entries already delivered at that nanosecond are skipped by the caller). Loki's tail
// endpoint cannot do this: it sends only the newest `limit` entries of the last hour.
// HTTP failures read as the WebSocket ones do (socket-errors.ts): 400 (a bad query, Loki's own words),
// 401/403 end the source; 429 and 5xx, and a Loki that is down, are retried with backoff; a host not
// found or a web page that is not Loki ends it before the first answer.
import { byTime, streamEntries, type StreamEntry } from './document.js';
import { lokiEndpointUrl } from './loki-api.js';
import { backoffDelay, formatDelay } from './socket.js';
import { describeError, describeHttp, type Failure } from './socket-errors.js';
import type { StatusEmitter } from './status.js';

/** entries per page: Loki's default max_entries_limit_per_query */
export const PAGE_LIMIT = 5000;

export interface RangeOptions {
  /** the Loki base URL as given (http(s) or ws(s), maybe with a path prefix) */
  base: string;
  query: string;
  headers: Record<string, string>;
  authHint?: string;
  startNs: bigint;
  endNs: bigint;
  pageLimit?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

export class LokiRange {
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly o: RangeOptions,
    private readonly status: StatusEmitter,
  ) {}

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /**
   * Reads the window page by page, handing each page's entries (oldest first) to `deliver`, which resolves
   * when they have been taken. True when the whole window was read; false when it failed for good or stopped.
   */
  async run(deliver: (entries: StreamEntry[]) => Promise<void>): Promise<boolean> {
    const limit = this.o.pageLimit ?? PAGE_LIMIT;
    let start = this.o.startNs;
    let attempt = 0;
    let answered = false;
    let total = 0;
    while (!this.stopped) {
      this.status.set('loading', `reading ${this.o.query} from Loki: ${total.toLocaleString('en-US')} entries so far`);
      const page = await this.fetchPage(start, limit);
      if (this.stopped) return false;
      if ('reason' in page) {
        if (page.fatal || (page.wrongUrl && !answered)) {
          this.status.set('error', `${lokiEndpointUrl(this.o.base, 'query_range').origin}: ${page.reason}`);
          return false;
        }
        attempt++;
        const delay = backoffDelay(attempt, this.o.backoffMinMs ?? 500, this.o.backoffMaxMs ?? 30_000);
        this.status.set('retrying', `retrying in ${formatDelay(delay)}: ${page.reason}`);
        await this.sleep(delay);
        continue;
      }
      answered = true;
      attempt = 0;
      total += page.length;
      if (page.length) await deliver(page);
      const newest = page.length ? page[page.length - 1]!.ts : start;
      // a short page is the last; a full one may have more at its newest nanosecond and after it
      if (page.length < limit || newest >= this.o.endNs) return true;
      // a page all of one nanosecond cannot move on from it: what is left there is more than a page
      start = newest > start ? newest : newest + 1n;
    }
    return false;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async fetchPage(start: bigint, limit: number): Promise<StreamEntry[] | Failure> {
    const url = lokiEndpointUrl(this.o.base, 'query_range');
    url.searchParams.set('query', this.o.query);
    url.searchParams.set('start', String(start));
    url.searchParams.set('end', String(this.o.endNs));
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('direction', 'forward');
    this.abort = new AbortController();
    try {
      const res = await fetch(url, { headers: this.o.headers, signal: this.abort.signal, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) {
        const loc = res.headers.get('location');
        return describeHttp(res.status, res.statusText, loc ? `redirected to ${loc}: use that URL` : body, this.o.authHint);
      }
      return pageEntries(body);
    } catch (err) {
      const e = err as Error & { cause?: Error };
      return describeError(e.cause ?? e, url.toString());
    }
  }
}

/** A query_range answer's entries, oldest first; a failure when it is not one (a metric query, not Loki). */
export function pageEntries(body: string): StreamEntry[] | Failure {
  let doc: { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  try {
    doc = JSON.parse(body);
  } catch {
    return { reason: 'the answer is not JSON: is the URL Loki?', wrongUrl: true };
  }
  const data = doc?.data;
  if (data?.resultType !== 'streams' || !Array.isArray(data.result)) {
    const what = typeof data?.resultType === 'string' ? `a ${data.resultType} result (a metric query?): give a log query` : 'not a Loki query result';
    return { reason: what, fatal: true };
  }
  return streamEntries(data.result).sort(byTime);
}
