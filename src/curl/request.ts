// Turns a logged request (an upstream call, or the edge request) into exactly what will go on the wire.
// The curl builder (build.ts) and the re-run (rerun.ts) both start from this, so what `c` copies and what `r`
// sends are the same request.
//
// Header rules (same spirit as a browser's "Copy as cURL"); every other logged header is kept verbatim, in the
// logged order, duplicates included:
// - dropped, because curl / node manage them per connection and a logged copy would be wrong or harmful:
//   Content-Length (recomputed from the body, which the log may have truncated), Connection, Keep-Alive,
//   Proxy-Connection, Transfer-Encoding, TE, Trailer, Upgrade (hop-by-hop, RFC 9110 §7.6.1), and HTTP/2
//   pseudo-headers (`:method`, `:path`, `:authority`, `:scheme`);
// - Host is dropped when it equals the URL's host[:port] (curl sends that one itself) and kept when it differs
//   (an origin reached by IP with a virtual-host name): the server sees the logged value either way;
// - Accept-Encoding is kept as logged, and the command gets `--compressed` when it names gzip/deflate/br/zstd,
//   so the server sees the logged value and curl still decodes the answer;
// - a name that is not an HTTP token (spaces, colons, control characters) cannot be sent: dropped, with a note;
// - values lose leading/trailing spaces and tabs (HTTP strips them anyway); CR, LF, NUL and other control
//   characters but tab cannot travel in a header value (RFC 9110 §5.5: replace with SP or reject; curl would
//   split the line into a second header): each becomes one space, with a note.
// The URL keeps its bytes, except those a request line cannot carry raw (controls, space, DEL, non-ASCII),
// which are percent-encoded as UTF-8; existing %XX stay as they are; the #fragment is not sent (as browsers do).
import { domainToASCII } from 'node:url';
import { headerOf } from '../model.js';
import { isRedactedUrl, isRedactedValue, redactedNote } from './redacted.js';

export interface LoggedRequest {
  method?: string;
  url?: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
  /** the log holds only the start of the body */
  bodyTruncated?: boolean;
  bodyLength?: number;
}

export interface PreparedRequest {
  method: string;
  scheme: 'http' | 'https';
  /** host name (punycode) or IP, IPv6 without brackets */
  hostname: string;
  port: number;
  /** port given explicitly in the URL (or non-default) */
  explicitPort: boolean;
  /** path + query as sent on the request line */
  target: string;
  /** scheme://host[:port]target, what curl is given */
  url: string;
  /** user:password@ from the URL, if any (curl and the re-run send it as Basic auth) */
  userinfo?: string;
  /** the Host header curl/node send when none is logged: host[:port] */
  authority: string;
  /** headers to send, in order (see the rules above); Host only when it differs from the authority */
  headers: Array<[string, string]>;
  body?: string;
  /** lower-case names of the logged headers that were kept */
  names: Set<string>;
  /** Accept-Encoding names a coding curl can decode */
  compressed: boolean;
  /** things the user should know: shown as comment lines above the command */
  notes: string[];
  /** what the log holds redacted (`Authorization`, `URL`): sent as logged, not the real values */
  redacted: string[];
}

export type Prepared = { ok: true; req: PreparedRequest } | { ok: false; error: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DROP = new Set(['content-length', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);
/** what decodeBody() in parse/ leaves when the logged body was not text */
export const BINARY_BODY = /^<\d+ bytes of binary data>$/;

// eslint-disable-next-line no-control-regex
const BAD_VALUE_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** A header value as it can travel: trimmed, forbidden control characters replaced by spaces. */
export function headerValueOnWire(value: string): { value: string; changed: boolean } {
  const replaced = value.replace(BAD_VALUE_CHARS, ' ');
  return { value: replaced.replace(/^[ \t]+|[ \t]+$/g, ''), changed: replaced !== value };
}

/** Percent-encodes what a request line cannot carry raw; keeps everything else byte for byte. */
export function encodeTarget(target: string): string {
  let out = '';
  for (const ch of target) {
    const c = ch.codePointAt(0)!;
    if (c > 0x20 && c < 0x7f) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;

interface Authority {
  hostname: string;
  port?: number;
  userinfo?: string;
}

function parseAuthority(a: string): Authority | string {
  let rest = a;
  let userinfo: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let hostname: string;
  let portText: string | undefined;
  const v6 = /^\[([0-9A-Fa-f:.]+)\](?::(.*))?$/.exec(rest);
  if (v6) {
    hostname = v6[1]!;
    portText = v6[2];
  } else {
    const colon = rest.lastIndexOf(':');
    hostname = colon >= 0 ? rest.slice(0, colon) : rest;
    portText = colon >= 0 ? rest.slice(colon + 1) : undefined;
    if (hostname === '') return 'no host in the URL';
    const ascii = domainToASCII(hostname);
    if (ascii === '' || !/^[A-Za-z0-9._-]+$/.test(ascii)) return `"${hostname}" is not a host name`;
    hostname = ascii.toLowerCase();
  }
  let port: number | undefined;
  if (portText !== undefined && portText !== '') {
    if (!/^\d{1,5}$/.test(portText) || +portText < 1 || +portText > 65535) return `"${portText}" is not a port`;
    port = +portText;
  }
  if (userinfo !== undefined && /[\s\p{Cc}]/u.test(userinfo)) return 'the URL has control characters or spaces in its user name';
  return { hostname, port, userinfo };
}

function hostHeaderOf(hostname: string, port: number, explicit: boolean): string {
  const h = hostname.includes(':') ? `[${hostname}]` : hostname;
  return explicit ? `${h}:${port}` : h;
}

/** Same host and port? `shop.example.com` and `SHOP.example.com:443` are, for https. */
function sameAuthority(hostValue: string, hostname: string, port: number, scheme: string): boolean {
  const a = parseAuthority(hostValue.trim());
  if (typeof a === 'string') return false;
  const p = a.port ?? (scheme === 'https' ? 443 : 80);
  return a.hostname.toLowerCase() === hostname.toLowerCase() && p === port;
}

/** The logged request, ready for curl or a re-run; or why it cannot be sent. */
export function prepareRequest(r: LoggedRequest): Prepared {
  const notes: string[] = [];
  let method = (r.method ?? '').trim();
  if (method === '') {
    method = r.body ? 'POST' : 'GET';
    notes.push(`no method in the log: ${method} assumed`);
  }
  if (!TOKEN.test(method)) return { ok: false, error: `"${method}" is not an HTTP method` };

  let url = (r.url ?? '').trim();
  if (url === '') return { ok: false, error: 'no URL in the log' };
  const otherScheme = /^([A-Za-z][A-Za-z0-9+.-]*):(?!\d|\/\/)/.exec(url);
  if (otherScheme) return { ok: false, error: `${otherScheme[1]!.toLowerCase()}: URLs are not re-run or copied (http and https only)` };
  if (!URL_RE.test(url)) {
    // host+path without a scheme, or a bare path that needs the Host header
    const host = headerOf(r.headers, 'host');
    if (url.startsWith('/')) {
      if (!host) return { ok: false, error: `no host for "${url}": neither the URL nor a Host header names one` };
      url = `https://${host}${url}`;
    } else url = `https://${url}`;
    notes.push('no scheme in the log: https assumed');
  }
  const m = URL_RE.exec(url)!;
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, error: `${scheme}: URLs are not re-run or copied (http and https only)` };
  const auth = parseAuthority(m[2]!);
  if (typeof auth === 'string') return { ok: false, error: auth };
  const explicitPort = auth.port !== undefined && auth.port !== (scheme === 'https' ? 443 : 80);
  const port = auth.port ?? (scheme === 'https' ? 443 : 80);
  let rest = m[3]!;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest.startsWith('/')) rest = '/' + rest;
  const target = encodeTarget(rest);
  const authority = hostHeaderOf(auth.hostname, port, explicitPort);
  const userPart = auth.userinfo !== undefined ? `${auth.userinfo}@` : '';

  const headers: Array<[string, string]> = [];
  const names = new Set<string>();
  let compressed = false;
  let seenHost = false;
  for (const [rawName, rawValue] of r.headers) {
    const name = rawName.trim();
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || DROP.has(lower)) continue;
    if (!TOKEN.test(name)) {
      notes.push(`header ${JSON.stringify(rawName).slice(0, 80)} dropped: not a valid HTTP header name`);
      continue;
    }
    const v = headerValueOnWire(rawValue);
    if (v.changed) notes.push(`header ${name}: control characters (CR, LF, …) replaced by spaces: HTTP cannot carry them`);
    if (lower === 'host') {
      if (seenHost) {
        notes.push('a second Host header dropped: a request has one');
        continue;
      }
      seenHost = true;
      if (sameAuthority(v.value, auth.hostname, port, scheme)) continue;
    }
    if (lower === 'accept-encoding' && /\b(gzip|deflate|br|zstd)\b/i.test(v.value)) compressed = true;
    headers.push([name, v.value]);
    names.add(lower);
  }

  const redacted = headers.filter(([n, v]) => isRedactedValue(v) && !/^(?:content-type|accept|host)$/i.test(n)).map(([n]) => n);
  if (isRedactedUrl(url)) redacted.unshift('URL');
  const said = redactedNote(redacted);
  if (said) notes.push(`${said}: put the real values in to reproduce the call`);

  let body = r.body;
  if (body !== undefined && BINARY_BODY.test(body)) {
    notes.push(`body not sent: the log holds binary data (${body.slice(1, -1)}), not its bytes`);
    body = undefined;
  } else if (body === '') body = undefined;
  if (body !== undefined && method === 'HEAD') {
    notes.push('body not sent: a HEAD request has none');
    body = undefined;
  }
  if (r.bodyTruncated) {
    const of = r.bodyLength !== undefined ? ` (${body ? Buffer.byteLength(body) : 0} of ${r.bodyLength} bytes)` : '';
    notes.push(`body truncated in the log${of}: the request sends only the logged part`);
  }

  return {
    ok: true,
    req: {
      method,
      scheme,
      hostname: auth.hostname,
      port,
      explicitPort,
      target,
      url: `${scheme}://${userPart}${authority}${target}`,
      userinfo: auth.userinfo,
      authority,
      headers,
      body,
      names,
      compressed,
      notes,
      redacted,
    },
  };
}
