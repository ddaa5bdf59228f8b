// The parts of a request the field filters look at: its host and path, and its upstream calls' hosts. Read from
// the URL as logged with a regular expression (no URL object: the TUI tests every request on every frame).
import { headerOf, type RequestGroup } from '../model.js';
import { originOf, pathOf } from '../util/url.js';

/** The host and port of an absolute URL as written (`127.0.0.1:3000`), without a user; undefined for a path. */
function hostPortOf(url: string | undefined): string | undefined {
  const origin = url ? originOf(url) : undefined;
  return origin ? origin.authority.slice(origin.authority.lastIndexOf('@') + 1) : undefined;
}

/** host[:port] without its port: [::1]:8080 keeps its brackets; host:8080 loses its port. */
function withoutPort(authority: string | undefined): string | undefined {
  if (authority === undefined) return undefined;
  return authority.startsWith('[') ? authority.replace(/\]:\d*$/, ']') : authority.replace(/:\d*$/, '');
}

/** The host of an absolute URL, without a user or port; undefined for a path (`/p/1`). */
export function upstreamHost(url: string | undefined): string | undefined {
  return withoutPort(hostPortOf(url));
}

/** The URL the request was for: the Request details row's, else the summary's or the access record's. */
function groupUrl(g: RequestGroup): string | undefined {
  return g.url ?? g.request?.url ?? g.summary?.url ?? g.access?.url;
}

/** The host a request was for, without its port: its URL's, else (an app that logs the path alone) its Host header's. */
export function groupHost(g: RequestGroup): string | undefined {
  return upstreamHost(groupUrl(g)) ?? withoutPort(hostHeader(g));
}

/** The host a request was for with its port, as its URL writes it (`localhost:3000`), else its Host header. */
export function groupHostPort(g: RequestGroup): string | undefined {
  return hostPortOf(groupUrl(g)) ?? hostHeader(g);
}

function hostHeader(g: RequestGroup): string | undefined {
  return g.request && headerOf(g.request.headers, 'host');
}

/** The path and query of the request's URL (`/p/1?x=2`). */
export function groupPath(g: RequestGroup): string | undefined {
  const url = groupUrl(g);
  return url === undefined ? undefined : pathOf(url);
}
