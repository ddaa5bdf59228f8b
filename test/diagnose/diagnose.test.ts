import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisInput } from '../../src/diagnose/diagnose.js';
import type { UpstreamCall } from '../../src/model.js';
import { NEXT } from '../../src/diagnose/advice.js';

function up(p: Partial<UpstreamCall>): UpstreamCall {
  return { id: '0', method: 'GET', url: 'https://api.example.net/x', headers: [], responseHeaders: [], ...p };
}
function g(p: Partial<DiagnosisInput>): DiagnosisInput {
  return { status: undefined, response: undefined, upstreams: [], access: undefined, serverLines: 1, ...p };
}
const resp = (status?: number) => ({ status, headers: [] });

describe('label table, one rule at a time', () => {
  it('1: 502 with HARD_ERR_502_SSL_CONNECT_ERROR is sni-error', () => {
    expect(diagnose(g({ status: 502, access: { status: 502, proxyHardError: 'HARD_ERR_502_SSL_CONNECT_ERROR' } }), false).label).toBe('sni-error');
  });
  it('502 without that proxy_hard_error is a plain error', () => {
    expect(diagnose(g({ status: 502, response: resp(502) }), false).label).toBe('error');
    expect(diagnose(g({ status: 502, access: { status: 502, proxyHardError: 'HARD_ERR_502_OTHER' }, serverLines: 0 }), false).label).toBe('error');
  });
  it('2: 531 is upstream-connection-error', () => {
    expect(diagnose(g({ status: 531, access: { status: 531 }, serverLines: 0 }), false).label).toBe('upstream-connection-error');
  });
  it('3: no response, live, inside the grace period is pending', () => {
    expect(diagnose(g({ upstreams: [up({})] }), true).label).toBe('pending');
  });
  it('3: a response row is never pending, even live', () => {
    expect(diagnose(g({ status: 200, response: resp(200) }), true).label).toBe('ok');
  });
  it('4: no response and an upstream with no status is allowlist-suspect', () => {
    const d = diagnose(g({ upstreams: [up({})] }), false);
    expect(d.label).toBe('allowlist-suspect');
    expect(d.reasons.join(' ')).toContain('no answer logged');
    expect(d.next.join(' ')).toMatch(/allowlist/i);
  });
  it('4: a failure with an error code is allowlist-suspect and the code is explained', () => {
    const d = diagnose(g({ upstreams: [up({ errorCode: 'ECONNREFUSED', error: 'connect ECONNREFUSED' })] }), false);
    expect(d.label).toBe('allowlist-suspect');
    expect(d.reasons.join(' ')).toContain('ECONNREFUSED');
    expect(d.reasons.join(' ')).toMatch(/nothing is listening/);
  });
  it('4: a DNS or TLS error code puts what to check for that code before the allowlist; other codes do not', () => {
    const dns = diagnose(g({ upstreams: [up({ errorCode: 'ENOTFOUND', error: 'getaddrinfo ENOTFOUND cms' })] }), false);
    expect(dns.label).toBe('allowlist-suspect');
    expect(dns.next[0]).toBe(NEXT.dns);
    expect(dns.next).toContain(NEXT.allowlist);
    const tls = diagnose(g({ upstreams: [up({ errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }), up({ id: '1', status: 502 })] }), false);
    expect(tls.next).toEqual([NEXT.tls, NEXT.rerun, NEXT.allowlist, NEXT.backend]);
    expect(diagnose(g({ upstreams: [up({ errorCode: 'ETIMEDOUT' })] }), false).next).toEqual([NEXT.rerun, NEXT.allowlist]);
  });
  it('4: status 539 with a silent upstream is allowlist-suspect', () => {
    expect(diagnose(g({ status: 539, response: resp(539), upstreams: [up({})] }), false).label).toBe('allowlist-suspect');
  });
  it('4 before 5: a silent upstream beside a failed one', () => {
    expect(diagnose(g({ upstreams: [up({ id: '0', status: 500 }), up({ id: '1' })] }), false).label).toBe('allowlist-suspect');
  });
  it('4 before 5: the failed upstream beside the silent one is still named, with its status, and the backend is a next step', () => {
    const d = diagnose(g({ upstreams: [up({ id: '0', url: 'https://cms.example.net/a', status: 500, statusText: 'Internal Server Error' }), up({ id: '1' })] }), false);
    expect(d.label).toBe('allowlist-suspect');
    expect(d.reasons.join('\n')).toContain('upstream GET https://cms.example.net/a answered 500 Internal Server Error');
    expect(d.next).toContain(NEXT.backend);
    // a silent upstream alone does not send the developer to a backend that answered fine
    expect(diagnose(g({ upstreams: [up({ id: '0', status: 200 }), up({ id: '1' })] }), false).next).not.toContain(NEXT.backend);
  });
  it('5: no response and an upstream answered >= 400 is backend-error', () => {
    const d = diagnose(g({ upstreams: [up({ status: 200 }), up({ id: '1', status: 404, statusText: 'Not Found' })] }), false);
    expect(d.label).toBe('backend-error');
    expect(d.reasons.join(' ')).toContain('404');
  });
  it('5: status 400 exactly counts as an error', () => {
    expect(diagnose(g({ upstreams: [up({ status: 400 })] }), false).label).toBe('backend-error');
    expect(diagnose(g({ upstreams: [up({ status: 399 })] }), false).label).toBe('ssr-code-error');
  });
  it('6: no response, upstreams fine, server lines: ssr-code-error', () => {
    const d = diagnose(g({ upstreams: [up({ status: 200 })] }), false);
    expect(d.label).toBe('ssr-code-error');
    expect(d.next.join(' ')).toContain('await');
  });
  it('6: an upstream that answered but used most of the function timeout is named, and its latency is the first thing to check', () => {
    const d = diagnose(g({ status: 539, response: resp(539), upstreams: [up({ status: 200, durationMs: 200 }), up({ status: 200, durationMs: 19_400, url: 'https://api.example.net/slow' })] }), false);
    expect(d.label).toBe('ssr-code-error');
    expect(d.reasons).toContain('upstream GET https://api.example.net/slow answered 200 but took 19.4 s of the 20 s function timeout');
    expect(d.reasons.join(' ')).not.toContain('https://api.example.net/x answered');
    expect(d.next[0]).toMatch(/latency/);
    // a quick one is no such hint
    expect(diagnose(g({ upstreams: [up({ status: 200, durationMs: 900 })] }), false).next.join(' ')).not.toMatch(/latency/);
  });
  it('6: no response and no upstream at all is ssr-code-error', () => {
    const d = diagnose(g({ serverLines: 2 }), false);
    expect(d.label).toBe('ssr-code-error');
    // it says what it knows: no call was logged (an app may log its calls in a shape ssrtail does not read)
    expect(d.reasons).toContain('no upstream call logged');
  });
  it('6: a 539 response row with fine upstreams is ssr-code-error', () => {
    expect(diagnose(g({ status: 539, response: resp(539), upstreams: [up({ status: 304 })] }), false).label).toBe('ssr-code-error');
  });
  it('7: 539 only from the access log is timeout', () => {
    expect(diagnose(g({ status: 539, access: { status: 539 }, serverLines: 0 }), false).label).toBe('timeout');
  });
  it('7 after 4-6: access 539 with server lines is diagnosed from them', () => {
    expect(diagnose(g({ status: 539, access: { status: 539 }, serverLines: 2, upstreams: [up({})] }), false).label).toBe('allowlist-suspect');
  });
  it('the table is read literally: no response row with server lines is rule 6 even if the access log has a status', () => {
    expect(diagnose(g({ status: 500, access: { status: 500 }, serverLines: 3 }), false).label).toBe('ssr-code-error');
  });
  it("4-6 with no response row say what the access log's status was: a 539 confirmed, or an answer the response row is missing for", () => {
    const timedOut = diagnose(g({ status: 539, access: { status: 539 }, upstreams: [up({ status: 200 })] }), false);
    expect(timedOut.label).toBe('ssr-code-error');
    expect(timedOut.reasons[0]).toBe('no Response details row (the SSR code did not run to completion); the access log says 539 (the SSR code did not answer in time)');
    const answered = diagnose(g({ status: 200, access: { status: 200 } }), false);
    expect(answered.label).toBe('ssr-code-error');
    expect(answered.reasons[0]).toMatch(/but the access log says 200: the browser got an answer, the response row may be missing/);
    expect(diagnose(g({}), false).reasons[0]).toBe('no Response details row (the SSR code did not run to completion)');
  });
  it('8: a 404 names its referer (the page with the broken link), or says there was none', () => {
    const fromAccess = diagnose(g({ status: 404, access: { status: 404, referer: 'https://shop.example.com/c/shoes' }, serverLines: 0 }), false);
    expect(fromAccess.reasons[0]).toContain('referer https://shop.example.com/c/shoes');
    const hostile = diagnose(g({ status: 404, access: { status: 404, referer: 'https://a.example/x\u001b[2J' }, serverLines: 0 }), false);
    expect(hostile.reasons[0]).toContain('referer https://a.example/x');
    expect(hostile.reasons[0]).not.toContain('\u001b');
    expect(diagnose(g({ status: 404, response: resp(404) }), false).reasons).toEqual(['status 404']);
    const none = diagnose(g({ status: 404, access: { status: 404, referer: '' }, serverLines: 0 }), false);
    expect(none.reasons[0]).toContain('no referer');
  });
  it("8: a backend's 404 passed on is named (the route exists; what it asked the backend for does not)", () => {
    const d = diagnose(g({ status: 404, response: resp(404), upstreams: [up({ url: 'https://api.example.net/v1/products/9', status: 404, statusText: 'Not Found' })] }), false);
    expect(d.label).toBe('not-found');
    expect(d.reasons).toEqual(['status 404', 'upstream GET https://api.example.net/v1/products/9 answered 404 Not Found']);
    expect(d.next[0]).toBe(NEXT.notFoundBackend);
    expect(diagnose(g({ status: 404, response: resp(404) }), false).next).toEqual([NEXT.notFound]);
  });
  it('8: 404 is not-found', () => {
    expect(diagnose(g({ status: 404, response: resp(404) }), false).label).toBe('not-found');
    expect(diagnose(g({ status: 404, access: { status: 404 }, serverLines: 0 }), false).label).toBe('not-found');
  });
  it('9: another status >= 400 is error', () => {
    expect(diagnose(g({ status: 500, response: resp(500) }), false).label).toBe('error');
    expect(diagnose(g({ status: 403, response: resp(403) }), false).label).toBe('error');
  });
  it('9: names the upstream calls that failed (status or error code), not those that answered fine or silently', () => {
    const d = diagnose(
      g({
        status: 500,
        response: resp(500),
        upstreams: [
          up({ id: '0', url: 'https://cms.example.net/ok', status: 200 }),
          up({ id: '1', url: 'https://cms.example.net/tls', errorCode: 'CERT_HAS_EXPIRED', error: 'certificate has expired' }),
          up({ id: '2', url: 'https://api.example.net/v1', status: 503, statusText: 'Service Unavailable' }),
        ],
      }),
      false,
    );
    expect(d.label).toBe('error');
    expect(d.reasons[0]).toBe('status 500');
    expect(d.reasons.slice(1)).toEqual([
      "upstream GET https://cms.example.net/tls failed with CERT_HAS_EXPIRED: TLS: the origin's certificate has expired",
      'upstream GET https://api.example.net/v1 answered 503 Service Unavailable',
    ]);
  });
  it('10: a response row < 400 is ok, whatever the upstreams did', () => {
    expect(diagnose(g({ status: 200, response: resp(200), upstreams: [up({ status: 500 })] }), false).label).toBe('ok');
    expect(diagnose(g({ status: 301, response: resp(301), upstreams: [up({})] }), false).label).toBe('ok');
  });
  it('no status anywhere: ok (nothing says it failed), with a reason that names the row that was there', () => {
    const response = diagnose(g({ response: resp() }), false);
    expect([response.label, response.reasons]).toEqual(['ok', ['a Response details row without a status: nothing says it failed']]);
    const access = diagnose(g({ access: { method: 'GET', url: '/p/7' }, serverLines: 0 }), false);
    expect([access.label, access.reasons]).toEqual(['ok', ['an access record without a status, and no server-log line: nothing says it failed']]);
  });
    it('1 before 2..10 and 2 before 4..6', () => {
    expect(diagnose(g({ status: 531, upstreams: [up({})] }), false).label).toBe('upstream-connection-error');
    expect(
      diagnose(g({ status: 502, response: resp(502), access: { status: 502, proxyHardError: 'HARD_ERR_502_SSL_CONNECT_ERROR' }, upstreams: [up({})] }), false).label,
    ).toBe('sni-error');
  });
  it('every label has reasons, and every failure a next step', () => {
    const cases: DiagnosisInput[] = [
      g({ status: 531 }),
      g({ upstreams: [up({})] }),
      g({ upstreams: [up({ status: 500 })] }),
      g({}),
      g({ status: 539, access: { status: 539 }, serverLines: 0 }),
      g({ status: 404, response: resp(404) }),
      g({ status: 500, response: resp(500) }),
    ];
    for (const c of cases) {
      const d = diagnose(c, false);
      expect(d.reasons.length, d.label).toBeGreaterThan(0);
      expect(d.next.length, d.label).toBeGreaterThan(0);
    }
  });
});

describe('the error an app logged for the request (pino `err`, level error)', () => {
  it('rule 9 names it after the status, with the error code explained', () => {
    const d = diagnose(g({ status: 500, response: resp(500), appError: { msg: 'connect failed', code: 'ECONNREFUSED' } }), false);
    expect(d.reasons).toEqual(['status 500', 'error logged: connect failed (ECONNREFUSED: connection refused: nothing is listening on that host and port, or a firewall rejects it)']);
  });
  it('rule 6 names it too: the exception the SSR code threw before it answered', () => {
    const d = diagnose(g({ appError: { msg: 'Cannot read properties of undefined (reading \'id\')' } }), false);
    expect(d.label).toBe('ssr-code-error');
    expect(d.reasons[1]).toBe("error logged: Cannot read properties of undefined (reading 'id')");
  });
  it('an app code that is no network or TLS code is shown, not explained as one', () => {
    const d = diagnose(g({ status: 500, response: resp(500), appError: { msg: 'Unique constraint failed', code: 'P2002' } }), false);
    expect(d.reasons[1]).toBe('error logged: Unique constraint failed (code P2002)');
  });
  it('one line, no control characters, a sane length', () => {
    const msg = 'bad \u001b[31mthing\u001b[0m\nat line 2 ' + 'x'.repeat(400);
    const r = diagnose(g({ status: 500, response: resp(500), appError: { msg } }), false).reasons[1]!;
    expect(r.startsWith('error logged: bad thing at line 2 xxx')).toBe(true);
    expect(r.length).toBeLessThan(200);
    expect(r).not.toMatch(/[\u0000-\u001f]/);
  });
  it('a 200 with an error logged is still ok, and says nothing more', () => {
    const d = diagnose(g({ status: 200, response: resp(200), appError: { msg: 'cache miss failed' } }), false);
    expect(d).toMatchObject({ label: 'ok', reasons: ['status 200'] });
  });
});
