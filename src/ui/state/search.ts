// Fuzzy search (fuse.js) over request ID, URL, label, status and messages. A search runs in small
// steps (newest groups first) so keys stay responsive on 100k groups; documents are cached per group
// version, and so is each document's answer to the last query: refreshing a search on a live stream
// looks only at the groups that changed. Results are capped.
import Fuse from 'fuse.js';
import type { RequestGroup } from '../../model.js';
import { FilterError, isFieldTerm, matchesFilter, parseTerms, type FilterClause } from '../../filter/filter.js';
import type { TimeWindow } from '../../util/window.js';
import { isWindowTerm, outsideWindow, windowOf } from './search-window.js';
import { plainWord } from './search-words.js';

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
/** fuzzy matching costs ~50 µs a document: a step stays within a few ms */
const FUZZY_CHUNK = 64;
const TEXT_MAX = 400;
/** longer queries are matched exactly only */
export const FUZZY_MAX_QUERY = 32;

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

/** A document's text in lower case, made once per group version: typing a query searches it again and again. */
function lowered(d: SearchDoc): string {
  return `${d.id}\u0000${d.url}\u0000${d.text}`.toLowerCase();
}

function exact(d: SearchDoc, low: string, lower: string): boolean {
  if (d.label.includes(lower) || d.status === lower) return true;
  // a number is a whole number in the text: `539` is not the start of `product=5392`
  if (/^\d+$/.test(lower)) return wholeNumber(lower).test(low);
  return low.includes(lower);
}

const numberRes = new Map<string, RegExp>();
/** `(?<!\d)539(?!\d)`, made once per number (a search tests it against every request). */
function wholeNumber(n: string): RegExp {
  let re = numberRes.get(n);
  if (!re) {
    if (numberRes.size > 100) numberRes.clear();
    numberRes.set(n, (re = new RegExp(`(?<!\\d)${n}(?!\\d)`)));
  }
  return re;
}

/**
 * A query's words: its field terms (`status:539`, `-host:docs`: the core's filter) and the plain words. A field term
 * it cannot read (`status:` on the way to `status:539`, `stauts:539`) is left out, and why is in `errors`.
 */
function splitQuery(q: string): { clauses: FilterClause[]; words: string[]; errors: string[]; window?: TimeWindow } {
  const split = q.split(/\s+/).filter((w) => w !== '');
  // `since:09:00:30`, `until:09:01`: a window of time, as the --since / --until flags
  const { window, errors } = windowOf(split.filter(isWindowTerm));
  const all = split.filter((w) => !isWindowTerm(w));
  const terms: string[] = [];
  for (const w of all.filter(isFieldTerm)) {
    try {
      parseTerms([w]);
      terms.push(w);
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      errors.push(e.message);
    }
  }
  return { clauses: parseTerms(terms), words: all.filter((w) => !isFieldTerm(w)).map((w) => plainWord(w).toLowerCase()).filter((w) => w !== ''), errors, window };
}

/** What a query searches for: `error` names a field term it cannot read (left out), `empty` when nothing is left. */
export function checkQuery(query: string): { error?: string; empty: boolean } {
  const { clauses, words, errors, window } = splitQuery(query.trim());
  return { error: errors[0], empty: clauses.length === 0 && words.length === 0 && window === undefined };
}

/** One search in progress: call step() until it returns true. */
export interface SearchRun {
  readonly query: string;
  readonly results: Set<number>;
  /** fraction done, 0..1 */
  readonly progress: number;
  /** the results reached the cap: there are more matches than they hold */
  readonly capped: boolean;
  /** Works for about `budgetMs`; true when finished. */
  step(budgetMs?: number): boolean;
}

interface Entry {
  version: number;
  label: string;
  doc: SearchDoc;
  /** id, URL and text in lower case */
  low: string;
  /** the query `exact` and `fuzzy` answer (undefined: none yet) */
  query?: string;
  exact: boolean;
  /** undefined until the fuzzy phase looked at this document for `query` */
  fuzzy?: boolean;
  /** a `-word` of `query` matches it */
  out?: boolean;
}

export class SearchIndex {
  private cache = new Map<number, Entry>();
  /** documents handed to the fuzzy matcher so far (each one once per query and group version) */
  fuzzyChecked = 0;

  private entry(g: RequestGroup): Entry {
    let c = this.cache.get(g.seq);
    if (!c || c.version !== g.version || c.label !== g.label) {
      const doc = docOf(g);
      c = { version: g.version, label: g.label, doc, low: lowered(doc), query: undefined, exact: false, fuzzy: undefined, out: false };
      this.cache.set(g.seq, c);
    }
    return c;
  }

  /**
   * Starts a search over `groups` (list order); results are seqs, newest first, capped when it matches fuzzily. Words are ANDed; a word
   * starting with `-` excludes the requests it matches (`-404`, `-robots`); field terms (`status:5xx`, `-host:docs`)
   * filter as --filter does (one it cannot read is left out: see checkQuery), `since:`/`until:` as --since/--until do
   * (`face`: the stream's clock face, see inWindow). Exact matches first over every group (they are never crowded
   * out), then fuzzy ones.
   */
  start(groups: readonly RequestGroup[], query: string, limit = MAX_RESULTS, face?: number): SearchRun {
    const q = query.trim();
    const { clauses, words, window } = splitQuery(q);
    const filter = clauses.length ? { clauses } : undefined;
    // the answers cached per document are to the query and the times it stood for (`since:10m` moves with the clock)
    const key = window ? `${q}\u0000${window.since?.t}\u0000${window.until?.t}\u0000${face}` : q;
    const must = words.filter((w) => !w.startsWith('-'));
    // `-` and `-4`, on the way to `-404`, leave out nothing yet
    const not = words.filter((w) => w.startsWith('-') && w.length > 2).map((w) => w.slice(1));
    // a word with a digit in it (`req-00012`, `539`, `/p/19`, a hex ID) is looked up, not fuzzily matched: fuzzy
    // matching finds its characters in order in nearly every request. A word longer than the matcher's 32-character
    // pattern is pasted text, matched exactly: fuse.js's cost grows with its length (3,000 pasted characters kept a
    // core busy for seconds on 2,000 requests)
    const fuzzyWords = must.filter((w) => w.length >= 2 && w.length <= FUZZY_MAX_QUERY && !/\d/.test(w));
    const fuzzy = fuzzyWords.length > 0;
    // the cap holds fuzzy near-misses down; an exact query (field terms, words with digits) is a filter: every match
    // is kept, so `/status:2xx` then `a` counts every 2xx, as --filter does
    if (!fuzzy) limit = Infinity;
    const excluded = (c: Entry, g: RequestGroup) =>
      not.some((w) => exact(c.doc, c.low, w)) || (filter !== undefined && !matchesFilter(g, filter)) || outsideWindow(g.firstTime, window, face);
    const results = new Set<number>();
    const n = groups.length;
    const entries: Entry[] = new Array(n);
    const entryOf = (g: RequestGroup) => this.entry(g);
    const counted = (k: number) => (this.fuzzyChecked += k);
    let phase: 'exact' | 'fuzzy' | 'done' = q ? 'exact' : 'done';
    let pos = n; // walks from the newest group back, once per phase
    const run: SearchRun = {
      query: q,
      results,
      get capped() {
        return results.size >= limit;
      },
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
          const from = Math.max(0, pos - (phase === 'exact' ? CHUNK : FUZZY_CHUNK));
          if (phase === 'exact') {
            for (let i = pos - 1; i >= from && results.size < limit; i--) {
              const g = groups[i]!;
              const c = (entries[i] = entryOf(g));
              if (c.query !== key) {
                c.query = key;
                c.out = excluded(c, g);
                c.exact = !c.out && must.every((w) => exact(c.doc, c.low, w));
                c.fuzzy = undefined;
              }
              if (c.exact) results.add(c.doc.seq);
            }
          } else {
            // documents already answered for this query (unchanged since the last run) are not matched again
            const hits: number[] = [];
            const chunk: Entry[] = [];
            for (let i = from; i < pos; i++) {
              const c = entries[i]!;
              if (c.exact || c.out) continue;
              if (c.fuzzy === undefined) chunk.push(c);
              else if (c.fuzzy) hits.push(c.doc.seq);
            }
            if (chunk.length) {
              counted(chunk.length);
              const fuse = new Fuse(chunk.map((c) => c.doc), FUSE_OPTIONS);
              const found = new Map(fuzzyWords.map((w) => [w, new Set(fuse.search(w).map((r) => r.item.seq))]));
              for (const c of chunk) {
                // every word matches: exactly, or (a word without digits) fuzzily
                c.fuzzy = must.every((w) => found.get(w)?.has(c.doc.seq) || exact(c.doc, c.low, w));
                if (c.fuzzy) hits.push(c.doc.seq);
              }
            }
            if (hits.length) {
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
