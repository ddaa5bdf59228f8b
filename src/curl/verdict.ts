// The troubleshooting guide's test, as a rule: copy the upstream request, run it from your own machine.
//   answered (any HTTP status, within the timeout)  => allowlist-error: the origin answers others but not the
//                                                       edge, so it blocks the platform (allowlist its IP ranges)
//   failed (refused, DNS, TLS, reset) or no answer  => bad-request: the request the SSR code builds is wrong
//                                                       (an SSR code error: URL, host, port, protocol, headers)
// Every re-run call must answer for allowlist-error; one failure or silence makes it bad-request.
//
// An answer >= 400 still counts as answered. "If it succeeds quickly" is about reaching the origin: the edge got
// no status at all (that is what allowlist-suspect means), while this machine got one, so the origin is up and
// reachable and treats the two callers differently. The status is named in the reasons, with a hint to look at
// it too (a 401/403 here may be the request's own credentials; a 5xx the backend's health).
// "Quickly" is "within the timeout" (default 10 s, half the platform's 20 s function limit); the time is shown.
import type { Diagnosis, RequestGroup, UpstreamCall } from '../model.js';
import { NEXT } from '../diagnose/advice.js';
import { describeResult, fmtSeconds, type RerunResult } from './rerun.js';

export type Verdict = 'allowlist-error' | 'bad-request';

export interface RerunEntry {
  /** index in the group's upstreams, or -1 for the edge request */
  index: number;
  /** `GET https://…` as logged */
  what: string;
  result: RerunResult;
}

export const NEXT_BAD_REQUEST =
  'The request the SSR code builds is wrong (an SSR code error): check the URL, host, port, protocol and headers it uses for this call (base URL and environment variables in the deployed build), then compare with the working request.';

/** Labels a re-run verdict may replace: the suspect itself, or an earlier verdict. */
export const RERUN_LABELS: ReadonlySet<string> = new Set(['allowlist-suspect', 'allowlist-error', 'bad-request']);

/** The calls the re-run is about: for a suspect request, those the edge got no status for; else every call. */
export function suspectUpstreams(g: RequestGroup): number[] {
  const all = g.upstreams.map((_u, i) => i);
  if (!RERUN_LABELS.has(g.label)) return all;
  const silent = all.filter((i) => g.upstreams[i]!.status === undefined);
  return silent.length > 0 ? silent : all;
}

/** allowlist-error when every entry answered; bad-request otherwise (undefined for no entries). */
export function verdictOf(entries: readonly RerunEntry[]): Verdict | undefined {
  if (entries.length === 0) return undefined;
  return entries.every((e) => e.result.outcome === 'answered') ? 'allowlist-error' : 'bad-request';
}

/**
 * The verdict as words for the user: `answered` instead of allowlist-error when the edge got its answers too
 * (a re-run of a request that was no suspect: nothing to conclude about blocking).
 */
export function verdictWord(g: RequestGroup | undefined, entries: readonly RerunEntry[]): Verdict | 'answered' | undefined {
  const v = verdictOf(entries);
  return v === 'allowlist-error' && edgeAnsweredAll(g, entries) ? 'answered' : v;
}

/** Every re-run call had an answer logged at the edge too. */
function edgeAnsweredAll(g: RequestGroup | undefined, entries: readonly RerunEntry[]): boolean {
  return entries.length > 0 && entries.every((e) => e.index >= 0 && g?.upstreams[e.index]?.status !== undefined);
}

function edgeSide(u: UpstreamCall | undefined): string {
  if (!u) return '';
  if (u.status !== undefined) return `; from the edge it answered ${u.status}`;
  if (u.errorCode || u.error) return `; from the edge it failed (${u.errorCode ?? u.error})`;
  return '; from the edge no answer was logged';
}

/** Why, one line per re-run call, in the words of the guide. */
export function verdictReasons(g: RequestGroup | undefined, entries: readonly RerunEntry[]): string[] {
  const reasons: string[] = [];
  for (const e of entries) {
    const which = e.index < 0 ? 'the edge request' : `upstream ${e.index + 1}`;
    reasons.push(`re-run from this machine: ${which} (${e.what}) ${describeResult(e.result)}${edgeSide(e.index >= 0 ? g?.upstreams[e.index] : undefined)}`);
    const r = e.result;
    if (r.outcome === 'answered' && r.status >= 400) {
      reasons.push(`re-run: it answered ${r.status} here: the origin is reachable from outside the platform; look at that status too (${r.status < 500 ? 'credentials or headers of the request' : "the backend's health"})`);
    }
  }
  const v = verdictOf(entries);
  // a call the edge got an answer for is no sign of blocking (a re-run of a request that was not a suspect)
  const edgeAnswered = entries.some((e) => e.index >= 0 && g?.upstreams[e.index]?.status !== undefined);
  if (v === 'allowlist-error' && edgeAnswered) reasons.push('re-run verdict: answered from here, as it did from the edge: nothing says the origin blocks the platform');
  else if (v === 'allowlist-error') reasons.push('re-run verdict: answered from here but not from the edge, so the origin blocks the platform');
  else if (v === 'bad-request') {
    const bad = entries.filter((e) => e.result.outcome !== 'answered');
    const timeouts = bad.filter((e) => e.result.outcome === 'timeout');
    const t = timeouts[0]?.result;
    reasons.push(
      `re-run verdict: it fails from here too${t && t.outcome === 'timeout' ? ` (or gives no answer within ${fmtSeconds(t.timeoutMs)})` : ''}: the request itself is wrong, not the platform's access`,
    );
  }
  return reasons;
}

/**
 * The group's diagnosis after a re-run (pure: the caller stores it, e.g. pipeline.setDiagnosis). The label
 * changes only for an allowlist-suspect request (or one an earlier re-run relabelled); any other request keeps
 * its label and diagnosis, and undefined says so.
 */
export function diagnosisAfterRerun(g: RequestGroup, entries: readonly RerunEntry[]): Diagnosis | undefined {
  const v = verdictOf(entries);
  if (!v || !RERUN_LABELS.has(g.label)) return undefined;
  const next = v === 'allowlist-error' ? [NEXT.allowlist] : [NEXT_BAD_REQUEST, NEXT.ssrCode];
  // the suspect's own reasons stay (which row is missing, which call got no answer); an earlier verdict's go
  const before = g.reasons.filter((r) => !r.startsWith('re-run'));
  return { label: v, reasons: [...before, ...verdictReasons(g, entries)], next };
}
