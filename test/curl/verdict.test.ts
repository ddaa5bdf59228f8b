// The guide's rule as a pure function: answered => allowlist-error, failed or silent => bad-request.
import { describe, expect, it } from 'vitest';
import type { RequestGroup, UpstreamCall } from '../../src/model.js';
import { diagnosisAfterRerun, suspectUpstreams, verdictOf, verdictReasons, type RerunEntry } from '../../src/curl/verdict.js';
import type { RerunResult } from '../../src/curl/rerun.js';
import { newGroup } from '../../src/correlate/apply.js';

function group(label: RequestGroup['label'], upstreams: Partial<UpstreamCall>[]): RequestGroup {
  return {
    ...newGroup(1, 'req-00000001'),
    upstreams: upstreams.map((u, i) => ({ id: String(i), headers: [], responseHeaders: [], method: 'GET', url: `https://api.example.net/${i}`, ...u })),
    serverLines: 3,
    totalLines: 3,
    decided: true,
    version: 1,
    label,
    reasons: ['no Response details row (the SSR code did not run to completion)'],
    next: ['old advice'],
  };
}

const answered = (status = 200): RerunResult => ({ outcome: 'answered', status, statusText: 'X', timeMs: 40, size: 10, cut: false });
const failed: RerunResult = { outcome: 'failed', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', timeMs: 1 };
const hung: RerunResult = { outcome: 'timeout', timeMs: 10_000, timeoutMs: 10_000 };
const entry = (index: number, result: RerunResult): RerunEntry => ({ index, what: `GET https://api.example.net/${index}`, result });

describe('verdictOf', () => {
  it('needs every call to answer for allowlist-error', () => {
    expect(verdictOf([entry(0, answered())])).toBe('allowlist-error');
    expect(verdictOf([entry(0, answered(503)), entry(1, answered(403))])).toBe('allowlist-error');
    expect(verdictOf([entry(0, answered()), entry(1, failed)])).toBe('bad-request');
    expect(verdictOf([entry(0, hung)])).toBe('bad-request');
    expect(verdictOf([])).toBeUndefined();
  });
});

describe('diagnosisAfterRerun', () => {
  it('relabels an allowlist-suspect request allowlist-error, keeping why it was suspect', () => {
    const g = group('allowlist-suspect', [{ errorCode: 'ETIMEDOUT' }]);
    const d = diagnosisAfterRerun(g, [entry(0, answered())])!;
    expect(d.label).toBe('allowlist-error');
    expect(d.reasons[0]).toBe(g.reasons[0]);
    expect(d.reasons.join('\n')).toMatch(/upstream 1 .*answered 200 X in 40 ms.*from the edge it failed \(ETIMEDOUT\)/);
    expect(d.next.join(' ')).toMatch(/Allowlist the platform's IP ranges/);
  });

  it('says bad-request for a failure or a hang, naming which', () => {
    const g = group('allowlist-suspect', [{}, {}]);
    const d = diagnosisAfterRerun(g, [entry(0, failed), entry(1, hung)])!;
    expect(d.label).toBe('bad-request');
    const text = d.reasons.join('\n');
    expect(text).toContain('failed: ECONNREFUSED');
    expect(text).toContain('no answer within 10 s');
    expect(d.next.join(' ')).toMatch(/request the SSR code builds is wrong/);
  });

  it('names an error status as worth a look while still counting it as an answer', () => {
    const d = diagnosisAfterRerun(group('allowlist-suspect', [{}]), [entry(0, answered(403))])!;
    expect(d.label).toBe('allowlist-error');
    expect(d.reasons.join('\n')).toMatch(/answered 403 here/);
  });

  it('replaces an earlier verdict instead of piling reasons up', () => {
    const g = group('allowlist-suspect', [{}]);
    const first = diagnosisAfterRerun(g, [entry(0, failed)])!;
    Object.assign(g, first);
    const second = diagnosisAfterRerun(g, [entry(0, answered())])!;
    expect(second.label).toBe('allowlist-error');
    expect(second.reasons.join('\n')).not.toContain('ECONNREFUSED');
    expect(second.reasons[0]).toBe('no Response details row (the SSR code did not run to completion)');
  });

  it('does not blame the origin for a call that answered the edge too (a re-run of a request that was no suspect)', () => {
    const why = verdictReasons(group('ok', [{ status: 200 }]), [entry(0, answered())]).join('\n');
    expect(why).toMatch(/answered from here, as it did from the edge: nothing says the origin blocks the platform/);
    expect(why).not.toMatch(/but not from the edge/);
  });

  it('leaves other labels alone', () => {
    expect(diagnosisAfterRerun(group('backend-error', [{ status: 500 }]), [entry(0, answered())])).toBeUndefined();
    expect(diagnosisAfterRerun(group('ok', [{ status: 200 }]), [entry(0, failed)])).toBeUndefined();
  });
});

describe('suspectUpstreams', () => {
  it('picks the calls the edge got no status for', () => {
    expect(suspectUpstreams(group('allowlist-suspect', [{ status: 200 }, { errorCode: 'ECONNRESET' }, {}]))).toEqual([1, 2]);
    expect(suspectUpstreams(group('backend-error', [{ status: 200 }, { status: 500 }]))).toEqual([0, 1]);
  });
});
