// The builder's decisions, read from the command text (the round trips prove the text does what it says).
import { describe, expect, it } from 'vitest';
import { buildCurl, curlForGroup } from '../../src/curl/build.js';
import { prepareRequest } from '../../src/curl/request.js';
import type { RequestGroup } from '../../src/model.js';

const lines = (t: string) => t.split('\n');

describe('buildCurl', () => {
  it('writes a browser-like command: URL first, headers, data, --compressed', () => {
    const r = buildCurl({
      method: 'POST',
      url: 'https://api.example.net/v1/cart?x=1',
      headers: [
        ['Accept', 'application/json'],
        ['Accept-Encoding', 'gzip, br'],
        ['User-Agent', 'node'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"a":1}',
    });
    expect(r.text).toBe(
      [
        "curl 'https://api.example.net/v1/cart?x=1' \\",
        "  -H 'Accept: application/json' \\",
        "  -H 'Accept-Encoding: gzip, br' \\",
        "  -H 'User-Agent: node' \\",
        "  -H 'Content-Type: application/json' \\",
        `  --data-raw '{"a":1}' \\`,
        '  --compressed',
      ].join('\n'),
    );
  });

  it('drops hop-by-hop and curl-managed headers and HTTP/2 pseudo-headers', () => {
    const r = buildCurl({
      method: 'GET',
      url: 'https://shop.example.com/',
      headers: [
        [':authority', 'shop.example.com'],
        [':path', '/'],
        ['Host', 'SHOP.example.com:443'],
        ['Connection', 'keep-alive'],
        ['Keep-Alive', 'timeout=5'],
        ['Transfer-Encoding', 'chunked'],
        ['Content-Length', '0'],
        ['TE', 'trailers'],
        ['Upgrade', 'h2c'],
        ['Accept', '*/*'],
        ['User-Agent', 'x'],
      ],
    });
    expect(r.command).toBe("curl 'https://shop.example.com/' \\\n  -H 'Accept: */*' \\\n  -H 'User-Agent: x'");
  });

  it('keeps one Host header: a differing one is sent, a second one dropped with a note', () => {
    const r = buildCurl({ method: 'GET', url: 'http://10.0.0.5/', headers: [['Host', 'shop.example.com'], ['Host', 'other.example'], ['Accept', '*/*'], ['User-Agent', 'x']] });
    expect(r.command).toBe("curl 'http://10.0.0.5/' \\\n  -H 'Host: shop.example.com' \\\n  -H 'Accept: */*' \\\n  -H 'User-Agent: x'");
    expect(r.text).toMatch(/^# a second Host header dropped/m);
  });

  it("removes curl's own User-Agent, Accept and form Content-Type when the log has none", () => {
    const r = buildCurl({ method: 'PUT', url: 'http://a.example/', headers: [], body: 'x' });
    expect(r.command).toContain('-X PUT');
    expect(r.command).toContain("-H 'User-Agent:'");
    expect(r.command).toContain("-H 'Accept:'");
    expect(r.command).toContain("-H 'Content-Type:'");
  });

  it('puts warnings in comment lines above the command', () => {
    const r = buildCurl({ method: 'POST', url: 'http://a.example/', headers: [['X A', '1'], ['X-B', 'a\nb']], body: 'abc', bodyTruncated: true, bodyLength: 20000 });
    const ls = lines(r.text);
    const first = ls.findIndex((l) => l.startsWith('curl '));
    expect(ls.slice(0, first).every((l) => l.startsWith('# '))).toBe(true);
    expect(ls.slice(0, first).join('\n')).toMatch(/# body truncated in the log \(3 of 20000 bytes\)/);
    expect(ls.slice(0, first).join('\n')).toMatch(/dropped: not a valid HTTP header name/);
    expect(r.command).not.toContain('#');
  });

  it('does not send a body the log only describes as binary', () => {
    const r = buildCurl({ method: 'POST', url: 'http://a.example/', headers: [], body: '<512 bytes of binary data>' });
    expect(r.command).not.toContain('--data');
    expect(r.text).toMatch(/^# body not sent/m);
  });

  it('refuses what it cannot build, with a comment only', () => {
    for (const [url, why] of [
      ['file:///etc/passwd', /http and https only/],
      ['javascript:alert(1)', /no host|not a host|http and https/],
      ['', /no URL/],
      ['http://exa mple.com/', /not a host name/],
      ['http://example.com:99999/', /not a port/],
    ] as const) {
      const r = buildCurl({ method: 'GET', url, headers: [] });
      expect(r.command, url).toBeUndefined();
      expect(r.text).toMatch(/^# cannot build a curl command: /);
      expect(r.text).toMatch(why);
      expect(r.text.split('\n')).toHaveLength(1);
    }
    expect(buildCurl({ method: 'GE T', url: 'http://a.example/', headers: [] }).error).toMatch(/not an HTTP method/);
  });

  it('completes host-less URLs from the Host header or assumes https', () => {
    expect(prepareRequest({ method: 'GET', url: '/v1/x', headers: [['Host', 'api.example.net:8443']] })).toMatchObject({ ok: true, req: { url: 'https://api.example.net:8443/v1/x' } });
    expect(prepareRequest({ method: 'GET', url: 'api.example.net/v1', headers: [] })).toMatchObject({ ok: true, req: { url: 'https://api.example.net/v1' } });
    expect(prepareRequest({ method: 'GET', url: '/v1/x', headers: [] })).toMatchObject({ ok: false });
    expect(prepareRequest({ method: 'GET', url: '/v1/x', headers: [[' host', ' api.example.net ']] })).toMatchObject({ ok: true, req: { url: 'https://api.example.net/v1/x' } });
  });

  it('handles IPv6 and international host names', () => {
    expect(prepareRequest({ method: 'GET', url: 'http://[::1]:8080/x', headers: [] })).toMatchObject({ ok: true, req: { hostname: '::1', port: 8080, authority: '[::1]:8080' } });
    expect(prepareRequest({ method: 'GET', url: 'https://bücher.example/x', headers: [] })).toMatchObject({ ok: true, req: { hostname: 'xn--bcher-kva.example' } });
  });

  it('masks a password in the URL and tokens in its query unless asked, with a URL-safe word', () => {
    const masked = buildCurl({ method: 'GET', url: 'https://user:hunter2@api.example.net/', headers: [] });
    expect(masked.text).not.toContain('hunter2');
    expect(masked.command).toContain("curl 'https://user:MASKED@api.example.net/'");
    expect(masked.masked).toContain('URL credentials');
    const q = buildCurl({ method: 'GET', url: 'https://api.example.net/v1?page=2&apiKey=k123&sig=abc&author=me', headers: [] });
    expect(q.command).toContain("'https://api.example.net/v1?page=2&apiKey=MASKED&sig=MASKED&author=me'");
    // and in header values that are URLs, as the views show them
    const h = buildCurl({ method: 'GET', url: 'https://api.example.net/', headers: [['Referer', 'https://shop.example.com/cb?code=S3CR3T&page=1'], ['X-Callback', 'https://u:S3CR3T2@cb.example/']] });
    expect(h.command).not.toMatch(/S3CR3T/);
    expect(h.command).toContain("-H 'Referer: https://shop.example.com/cb?code=MASKED&page=1'");
    expect(h.masked).toEqual(expect.arrayContaining(['Referer', 'X-Callback']));
    expect(buildCurl({ method: 'GET', url: 'https://user:hunter2@api.example.net/', headers: [] }, { showSecrets: true }).text).toContain('user:hunter2@');
  });

  it('adds --path-as-is and --globoff only when the URL needs them', () => {
    expect(buildCurl({ method: 'GET', url: 'http://a.example/a/../b', headers: [] }).command).toContain('--path-as-is');
    expect(buildCurl({ method: 'GET', url: 'http://a.example/a?x=[1]', headers: [] }).command).toContain('--globoff');
    const plain = buildCurl({ method: 'GET', url: 'http://a.example/a.b/c..d?x=../y', headers: [] }).command!;
    expect(plain).not.toContain('--path-as-is');
    expect(plain).not.toContain('--globoff');
  });
});

describe('curlForGroup', () => {
  const g = {
    requestId: 'abc123de\n; touch /tmp/x',
    label: 'allowlist-suspect',
    method: 'GET',
    url: 'https://shop.example.com/p',
    request: { method: 'GET', url: 'https://shop.example.com/p', headers: [['Cookie', 'a=b']] },
    upstreams: [
      { id: '0', method: 'GET', url: 'https://api.example.net/a', headers: [], responseHeaders: [], status: 200, durationMs: 5 },
      { id: '1', method: 'POST', url: 'https://api.example.net/b', headers: [], responseHeaders: [], errorCode: 'ECONNREFUSED', body: 'x' },
    ],
  } as unknown as RequestGroup;

  it('prints every upstream call under a comment naming it, and a hostile ID cannot break out of the comment', () => {
    const text = curlForGroup(g);
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^# request abc123de\?; touch \/tmp\/x: upstream call 1 of 2: GET https:\/\/api.example.net\/a \(answered 200 in 5ms\)\ncurl /);
    expect(blocks[1]).toMatch(/upstream call 2 of 2: POST https:\/\/api.example.net\/b \(failed: ECONNREFUSED\)/);
    expect(text.split('\n').filter((l) => l.startsWith('; touch'))).toEqual([]);
  });

  it('prints one call, or the edge request, on request', () => {
    expect(curlForGroup(g, { upstream: 1 }).match(/^curl /gm)).toHaveLength(1);
    const edge = curlForGroup(g, { edge: true });
    expect(edge).toMatch(/the edge's request to the SSR code/);
    expect(edge).toContain("curl 'https://shop.example.com/p'");
    expect(edge).toContain('Cookie: a=<masked>');
  });
});
