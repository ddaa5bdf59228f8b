// The parts of a URL as it was logged, read with one regular expression: no URL object (the report and the TUI read
// them for every request, and a logged URL need not be one the URL parser takes).

/** `scheme://authority`: the authority (user info, host, port) is the group */
const ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/** The `scheme://authority` a URL starts with (the whole match, and the authority); undefined for a path (`/p/1`). */
export function originOf(url: string): { length: number; authority: string } | undefined {
  const m = ORIGIN_RE.exec(url);
  return m ? { length: m[0].length, authority: m[1]! } : undefined;
}

/** The path part of a URL (with query), or the URL itself when it has none. */
export function pathOf(url: string | undefined): string {
  if (!url) return '';
  const o = originOf(url);
  if (!o) return url;
  return url.slice(o.length) || '/';
}
