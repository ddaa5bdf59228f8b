// What the TUI's `c` (copy as curl) and `r` (re-run) do, without any UI code: the TUI gives this factory its
// terminal writer and its pipeline's setDiagnosis and draws the strings it gets back. Shaped like ui/effects.ts.
import type { Diagnosis, RequestGroup, UpstreamCall } from '../model.js';
import { clean } from '../util/sanitize.js';
import { buildCurl, edgeRequest, upstreamRequest } from './build.js';
import { copyToClipboard, type CopyOptions } from './clipboard.js';
import { sendNotes, shownUrl } from './destination.js';
import { prepareRequest } from './request.js';
import { DEFAULT_RERUN_TIMEOUT_MS, describeResult, fmtSeconds, rerunRequest } from './rerun.js';
import { diagnosisAfterRerun, suspectUpstreams, verdictWord, type RerunEntry } from './verdict.js';

export interface CurlEffectsOptions {
  /** current --show-secrets state (a function, so a key can toggle it) */
  showSecrets: boolean | (() => boolean);
  /** stores a re-run verdict: pass `(g, d) => pipeline.setDiagnosis(g, d)` */
  setDiagnosis?: (g: RequestGroup, d: Diagnosis) => void;
  /** called with every command copied, so the screen can show it (comment lines included) */
  onCommand?: (text: string) => void;
  /** OSC 52 writer and clipboard tool choice (see clipboard.ts) */
  clipboard?: CopyOptions;
  timeoutMs?: number;
}

export interface CurlEffects {
  copyCurl(g: RequestGroup, upstream?: UpstreamCall, opts?: { showSecrets?: boolean }): Promise<string>;
  rerunPrompt(g: RequestGroup, upstream?: number): { prompt: string; upstream?: number } | { unavailable: string };
  rerun(g: RequestGroup, upstream?: number): Promise<{ message: string; diagnosis?: Diagnosis; entries: RerunEntry[] }>;
}

const SHED = 'this request was let go from memory (memory short): its headers are gone, nothing to copy or re-run';

/** The upstream `r` acts on by default: the first call the edge got no answer for, else the first. */
function defaultUpstream(g: RequestGroup): number | undefined {
  if (g.upstreams.length === 0) return undefined;
  return suspectUpstreams(g)[0] ?? 0;
}

export function createCurlEffects(o: CurlEffectsOptions): CurlEffects {
  const secrets = () => (typeof o.showSecrets === 'function' ? o.showSecrets() : o.showSecrets);
  const timeoutMs = o.timeoutMs ?? DEFAULT_RERUN_TIMEOUT_MS;
  return {
    async copyCurl(g, upstream, opts) {
      if (g.shed) return SHED;
      const req = upstream ? upstreamRequest(upstream) : edgeRequest(g);
      const built = buildCurl(req, { showSecrets: opts?.showSecrets ?? secrets() });
      const which = upstream ? `upstream call ${g.upstreams.indexOf(upstream) + 1}` : 'edge request';
      o.onCommand?.(built.text);
      if (!built.command) return `cannot copy the ${which}: ${clean(built.error, 200)}`;
      const copied = await copyToClipboard(built.text + '\n', o.clipboard);
      const masked = built.masked.length > 0 ? ` (${built.masked.length} secret(s) masked)` : '';
      return `${which} as curl${masked}: ${copied.message}`;
    },
    rerunPrompt(g, upstream) {
      if (g.shed) return { unavailable: SHED };
      const i = upstream ?? defaultUpstream(g);
      if (i === undefined || !g.upstreams[i]) return { unavailable: 'this request has no upstream calls to re-run' };
      const u = g.upstreams[i]!;
      const p = prepareRequest(upstreamRequest(u));
      if (!p.ok) return { unavailable: `cannot re-run upstream ${i + 1}: ${clean(p.error, 200)}` };
      // the host in full (or its end): the user consents to where the real headers go; a value the log holds
      // redacted ([Redacted], ***) goes as logged: the question does not say "real headers" then
      const { local, redacted } = sendNotes(p.req);
      const said = [local, redacted ?? 'real headers'].filter((n) => n !== undefined).join('; ');
      return { prompt: `re-run ${clean(p.req.method, 20)} ${shownUrl(p.req, local ? 30 : undefined)} from this machine (${said}, ${fmtSeconds(timeoutMs)} timeout)? y/n`, upstream: i };
    },
    async rerun(g, upstream) {
      if (g.shed) return { message: SHED, entries: [] };
      const i = upstream ?? defaultUpstream(g);
      const u = i !== undefined ? g.upstreams[i] : undefined;
      if (i === undefined || !u) return { message: 'nothing to re-run: no upstream calls', entries: [] };
      const entry: RerunEntry = { index: i, what: `${u.method ?? 'GET'} ${u.url ?? '(no URL)'}`, result: (await rerunRequest(upstreamRequest(u), { timeoutMs })).result };
      const entries = [entry];
      const outcome = clean(describeResult(entry.result), 200);
      if (entry.result.outcome === 'invalid') return { message: `upstream ${i + 1} ${outcome}`, entries };
      const d = diagnosisAfterRerun(g, entries);
      if (d) o.setDiagnosis?.(g, d);
      const word = verdictWord(g, entries);
      // answered here and at the edge: what the edge got, which may differ (404 there, 200 here)
      const edge = u.status !== undefined ? `from the edge it answered ${u.status}${u.statusText ? ` ${clean(u.statusText, 40)}` : ''}` : 'as from the edge';
      const verdict = d ? `: now ${d.label}` : word === 'answered' ? ` (${edge}: label stays ${g.label})` : ` (verdict ${word}; label stays ${g.label})`;
      // the request is named (last: on a narrow screen the verdict matters more): the selection may have moved on while the call ran
      return { message: `upstream ${i + 1} ${outcome}${verdict} · request ${clean(g.requestId, 40)}`, diagnosis: d, entries };
    },
  };
}

