// "Copy as cURL (bash)" for a logged request: one curl command that sends what the SSR code (or the edge) sent.
// What is sent is decided in request.ts; this file only writes it as safe bash (see quote.ts).
//
// Beyond the logged headers, curl would add its own User-Agent, Accept and (with a body) a form Content-Type
// and, for big bodies, Expect: 100-continue. The origin may answer a curl User-Agent differently (WAF rules),
// so when the log has no such header the command removes curl's with `-H 'Name:'`: the server sees the logged
// headers, Host, and the Content-Length of the body, nothing else.
import type { RequestGroup, UpstreamCall } from '../model.js';
import { isSecret, maskHeaderValue, maskTextSecrets, maskUrl } from '../util/secrets.js';
import { commentText, printfFormat, shellQuote } from './quote.js';
import { prepareRequest, type LoggedRequest, type PreparedRequest } from './request.js';

export interface CurlOptions {
  /** put real cookie / authorization / API-key values in the command (default: masked) */
  showSecrets?: boolean;
  /** `ssrtail curl --probe`: print only the status and time the answer took (PROBE_ARGS), to tell "quickly" from "hangs" */
  probe?: boolean;
}

/** --probe: no body, errors still shown, give up after 20 s (the function timeout), then `<status> <seconds>s` */
export const PROBE_ARGS = `-sS -o /dev/null -m 20 -w '%{http_code} %{time_total}s\\n'`;

/** How to read a probe's output: the re-run test of the troubleshooting guide. */
export const PROBE_NOTE = [
  '# --probe: each command prints "<HTTP status> <seconds>s".',
  '#   a status, quickly: it answers from here; if the edge got no answer, the origin blocks the edge (allowlist the platform\'s IP ranges)',
  '#   "000" and a curl error (6 DNS, 7 refused, 28 no answer in 20 s): it fails or hangs from here too: the request the SSR code builds is wrong',
].join('\n');

export interface CurlResult {
  /** comment lines (`# …`) then the command; always valid bash. With an error: only comment lines. */
  text: string;
  /** the command alone (no comments), or undefined when the request cannot be built */
  command?: string;
  error?: string;
  /** names of the headers whose values were masked */
  masked: string[];
}

/** An argument longer than this goes through printf + process substitution: one execve argument is capped
 *  at 128 KiB on Linux, printf is a bash builtin and is not. */
export const MAX_INLINE_ARG = 100_000;
/** curl asks `Expect: 100-continue` above 1 MiB (older versions above 1 KiB): removed unless logged. */
const EXPECT_ABOVE = 1024;

function hasNul(s: string): boolean {
  return s.includes('\0');
}

/** `--flag value` for text that may be long or hold NUL: inline when it can, else `@<(printf -- FORMAT)`. */
function fileArg(flag: '--data-binary' | '-H', text: string): string {
  return `${flag} @<(printf -- ${shellQuote(printfFormat(text))})`;
}

function headerArg(name: string, value: string): string {
  // `Name;` is curl's way to send a header with an empty value (`Name:` would remove it)
  const h = value === '' ? `${name};` : `${name}: ${value}`;
  if (Buffer.byteLength(h) > MAX_INLINE_ARG) return fileArg('-H', h);
  return `-H ${shellQuote(h)}`;
}

/** The curl command for a prepared request. */
export function curlFromPrepared(req: PreparedRequest, opts: CurlOptions = {}): CurlResult {
  const show = opts.showSecrets ?? false;
  const masked: string[] = [];
  let url = req.url;
  if (!show) {
    // a URL-safe mask: the command still runs (the server refuses the masked credential)
    url = maskUrl(req.url);
    if (url !== req.url) masked.push('URL credentials');
  }
  const args: string[] = [`curl ${shellQuote(url)}`];
  // a body's credentials (`{"password":"…"}`, `token=…`) are masked as on screen: the copy is pasted into tickets too
  const body = req.body === undefined || show ? req.body : maskTextSecrets(req.body);
  const m = req.method;
  if (m === 'HEAD') args.push('--head');
  else if (!(m === 'GET' && body === undefined) && !(m === 'POST' && body !== undefined)) args.push(`-X ${/^[A-Za-z0-9_-]+$/.test(m) ? m : shellQuote(m)}`);
  for (const [name, value] of req.headers) {
    let v = value;
    if (!show) {
      // a secret header is masked whole; another can carry secrets as the screen shows them masked: a URL's (Referer,
      // a callback), a JSON or `token=` pair, a JWT
      const secret = isSecret(name, value);
      v = secret ? maskHeaderValue(name, value) : maskTextSecrets(value);
      if ((secret || v !== value) && !masked.includes(name)) masked.push(name);
    }
    args.push(headerArg(name, v));
  }
  if (body !== req.body) masked.push('body');
  if (!req.names.has('user-agent')) args.push(`-H 'User-Agent:'`);
  if (!req.names.has('accept')) args.push(`-H 'Accept:'`);
  if (body !== undefined) {
    if (!req.names.has('content-type')) args.push(`-H 'Content-Type:'`);
    if (!req.names.has('expect') && Buffer.byteLength(body) > EXPECT_ABOVE) args.push(`-H 'Expect:'`);
    // --data-raw: no `@file` reading (a body "@/etc/passwd" must not upload that file), no newline stripping
    if (hasNul(body) || Buffer.byteLength(body) > MAX_INLINE_ARG) args.push(fileArg('--data-binary', body));
    else args.push(`--data-raw ${shellQuote(body)}`);
  }
  if (req.compressed) args.push('--compressed');
  // curl would squash /./ and /../ segments and expand {a,b} and [1-9] globs (in the path, the query and a password
  // too: one request per expansion): the URL goes as logged
  if (/(^|\/)\.\.?(\/|\?|$)/.test(req.target.split('?')[0]!)) args.push('--path-as-is');
  if (/[[\]{}]/.test(req.target) || /[[\]{}]/.test(req.userinfo ?? '')) args.push('--globoff');
  if (opts.probe) args.push(PROBE_ARGS);

  const command = args.join(' \\\n  ');
  const comments = req.notes.map((n) => `# ${commentText(n)}`);
  if (masked.length > 0) comments.push(`# masked: ${commentText(masked.join(', '))} (--show-secrets includes them)`);
  return { text: [...comments, command].join('\n'), command, masked };
}

/** The curl command for a logged request, or comment lines saying why there is none. */
export function buildCurl(r: LoggedRequest, opts: CurlOptions = {}): CurlResult {
  const p = prepareRequest(r);
  if (!p.ok) return { text: `# cannot build a curl command: ${commentText(p.error)}`, error: p.error, masked: [] };
  return curlFromPrepared(p.req, opts);
}

/** What an upstream call holds, as a logged request (the log's truncation marks ride along when present). */
export function upstreamRequest(u: UpstreamCall): LoggedRequest {
  return { method: u.method, url: u.url, headers: u.headers, body: u.body, bodyTruncated: u.bodyTruncated, bodyLength: u.bodyLength };
}

/** The edge's request to the SSR code (Request details / level 100), falling back to the summary row. */
export function edgeRequest(g: RequestGroup): LoggedRequest {
  const r = g.request;
  return {
    method: r?.method ?? g.method,
    url: r?.url ?? g.url,
    headers: r?.headers ?? [],
    body: r?.body,
    bodyTruncated: r?.bodyTruncated,
    bodyLength: r?.bodyLength,
  };
}

/** A one-line description of an upstream call for comments and prompts: `GET https://… (no answer: ECONNREFUSED)`. */
export function describeUpstream(u: UpstreamCall): string {
  const what = `${u.method ?? 'GET'} ${u.url ?? '(no URL)'}`;
  if (u.status !== undefined) return `${what} (answered ${u.status}${u.statusText ? ' ' + u.statusText : ''}${u.durationMs !== undefined ? ` in ${u.durationMs}ms` : ''})`;
  if (u.errorCode || u.error) return `${what} (failed: ${u.errorCode ?? u.error})`;
  return `${what} (no answer logged)`;
}

/** Every upstream call of a request as commands, each under a comment naming it (blank line between them). */
export function curlForGroup(g: RequestGroup, opts: CurlOptions & { edge?: boolean; upstream?: number } = {}): string {
  return curlCommands(g, opts).text;
}

/** curlForGroup's text, and how many of its calls gave a command (the rest are comments saying why not). */
export function curlCommands(g: RequestGroup, opts: CurlOptions & { edge?: boolean; upstream?: number } = {}): { text: string; built: number } {
  const out: string[] = opts.probe ? [PROBE_NOTE] : [];
  const id = commentText(g.requestId, 120);
  let built = 0;
  const one = (title: string, r: CurlResult): void => {
    if (r.command !== undefined) built++;
    out.push(`${title}\n${r.text}`);
  };
  if (opts.edge || g.upstreams.length === 0) {
    const why = opts.edge ? '' : ' (it has no upstream calls)';
    one(`# request ${id}: the edge's request to the SSR code${why}`, buildCurl(edgeRequest(g), opts));
    return { text: out.join('\n\n') + '\n', built };
  }
  const n = g.upstreams.length;
  g.upstreams.forEach((u, i) => {
    if (opts.upstream !== undefined && opts.upstream !== i) return;
    const what = opts.showSecrets ? describeUpstream(u) : maskTextSecrets(describeUpstream(u));
    one(`# request ${id}: upstream call ${i + 1} of ${n}: ${commentText(what)}`, buildCurl(upstreamRequest(u), opts));
  });
  return { text: out.join('\n\n') + '\n', built };
}
