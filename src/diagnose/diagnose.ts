// The label table of the spec (§3), first matching rule wins, with reasons and next steps.
import type { Diagnosis, RequestGroup, UpstreamCall } from '../model.js';
import { ERROR_CODES, NEXT, codeKind, explainCode } from './advice.js';
import { sanitize, truncate } from '../util/sanitize.js';

// one frozen array per advice, so printers can cache their text by identity
const N_ALLOWLIST: readonly string[] = Object.freeze([NEXT.rerun, NEXT.allowlist]);
/** rule 4 with a backend that also answered >= 400: that backend is worth a look too */
const N_ALLOWLIST_BACKEND: readonly string[] = Object.freeze([NEXT.rerun, NEXT.allowlist, NEXT.backend]);
/** rule 4 where a call failed with a DNS or TLS code: what that code means comes first (spec §3 next steps) */
const N_ALLOWLIST_CODE = {
  dns: [Object.freeze([NEXT.dns, ...N_ALLOWLIST]), Object.freeze([NEXT.dns, ...N_ALLOWLIST_BACKEND])],
  tls: [Object.freeze([NEXT.tls, ...N_ALLOWLIST]), Object.freeze([NEXT.tls, ...N_ALLOWLIST_BACKEND])],
} as const;

function allowlistNext(silent: readonly UpstreamCall[], backendToo: boolean): readonly string[] {
  for (const u of silent) {
    const kind = u.errorCode === undefined ? undefined : codeKind(u.errorCode);
    if (kind !== undefined) return N_ALLOWLIST_CODE[kind][backendToo ? 1 : 0];
  }
  return backendToo ? N_ALLOWLIST_BACKEND : N_ALLOWLIST;
}
const N_BACKEND: readonly string[] = Object.freeze([NEXT.backend]);
const N_SSR: readonly string[] = Object.freeze([NEXT.ssrCode]);
const N_SLOW: readonly string[] = Object.freeze([NEXT.slowBackend, NEXT.ssrCode]);
/** an upstream call this slow used half or more of the platform's 20 s function timeout */
const SLOW_UPSTREAM_MS = 10_000;
const N_SNI: readonly string[] = Object.freeze([NEXT.sni]);
const N_CONNECT: readonly string[] = Object.freeze([NEXT.upstreamConnection]);
const N_TIMEOUT: readonly string[] = Object.freeze([NEXT.timeout]);
const N_NOT_FOUND: readonly string[] = Object.freeze([NEXT.notFound]);
const N_NOT_FOUND_BACKEND: readonly string[] = Object.freeze([NEXT.notFoundBackend, NEXT.notFound]);
const N_ERROR: readonly string[] = Object.freeze([NEXT.error]);
const N_PENDING: readonly string[] = Object.freeze([NEXT.pending]);
const N_NONE: readonly string[] = Object.freeze([]);

/** Only the parts of a group the rules read. */
export type DiagnosisInput = Pick<RequestGroup, 'status' | 'response' | 'upstreams' | 'access' | 'serverLines' | 'appError' | 'appLogOnly'>;

/** a referer is a URL: long ones are cut, it is one line of a reason */
const REFERER_MAX = 200;

/**
 * Where the browser came from for a 404 (the page with the broken link), from the access record (the request's
 * Referer header is in the detail view; report mode does not keep headers).
 */
function notFoundReason(g: DiagnosisInput): string {
  if (g.access === undefined) return 'status 404';
  const ref = g.access.referer === undefined ? '' : truncate(sanitize(g.access.referer).trim(), REFERER_MAX);
  if (ref === '' || ref === '-') return 'status 404, no referer (typed, bookmarked, or a bot probing)';
  return `status 404, referer ${ref} (the page with the broken link)`;
}

function describeCall(u: UpstreamCall): string {
  return `${u.method ?? '?'} ${u.url ?? '(no URL)'}`;
}

function answeredReason(u: UpstreamCall): string {
  return `upstream ${describeCall(u)} answered ${u.status}${u.statusText ? ' ' + u.statusText : ''}${u.durationMs !== undefined ? ` in ${u.durationMs}ms` : ''}`;
}

function noStatusReason(u: UpstreamCall): string {
  if (u.errorCode) return `upstream ${describeCall(u)} failed with ${u.errorCode}: ${explainCode(u.errorCode)}`;
  if (u.error) return `upstream ${describeCall(u)} failed: ${u.error}`;
  return `upstream ${describeCall(u)} has no answer logged (no "<status> in <N>ms")`;
}

/** The upstream calls that failed (a status >= 400, or an error), as reasons: leads for an error status the request got. */
function failedCalls(g: DiagnosisInput): string[] {
  const out: string[] = [];
  for (const u of g.upstreams) {
    if (u.status === undefined ? u.errorCode !== undefined || u.error !== undefined : u.status >= 400) out.push(u.status === undefined ? noStatusReason(u) : answeredReason(u));
  }
  return out;
}

/** A logged error message as a reason: one line, no control characters, a sane length. */
const ERROR_MSG_MAX = 160;

/** The code a logged error names: its own `code`, else a network or TLS code its message names (`connect ECONNREFUSED ...`). */
function errorCodeOf(e: NonNullable<DiagnosisInput['appError']>): string | undefined {
  if (e.code !== undefined) return truncate(sanitize(e.code), 40);
  for (const m of e.msg?.matchAll(/\b[A-Z][A-Z0-9_]{4,}\b/g) ?? []) if (ERROR_CODES[m[0]]) return m[0];
  return undefined;
}

/** `error logged: <message>`, and what its code means when it is a network or TLS code (spec §3: which error code). */
function appErrorReason(e: NonNullable<DiagnosisInput['appError']>): string {
  const msg = e.msg === undefined ? '' : truncate(sanitize(e.msg.slice(0, ERROR_MSG_MAX * 4).replace(/\s+/g, ' ').trim()), ERROR_MSG_MAX);
  const code = errorCodeOf(e);
  const known = code !== undefined && (ERROR_CODES[code] !== undefined || /CERT|TLS|SSL/.test(code));
  const explained = code === undefined ? '' : known ? `${code}: ${explainCode(code)}` : `code ${code}`;
  // where it was thrown: the first frame of the app's own code in the logged stack
  const at = e.at === undefined ? '' : ` at ${truncate(sanitize(e.at), ERROR_MSG_MAX)}`;
  if (msg === '') return `error logged: ${explained}${at}`;
  return explained === '' ? `error logged: ${msg}${at}` : `error logged: ${msg} (${explained})${at}`;
}

/** The reasons with the request's logged error after the first (what was missing, or the status). */
function withAppError(g: DiagnosisInput, reasons: string[]): string[] {
  if (g.appError !== undefined) reasons.splice(1, 0, appErrorReason(g.appError));
  return reasons;
}

/** What the access log says of a request with no response row: it confirms a 539, or says the browser got an answer. */
function accessNote(status: number | undefined): string {
  if (status === undefined) return '';
  if (status === 539) return '; the access log says 539 (the SSR code did not answer in time)';
  if (status < 400) return `; but the access log says ${status}: the browser got an answer, the response row may be missing from these logs`;
  return `; the access log says ${status}`;
}

/**
 * @param pendingAllowed true while the request may still get its response row (live input, inside the grace period)
 */
export function diagnose(g: DiagnosisInput, pendingAllowed: boolean): Diagnosis {
  const status = g.status;
  const hasResponse = g.response !== undefined;
  const is539 = status === 539;

  // 1. SNI error
  if (status === 502 && g.access?.proxyHardError === 'HARD_ERR_502_SSL_CONNECT_ERROR') {
    return {
      label: 'sni-error',
      reasons: ['status 502 with proxy_hard_error HARD_ERR_502_SSL_CONNECT_ERROR: the TLS handshake from the edge to the origin failed'],
      next: N_SNI,
    };
  }
  // 2. 531
  if (status === 531) {
    return {
      label: 'upstream-connection-error',
      reasons: ['status 531: the edge could not connect to the upstream'],
      next: N_CONNECT,
    };
  }
  const noResponse = !hasResponse || is539;
  const why = hasResponse
    ? 'status 539 (the SSR code did not answer in time)'
    : g.appLogOnly
      ? 'no response logged (no "request completed" or status line: the handler never answered)'
      : 'no Response details row (the SSR code did not run to completion)' + accessNote(g.access?.status);
  // 3. pending
  if (!hasResponse && pendingAllowed) {
    return { label: 'pending', reasons: [`${g.appLogOnly ? 'no response logged' : 'no Response details row'} yet; still inside the grace period`], next: N_PENDING };
  }
  if (noResponse) {
    const silent = g.upstreams.filter((u) => u.status === undefined);
    const failed = g.upstreams.filter((u) => (u.status ?? 0) >= 400);
    // 4. an upstream with no status; one that answered >= 400 beside it is named too, not hidden by the first rule
    if (silent.length > 0) {
      return {
        label: 'allowlist-suspect',
        reasons: withAppError(g, [why, ...silent.map(noStatusReason), ...failed.map((u) => `also: ${answeredReason(u)}`)]),
        next: allowlistNext(silent, failed.length > 0),
      };
    }
    // 5. an upstream answered >= 400
    if (failed.length > 0) {
      return {
        label: 'backend-error',
        reasons: withAppError(g, [why, ...failed.map(answeredReason)]),
        next: N_BACKEND,
      };
    }
    // 6. upstreams fine, server lines seen
    if (g.serverLines > 0) {
      const ups = g.upstreams.length === 0 ? 'no upstream call logged' : `all ${g.upstreams.length} upstream call(s) answered < 400`;
      // answered, but late: the time may have run out waiting for the backend rather than in the SSR code itself
      const slow = g.upstreams.filter((u) => (u.durationMs ?? 0) >= SLOW_UPSTREAM_MS);
      if (slow.length > 0) {
        const took = slow.map((u) => `upstream ${describeCall(u)} answered ${u.status} but took ${(u.durationMs! / 1000).toFixed(1)} s of the 20 s function timeout`);
        return { label: 'ssr-code-error', reasons: withAppError(g, [why, ups, ...took]), next: N_SLOW };
      }
      return { label: 'ssr-code-error', reasons: withAppError(g, [why, ups]), next: N_SSR };
    }
  }
  // 7. 539 known only from the access log
  if (is539 && g.serverLines === 0) {
    return {
      label: 'timeout',
      reasons: ['status 539 in the access log and no server-log line for this request'],
      next: N_TIMEOUT,
    };
  }
  // 8. 404
  if (status === 404) {
    // a backend's 404 passed on: the route exists, the thing it asked the backend for does not
    const next = g.upstreams.some((u) => u.status === 404) ? N_NOT_FOUND_BACKEND : N_NOT_FOUND;
    return { label: 'not-found', reasons: [notFoundReason(g), ...failedCalls(g)], next };
  }
  // 9. other errors
  if (status !== undefined && status >= 400) {
    // the upstream calls that failed are the first lead for a 500 the SSR code sent (or let through)
    const head = `status ${status}${g.response?.statusText ? ' ' + g.response.statusText : ''}`;
    return { label: 'error', reasons: withAppError(g, [head, ...failedCalls(g)]), next: N_ERROR };
  }
  // 10. ok
  if (status !== undefined) {
    return { label: 'ok', reasons: [`status ${status}${hasResponse ? '' : ' (from the access log)'}`], next: N_NONE };
  }
  // a response row without a status, or an access record without one: nothing says it failed. The reason says
  // which row was there
  const seen = hasResponse
    ? 'a Response details row without a status'
    : g.access
      ? 'an access record without a status, and no server-log line'
      : 'no status and no server-log line';
  return { label: 'ok', reasons: [`${seen}: nothing says it failed`], next: N_NONE };
}
