// Field filters: `status:5xx -host:docs up:cms method:post`, one predicate for the report (--filter) and the TUI
// (the same terms in its `/` search). A term is `field:value`; a leading `-` leaves out what it matches. Terms of
// different fields AND, repeats of one field (and comma-separated values) OR: `status:5xx status:539` is either.
import { FAILURE_LABELS, LABELS, type Label, type RequestGroup, type UpstreamCall } from '../model.js';
import { groupHost, groupHostPort, groupPath, upstreamHost } from './fields.js';

export const FILTER_FIELDS = ['status', 'method', 'host', 'path', 'up', 'upstatus', 'label', 'id'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
/** other names a field answers to */
const ALIASES: Record<string, FilterField> = { upstream: 'up' };

type Test = (g: RequestGroup) => boolean;
/** a test of one upstream call (`up:`, `upstatus:`) */
type CallTest = (u: UpstreamCall) => boolean;

export interface FilterClause {
  field: FilterField;
  /** `-field:value`: the request must match none of `tests` */
  exclude: boolean;
  /** alternatives: the request matches the clause when one of them holds */
  tests: Test[];
  /** `up:` and `upstatus:`: the same alternatives, of one call (`up:cms upstatus:5xx`: a call to cms answered 5xx) */
  calls?: CallTest[];
}

export interface RequestFilter {
  /** the expressions as given (ANDed), for headers, totals and the report's worker threads */
  readonly sources: readonly string[];
  readonly clauses: readonly FilterClause[];
}

/** A term that cannot be read: the message says which and what would be. */
export class FilterError extends Error {}

const EXAMPLES = 'status:5xx, method:post, host:shop, path:/p/, up:cms, upstatus:5xx, label:failures, id:992e64d7';
const TERM = /^(-?)([a-z]+):(.*)$/i;

/** The field a term's name stands for, if it is one. */
function fieldOf(name: string): FilterField | undefined {
  const n = name.toLowerCase();
  return (FILTER_FIELDS as readonly string[]).includes(n) ? (n as FilterField) : ALIASES[n];
}

/** Edits (insert, delete, replace a letter) from a to b, up to `max` + 1. */
function distance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** The field a misspelt name was meant to be (`stauts`, `lable`, `pth`), if it is close to one. */
function nearField(name: string): FilterField | undefined {
  const n = name.toLowerCase();
  if (n.length < 3) return undefined;
  return FILTER_FIELDS.find((f) => f.length > 2 && distance(n, f, 2) <= (f.length <= 4 ? 1 : 2));
}

/**
 * Whether the search reads `word` as a field term (`status:539`, `-host:docs`, and a misspelt one, `stauts:539`,
 * to say so) rather than as a plain word (`https://cms`, `09:00`, `error:`).
 */
export function isFieldTerm(word: string): boolean {
  const m = TERM.exec(word);
  return m !== null && (fieldOf(m[2]!) !== undefined || (m[3] !== '' && nearField(m[2]!) !== undefined));
}

/**
 * Whether `text` is `pattern` whole, a `*` in it standing for any run of characters. Linear backtracking to the
 * last `*` only: a pattern of many stars cannot make it slow, as a regular expression of `.*`s would.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0, t = 0, star = -1, from = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      from = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++from;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A case-insensitive test of text: a substring, or a whole-value glob when the value has a `*`. */
function textTest(value: string): (text: string | undefined) => boolean {
  const v = value.toLowerCase();
  if (v.includes('*')) return (t) => t !== undefined && globMatch(v, t.toLowerCase());
  return (t) => t !== undefined && t.toLowerCase().includes(v);
}

/** A test of a status (undefined: none logged): `539`, `5xx`, `500-599`, `none`. */
function statusValue(v: string, term: string): (status: number | undefined) => boolean {
  if (v === 'none' || v === '-') return (st) => st === undefined;
  const range = /^(\d{3})-(\d{3})$/.exec(v);
  if (range) {
    const lo = +range[1]!, hi = +range[2]!;
    if (lo > hi) throw new FilterError(`${term}: a range runs low to high (${hi}-${lo})`);
    return (st) => st !== undefined && st >= lo && st <= hi;
  }
  if (/^[1-9][0-9x]{2}$/i.test(v)) {
    const re = new RegExp(`^${v.toLowerCase().replace(/x/g, '\\d')}$`);
    return (st) => st !== undefined && re.test(String(st));
  }
  throw new FilterError(`${term}: a status is three digits (539), a class (5xx), a range (500-599) or none`);
}

/** The test of one value of `up:` or `upstatus:`, of one call. */
function callTest(field: 'up' | 'upstatus', v: string, term: string): CallTest {
  if (field === 'upstatus') {
    // `upstatus:none`: a call with no answer logged
    const t = statusValue(v, term);
    return (u) => t(u.status);
  }
  // the host alone for a glob (`up:cms.*`), the whole URL too (`up:/graphql`, `up:https://cms*`)
  const t = textTest(v);
  return (u) => t(u.url) || t(upstreamHost(u.url));
}

function labelTest(v: string, term: string): Test {
  const want = v.toLowerCase();
  if (want === 'failures' || want === 'errors') return (g) => FAILURE_LABELS.has(g.label);
  // a label's name, or the start of exactly one (`backend`, `ssr`, `not`)
  const exact = LABELS.find((l) => l === want);
  const starts = LABELS.filter((l) => l.startsWith(want));
  const label: Label | undefined = exact ?? (starts.length === 1 ? starts[0] : undefined);
  if (!label) {
    const which = starts.length > 1 ? `"${v}" could be ${starts.join(' or ')}` : `unknown label "${v}"`;
    throw new FilterError(`${term}: ${which} (labels: ${LABELS.join(', ')}, failures)`);
  }
  return (g) => g.label === label;
}

/** The test of one value of a field. */
function valueTest(field: FilterField, v: string, term: string): Test {
  switch (field) {
    case 'status': {
      const t = statusValue(v, term);
      return (g) => t(g.status);
    }
    case 'method': {
      if (!/^[a-z]+$/i.test(v)) throw new FilterError(`${term}: a method is a word (get, post, ...)`);
      const m = v.toUpperCase();
      return (g) => g.method?.toUpperCase() === m;
    }
    case 'label':
      return labelTest(v, term);
    case 'host': {
      const t = textTest(v);
      // `host:localhost:3000`, copied from the URL: the host with its port
      if (/:\d*\*?$/.test(v)) return (g) => t(groupHostPort(g));
      return (g) => t(groupHost(g));
    }
    case 'path': {
      const t = textTest(v);
      return (g) => t(groupPath(g));
    }
    case 'id': {
      const t = textTest(v);
      return (g) => t(g.requestId);
    }
    case 'up':
    case 'upstatus': {
      const t = callTest(field, v, term);
      return (g) => g.upstreams.some(t);
    }
  }
}

/** Reads one term (`-status:4xx,539`) into a clause; throws a FilterError naming it when it cannot. */
function parseTerm(word: string): FilterClause {
  const m = TERM.exec(word);
  const field = m ? fieldOf(m[2]!) : undefined;
  if (!m) throw new FilterError(`"${word}" is not a filter term: write field:value (${EXAMPLES})`);
  if (!field) {
    const near = nearField(m[2]!);
    throw new FilterError(`unknown field "${m[2]}" in "${word}" (${near ? `did you mean ${near}:? ` : ''}fields: ${FILTER_FIELDS.join(', ')})`);
  }
  // `status:4xx,` on the way to `status:4xx,539` is `status:4xx`
  const values = m[3]!.split(',').filter((v) => v !== '');
  if (values.length === 0) throw new FilterError(`${word} needs a value (${EXAMPLES})`);
  const calls = field === 'up' || field === 'upstatus' ? values.map((v) => callTest(field, v, word)) : undefined;
  return { field, exclude: m[1] === '-', tests: values.map((v) => valueTest(field, v, word)), ...(calls && { calls }) };
}

/**
 * `up:cms upstatus:5xx`: one call must be both (a call to cms answered 5xx), not a call to cms and another that
 * answered 5xx. The two clauses become one.
 */
function sameCall(byKey: Map<string, FilterClause>): void {
  const up = byKey.get('up');
  const st = byKey.get('upstatus');
  if (!up?.calls || !st?.calls) return;
  const hosts = up.calls;
  const statuses = st.calls;
  const both: CallTest = (u) => hosts.some((h) => h(u)) && statuses.some((t) => t(u));
  byKey.delete('upstatus');
  byKey.set('up', { field: 'up', exclude: false, tests: [(g) => g.upstreams.some(both)], calls: [both] });
}

/**
 * Reads field terms into clauses: one per field and sign, so repeats of a field OR. Throws a FilterError for a
 * term that cannot be read.
 */
export function parseTerms(words: readonly string[]): FilterClause[] {
  const byKey = new Map<string, FilterClause>();
  for (const w of words) {
    const c = parseTerm(w);
    const key = `${c.exclude ? '-' : ''}${c.field}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.tests.push(...c.tests);
      if (c.calls) seen.calls?.push(...c.calls);
    } else byKey.set(key, c);
  }
  sameCall(byKey);
  return [...byKey.values()];
}

/** `--filter` expressions (each one's terms space-separated), ANDed. Throws a FilterError for a bad term. */
export function parseFilter(expressions: readonly string[]): RequestFilter {
  const clauses: FilterClause[] = [];
  for (const e of expressions) {
    const words = e.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new FilterError(`an empty filter: give terms such as ${EXAMPLES}`);
    clauses.push(...parseTerms(words));
  }
  return { sources: expressions.map((e) => e.trim().replace(/\s+/g, ' ')), clauses };
}

/** Whether the request passes every clause. */
export function matchesFilter(g: RequestGroup, f: { readonly clauses: readonly FilterClause[] }): boolean {
  for (const c of f.clauses) {
    let hit = false;
    for (const t of c.tests) {
      if (t(g)) {
        hit = true;
        break;
      }
    }
    if (hit === c.exclude) return false;
  }
  return true;
}

/** The filter as the user wrote it: `status:5xx -host:docs` (several --filter flags joined by ` and `). */
export function describeFilter(f: RequestFilter): string {
  return f.sources.join(' and ');
}
