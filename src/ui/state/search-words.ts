// The words of a search as pasted: a request ID copied with the quotes, brackets and comma of a JSON line or a chat
// message, or with its header or field name (`x-request-id: 93ba360f-…`, `"requestId":"93ba360f-…"`), is searched
// (and selected) as the ID typed alone.

/**
 * A word without the quotes, brackets and trailing comma it was copied with (`"93ba360f-…",` from a JSON line,
 * `<req-1>`, `(req-1)`): a pasted request ID is found as typed alone. A `-` in front stays (`-"robots"`).
 */
export function bareWord(w: string): string {
  const not = w.startsWith('-') ? '-' : '';
  const b = w.slice(not.length).replace(/^["'`(\[{<]+/, '').replace(/["'`)\]}>,;]+$/, '');
  return b ? not + b : w;
}

/** a request-ID header or field name copied with its value: `x-request-id:`, `"requestId":`, `request_id=`, `rid:` */
const ID_NAME = /^(?:x-)?(?:(?:request|req|correlation|trace)[-_]?id|rid)["']?\s*[:=]\s*["']?/i;

/** A plain word as searched: bare (see bareWord), without a request-ID name in front; '' for the name alone. */
export function plainWord(w: string): string {
  const b = bareWord(w);
  const m = ID_NAME.exec(b);
  return m ? bareWord(b.slice(m[0].length)) : b;
}

/**
 * The request ID a pasted query stands for, when it is one word once quotes and a request-ID name are taken off
 * (`x-request-id: 93ba360f-…`, `"requestId":"93ba360f-…",`); else the query as it is.
 */
export function pastedId(q: string): string {
  const words = q.split(/\s+/).map(plainWord).filter((w) => w !== '');
  return words.length === 1 ? words[0]! : q;
}
