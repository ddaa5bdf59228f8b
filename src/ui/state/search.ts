// Fuzzy search (fuse.js) over request ID, URL, label, status and messages. A search runs in small
// steps (newest groups first) so keys stay responsive on 100k groups; documents are cached per group
// version, and results are capped.
import Fuse from 'fuse.js';
import type { RequestGroup } from '../../model.js';

export interface SearchDoc {
  seq: number;
  id: string;
  url: string;
  label: string;
  status: string;
  text: string;
}

const KEYS = [
  { name: 'id', weight: 3 },
  { name: 'url', weight: 2 },
  { name: 'label', weight: 2 },
  { name: 'status', weight: 2 },
  { name: 'text', weight: 1 },
];
const FUSE_OPTIONS = { keys: KEYS, threshold: 0.3, ignoreLocation: true, minMatchCharLength: 2 };

/** How many results a search keeps at most (the newest matches). */
export const MAX_RESULTS = 5000;
const CHUNK = 250;
const TEXT_MAX = 400;

function docOf(g: RequestGroup): SearchDoc {
  const parts: string[] = [];
  let len = 0;
  const add = (s: string | undefined) => {
    if (!s || len >= TEXT_MAX) return;
    const cut = s.slice(0, TEXT_MAX - len);
    parts.push(cut);
    len += cut.length + 3;
  };
  for (const l of g.logs) add(l.msg);
  for (const u of g.upstreams) {
    add(u.errorCode);
    if (u.status !== undefined) add(`${u.status} ${u.statusText ?? ''}`);
    add(u.url);
  }
  return {
    seq: g.seq,
    id: g.requestId,
    url: g.url ?? g.request?.url ?? g.summary?.url ?? g.access?.url ?? '',
    label: g.label,
    status: g.status === undefined ? '' : String(g.status),
    text: parts.join(' | '),
  };
}

function exact(d: SearchDoc, lower: string): boolean {
  return (
    d.id.toLowerCase().includes(lower) ||
    d.url.toLowerCase().includes(lower) ||
    d.label.includes(lower) ||
    d.status === lower ||
    d.text.toLowerCase().includes(lower)
  );
}

/** One search in progress: call step() until it returns true. */
export interface SearchRun {
  readonly query: string;
  readonly results: Set<number>;
  /** fraction done, 0..1 */
  readonly progress: number;
  /** Works for about `budgetMs`; true when finished. */
  step(budgetMs?: number): boolean;
}

export class SearchIndex {
  private cache = new Map<number, { version: number; label: string; doc: SearchDoc }>();

  /** Starts a search over `groups` (list order); results are seqs, newest first, capped.
   * Exact substrings first over every group (they are never crowded out), then fuzzy matches. */
  start(groups: readonly RequestGroup[], query: string, limit = MAX_RESULTS): SearchRun {
    const q = query.trim();
    const lower = q.toLowerCase();
    // an ID piece or a status: fuzzy matching would find every similar ID or number
    const fuzzy = q.length >= 2 && !(/\d/.test(q) && /^[0-9a-f-]+$/i.test(q));
    const results = new Set<number>();
    const cache = this.cache;
    const n = groups.length;
    const docs: SearchDoc[] = new Array(n);
    let phase: 'exact' | 'fuzzy' | 'done' = q ? 'exact' : 'done';
    let pos = n; // walks from the newest group back, once per phase
    const run: SearchRun = {
      query: q,
      results,
      get progress() {
        if (phase === 'done' || n === 0) return 1;
        const half = (n - pos) / n / 2;
        return phase === 'exact' ? (fuzzy ? half : half * 2) : 0.5 + half;
      },
      step(budgetMs = 12) {
        const until = performance.now() + budgetMs;
        while (phase !== 'done') {
          if (results.size >= limit) {
            phase = 'done';
            break;
          }
          if (pos === 0) {
            phase = phase === 'exact' && fuzzy ? 'fuzzy' : 'done';
            pos = n;
            continue;
          }
          const from = Math.max(0, pos - CHUNK);
          if (phase === 'exact') {
            for (let i = pos - 1; i >= from && results.size < limit; i--) {
              const g = groups[i]!;
              let c = cache.get(g.seq);
              if (!c || c.version !== g.version || c.label !== g.label) {
                c = { version: g.version, label: g.label, doc: docOf(g) };
                cache.set(g.seq, c);
              }
              docs[i] = c.doc;
              if (exact(c.doc, lower)) results.add(g.seq);
            }
          } else {
            const chunk: SearchDoc[] = [];
            for (let i = from; i < pos; i++) if (!results.has(docs[i]!.seq)) chunk.push(docs[i]!);
            if (chunk.length) {
              const hits = new Fuse(chunk, FUSE_OPTIONS).search(q).map((r) => r.item.seq);
              hits.sort((a, b) => b - a);
              for (const s of hits) {
                if (results.size >= limit) break;
                results.add(s);
              }
            }
          }
          pos = from;
          if (performance.now() >= until) break;
        }
        return phase === 'done';
      },
    };
    return run;
  }

  /** Runs a whole search at once (tests, small inputs). */
  searchAll(groups: readonly RequestGroup[], query: string, limit = MAX_RESULTS): Set<number> {
    const run = this.start(groups, query, limit);
    while (!run.step(1e9));
    return run.results;
  }

  /** Drops cached documents of groups that are gone (call now and then on long streams). */
  prune(groups: readonly RequestGroup[]): void {
    if (this.cache.size <= groups.length * 1.5 + 1000) return;
    const keep = new Set(groups.map((g) => g.seq));
    for (const k of this.cache.keys()) if (!keep.has(k)) this.cache.delete(k);
  }
}
