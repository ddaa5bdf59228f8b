// Re-runs a logged request from this machine: node:http/https directly (no shell, no curl binary), http and
// https only, real header values (never the masked ones), one deadline for everything (default 10 s).
// What goes on the wire is what the curl command sends (request.ts): the logged headers, Host, and a
// Content-Length for the body. No redirect is followed: a 3xx is an answer.
import type http from 'node:http';
import { headerOf } from '../model.js';
import { prepareRequest, type LoggedRequest, type PreparedRequest } from './request.js';

export const DEFAULT_RERUN_TIMEOUT_MS = 10_000;

export type RerunResult =
  | {
      outcome: 'answered';
      status: number;
      statusText: string;
      /** ms until the status line and headers arrived */
      timeMs: number;
      /** body bytes received (as sent: before any decompression) */
      size: number;
      /** the body was still coming when the deadline passed: `size` is what arrived until then */
      cut: boolean;
    }
  | { outcome: 'failed'; code: string; message: string; timeMs: number }
  | { outcome: 'timeout'; timeMs: number; timeoutMs: number }
  | { outcome: 'invalid'; message: string };

export interface RerunOptions {
  timeoutMs?: number;
}

/** Header values go out as their UTF-8 bytes (node writes header strings as latin1: one char per byte). */
function wire(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** Flat [name, value, name, value…] as node's raw header array: order and duplicates kept, nothing added. */
export function wireHeaders(req: PreparedRequest): string[] {
  const flat: string[] = [];
  if (!req.names.has('host')) flat.push('Host', req.authority);
  for (const [n, v] of req.headers) flat.push(n, wire(v));
  if (req.userinfo !== undefined && !req.names.has('authorization')) {
    flat.push('Authorization', 'Basic ' + Buffer.from(decodeURIComponentSafe(req.userinfo)).toString('base64'));
  }
  if (req.body !== undefined) flat.push('Content-Length', String(Buffer.byteLength(req.body)));
  else if (!['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(req.method)) flat.push('Content-Length', '0');
  return flat;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The name for TLS (SNI and the certificate check): the logged Host header's when it names another host than
 * the URL (an origin reached by IP or by an internal name), as node - and so the SSR code's own fetch - does;
 * else the URL's host. None for an IP address.
 */
export function serverName(req: PreparedRequest): string | undefined {
  const host = headerOf(req.headers, 'host');
  const name = host !== undefined ? host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1') : req.hostname;
  return /^[\d.]+$/.test(name) || name.includes(':') || name === '' ? undefined : name;
}

/** Sends a prepared request once and says what happened. Never rejects. */
export async function rerunPrepared(req: PreparedRequest, opts: RerunOptions = {}): Promise<RerunResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_RERUN_TIMEOUT_MS;
  // loaded with the first re-run: http, https and the tls and crypto under them cost every TUI start ~20 ms
  const mod = req.scheme === 'https' ? await import('node:https') : await import('node:http');
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<RerunResult>((resolve) => {
    let done = false;
    let answer: Extract<RerunResult, { outcome: 'answered' }> | undefined;
    const finish = (r: RerunResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    let creq: http.ClientRequest;
    try {
      creq = mod.request({
        host: req.hostname,
        port: req.port,
        method: req.method,
        path: req.target,
        headers: wireHeaders(req) as unknown as http.OutgoingHttpHeaders,
        agent: false,
        servername: serverName(req),
      });
    } catch (e) {
      resolve({ outcome: 'invalid', message: (e as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      if (answer) finish({ ...answer, cut: true });
      else finish({ outcome: 'timeout', timeMs: elapsed(), timeoutMs });
      creq.destroy();
    }, timeoutMs);
    creq.on('response', (res) => {
      answer = { outcome: 'answered', status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', timeMs: elapsed(), size: 0, cut: false };
      res.on('data', (chunk: Buffer) => {
        answer!.size += chunk.length;
      });
      res.on('end', () => finish(answer!));
      // the answer came: a connection cut while the body streams does not undo it
      res.on('error', () => finish({ ...answer!, cut: true }));
      res.on('close', () => finish({ ...answer!, cut: !res.complete }));
    });
    creq.on('error', (e: NodeJS.ErrnoException) => {
      if (answer) return finish({ ...answer, cut: true });
      finish({ outcome: 'failed', code: e.code ?? 'ERROR', message: e.message, timeMs: elapsed() });
    });
    if (req.body !== undefined) creq.end(Buffer.from(req.body, 'utf8'));
    else creq.end();
  });
}

/** A re-run of a logged request: what was sent (none when it could not be prepared) and what happened. */
export interface Rerun {
  req?: PreparedRequest;
  result: RerunResult;
}

/** Prepares and sends a logged request; an unusable one (no URL, ftp:, bad host) is `invalid`, not sent. */
export async function rerunRequest(r: LoggedRequest, opts: RerunOptions = {}): Promise<Rerun> {
  const p = prepareRequest(r);
  if (!p.ok) return { result: { outcome: 'invalid', message: p.error } };
  return { req: p.req, result: await rerunPrepared(p.req, opts) };
}

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** `answered 200 OK in 63 ms, 1.2 KiB` / `failed: ECONNREFUSED after 2 ms` / `no answer within 10 s`. */
export function describeResult(r: RerunResult): string {
  switch (r.outcome) {
    case 'answered':
      return `answered ${r.status}${r.statusText ? ' ' + r.statusText : ''} in ${r.timeMs} ms, ${r.cut ? 'at least ' : ''}${size(r.size)}${r.cut ? ' (body still coming at the deadline)' : ''}`;
    case 'failed':
      return `failed: ${r.code}${r.message ? ` (${r.message})` : ''} after ${r.timeMs} ms`;
    case 'timeout':
      return `no answer within ${fmtSeconds(r.timeoutMs)}`;
    case 'invalid':
      return `not sent: ${r.message}`;
  }
}

export function fmtSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
