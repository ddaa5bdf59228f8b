import { describe, expect, it } from 'vitest';
import type { RequestGroup } from '../../src/model.js';
import { Pipeline } from '../../src/pipeline.js';
import { FilterError, describeFilter, globMatch, isFieldTerm, matchesFilter, parseFilter } from '../../src/filter/filter.js';

// five requests of two sites, written as the platform's console rows
const LINES = [
  '2024-03-11T09:00:00.000Z req-00000001 Request details: GET https://shop.example.com/p/1?x=2',
  '2024-03-11T09:00:00.050Z req-00000001 Upstream Request: GET https://cms.example.org/api/p/1 200 OK in 40ms',
  '2024-03-11T09:00:00.100Z req-00000001 Response details: GET https://shop.example.com/p/1?x=2 200 OK',
  '2024-03-11T09:00:01.000Z req-00000002 Request details: GET https://docs.example.com/robots.txt',
  '2024-03-11T09:00:01.100Z req-00000002 Response details: GET https://docs.example.com/robots.txt 404 Not Found',
  '2024-03-11T09:00:02.000Z req-00000003 Request details: POST https://shop.example.com/api/order',
  '2024-03-11T09:00:02.010Z req-00000003 Upstream Request: POST https://api.example.net/v1/order 503 Service Unavailable in 120ms',
  '2024-03-11T09:00:02.200Z req-00000003 Response details: POST https://shop.example.com/api/order 500 Internal Server Error',
  '2024-03-11T09:00:03.000Z req-00000004 Request details: GET https://shop.example.com/c/jackets',
  '2024-03-11T09:00:03.020Z req-00000004 Upstream Request: GET https://user:pw@CMS.example.org:8443/graphql',
  '2024-03-11T09:00:03.500Z req-00000005 Request details: GET https://docs.example.com/guide',
  '2024-03-11T09:00:03.600Z req-00000005 Response details: GET https://docs.example.com/guide 539 Unknown',
];

function groups() {
  const p = new Pipeline({});
  p.feed(LINES);
  p.end();
  return p.groups();
}

/** The request numbers (req-0000000N -> N) a filter lets through. */
function pick(...expressions: string[]): number[] {
  const f = parseFilter(expressions);
  return groups()
    .filter((g) => matchesFilter(g, f))
    .map((g) => Number(g.requestId.slice(-1)));
}

describe('field filters', () => {
  it('reads the requests as expected (labels, statuses)', () => {
    expect(groups().map((g) => [g.label, g.status ?? null])).toEqual([
      ['ok', 200], ['not-found', 404], ['error', 500], ['allowlist-suspect', null], ['ssr-code-error', 539],
    ]);
  });
  it('host: with a port, as a URL writes it, is the host on that port', () => {
    const p = new Pipeline({});
    p.feed([
      '2024-03-11T09:00:04.000Z req-00000006 Request details: GET http://localhost:3000/p/2',
      '2024-03-11T09:00:04.100Z req-00000006 Response details: GET http://localhost:3000/p/2 200 OK',
      '2024-03-11T09:00:04.200Z req-00000007 Request details: GET https://shop.example.com/p/3',
      '2024-03-11T09:00:04.300Z req-00000007 Response details: GET https://shop.example.com/p/3 200 OK',
    ]);
    p.end();
    const ids = (e: string) => p.groups().filter((g) => matchesFilter(g, parseFilter([e]))).map((g) => Number(g.requestId.slice(-1)));
    expect(ids('host:localhost:3000')).toEqual([6]);
    expect(ids('host:localhost:3001')).toEqual([]);
    expect(ids('host:*:3000')).toEqual([6]);
    expect(ids('host:localhost')).toEqual([6]);
    expect(ids('-host:localhost:3000')).toEqual([7]);
  });
  it('host: reads the Host header (any case, white space trimmed) when the URL is a path', () => {
    const g = (name: string, value: string) => ({ url: '/p/1', request: { headers: [['Accept', '*/*'], [name, value]] } }) as unknown as RequestGroup;
    const f = (e: string) => parseFilter([e]);
    expect(matchesFilter(g('host', ' shop.example.com '), f('host:shop.*'))).toBe(true);
    expect(matchesFilter(g(' HOST', 'shop.example.com'), f('host:shop.*'))).toBe(true);
    expect(matchesFilter(g('Host', 'shop.example.com:8443'), f('host:*:8443'))).toBe(true);
    // without a port, host: is the host whatever the port, as for a URL's
    expect(matchesFilter(g('Host', 'shop.example.com:8443'), f('host:*.com'))).toBe(true);
    expect(matchesFilter(g('Host', '[::1]:8443'), f('host:[::1]'))).toBe(true);
    expect(matchesFilter({ url: 'https://shop.example.com:8443/p/1' } as unknown as RequestGroup, f('host:*.com'))).toBe(true);
    expect(matchesFilter(g('Host', 'docs.example.com'), f('host:shop.*'))).toBe(false);
    expect(matchesFilter(g('X-Host', 'shop.example.com'), f('host:shop.*'))).toBe(false);
  });
  it('status: exact, classes, ranges, lists, none', () => {
    expect(pick('status:539')).toEqual([5]);
    expect(pick('status:5xx')).toEqual([3, 5]);
    expect(pick('status:5XX')).toEqual([3, 5]);
    expect(pick('status:4xx,539')).toEqual([2, 5]);
    expect(pick('status:400-500')).toEqual([2, 3]);
    expect(pick('status:none')).toEqual([4]);
  });
  it('repeats of a field OR, different fields AND, expressions AND', () => {
    expect(pick('status:5xx status:404')).toEqual([2, 3, 5]);
    expect(pick('status:5xx host:shop')).toEqual([3]);
    expect(pick('status:5xx', 'status:404')).toEqual([]);
    expect(pick('host:docs', 'status:5xx')).toEqual([5]);
  });
  it('a leading - leaves out what the term matches', () => {
    expect(pick('-status:404')).toEqual([1, 3, 4, 5]);
    expect(pick('-host:docs')).toEqual([1, 3, 4]);
    expect(pick('-host:docs -status:500')).toEqual([1, 4]);
    expect(pick('host:docs -path:/robots')).toEqual([5]);
    // a request without a status is not left out by -status:5xx
    expect(pick('-status:5xx')).toEqual([1, 2, 4]);
  });
  it('method, host, path, id: case-insensitive substrings, or a whole-value glob with *', () => {
    expect(pick('method:post')).toEqual([3]);
    expect(pick('method:get,post')).toEqual([1, 2, 3, 4, 5]);
    expect(pick('host:SHOP.example.com')).toEqual([1, 3, 4]);
    expect(pick('host:*.example.com')).toEqual([1, 2, 3, 4, 5]);
    expect(pick('host:docs.*')).toEqual([2, 5]);
    expect(pick('host:example')).toEqual([1, 2, 3, 4, 5]);
    expect(pick('host:shop.*.org')).toEqual([]);
    expect(pick('path:/p/')).toEqual([1]);
    expect(pick('path:x=2')).toEqual([1]);
    expect(pick('path:/api/*')).toEqual([3]);
    expect(pick('path:*.txt')).toEqual([2]);
    expect(pick('id:REQ-00000003')).toEqual([3]);
    expect(pick('id:*4')).toEqual([4]);
  });
  it('up: any upstream call by host (no user, no port) or URL', () => {
    expect(pick('up:cms')).toEqual([1, 4]);
    expect(pick('upstream:cms.example.org')).toEqual([1, 4]);
    expect(pick('up:cms.example.org')).toEqual([1, 4]);
    expect(pick('up:*.org')).toEqual([1, 4]);
    expect(pick('up:/graphql')).toEqual([4]);
    expect(pick('up:api.example.net')).toEqual([3]);
    expect(pick('-up:cms')).toEqual([2, 3, 5]);
  });
  it('label: names, a name\'s unique start, failures', () => {
    expect(pick('label:not-found')).toEqual([2]);
    expect(pick('label:failures')).toEqual([2, 3, 4, 5]);
    expect(pick('label:failures -label:not-found')).toEqual([3, 4, 5]);
    expect(pick('label:ssr,ok')).toEqual([1, 5]);
  });
  it('a bad term is a FilterError that says which term and what would do', () => {
    const err = (e: string) => {
      try {
        parseFilter([e]);
      } catch (x) {
        expect(x).toBeInstanceOf(FilterError);
        return (x as Error).message;
      }
      throw new Error(`${e} was taken`);
    };
    expect(err('stauts:539')).toMatch(/unknown field "stauts" in "stauts:539" \(did you mean status:\? fields: status, method, host, path, up, upstatus, label, id\)/);
    expect(err('url:/p/')).toMatch(/unknown field "url" in "url:\/p\/" \(fields: status/);
    expect(err('status:5')).toMatch(/^status:5: a status is three digits \(539\), a class \(5xx\)/);
    expect(err('status:599-500')).toMatch(/^status:599-500: a range runs low to high \(500-599\)/);
    expect(err('status:')).toMatch(/^status: needs a value/);
    expect(err('method:p0st')).toMatch(/method:p0st: a method is a word/);
    expect(err('label:allowlist')).toMatch(/"allowlist" could be allowlist-suspect or allowlist-error/);
    expect(err('label:nope')).toMatch(/unknown label "nope"/);
    expect(err('cms')).toMatch(/"cms" is not a filter term: write field:value/);
    expect(err('   ')).toMatch(/an empty filter/);
  });
  it('tells field terms from words, and describes itself as written', () => {
    expect(isFieldTerm('status:539')).toBe(true);
    expect(isFieldTerm('-Host:docs')).toBe(true);
    expect(isFieldTerm('https://cms')).toBe(false);
    expect(isFieldTerm('09:00')).toBe(false);
    expect(isFieldTerm('robots')).toBe(false);
    // a misspelt field is one, to be told; other words with a colon are words
    expect(isFieldTerm('stauts:539')).toBe(true);
    expect(isFieldTerm('lable:ok')).toBe(true);
    expect(isFieldTerm('pth:/p/')).toBe(true);
    expect(isFieldTerm('error:')).toBe(false);
    expect(isFieldTerm('code:ECONNRESET')).toBe(false);
    expect(isFieldTerm('msg:hello')).toBe(false);
    expect(describeFilter(parseFilter(['status:5xx   -host:docs', 'up:cms']))).toBe('status:5xx -host:docs and up:cms');
  });
  it('a glob is matched whole, in linear time however many stars it has', () => {
    expect(globMatch('*.example.com', 'shop.example.com')).toBe(true);
    expect(globMatch('shop.*', 'shop.example.com')).toBe(true);
    expect(globMatch('s*p*.com', 'shop.example.com')).toBe(true);
    expect(globMatch('*.example', 'shop.example.com')).toBe(false);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('***', '')).toBe(true);
    const started = performance.now();
    expect(globMatch(`${'*a'.repeat(40)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('upstatus: an upstream call\'s status', () => {
  // req 6 called the CMS (200) and the API (502): the CMS did not answer 5xx
  const more = [
    '2024-03-11T09:00:04.000Z req-00000006 Request details: GET https://shop.example.com/p/6',
    '2024-03-11T09:00:04.010Z req-00000006 Upstream Request: GET https://cms.example.org/api/p/6 200 OK in 20ms',
    '2024-03-11T09:00:04.050Z req-00000006 Upstream Request: GET https://api.example.net/v1/p/6 502 Bad Gateway in 30ms',
  ];
  const all = () => {
    const p = new Pipeline({});
    p.feed([...LINES, ...more]);
    p.end();
    return p.groups();
  };
  const pick6 = (e: string) => all().filter((g) => matchesFilter(g, parseFilter([e]))).map((g) => Number(g.requestId.slice(-1)));
  it('matches a request one of whose calls answered so (none: no answer logged), whatever the request answered', () => {
    expect(pick6('upstatus:5xx')).toEqual([3, 6]);
    expect(pick6('upstatus:200')).toEqual([1, 6]);
    expect(pick6('upstatus:none')).toEqual([4]);
    expect(pick6('-upstatus:5xx up:cms')).toEqual([1, 4]);
  });
  it('with up: in one filter, one call must be both: a call to the CMS that answered 5xx', () => {
    expect(pick6('up:cms upstatus:5xx')).toEqual([]);
    expect(pick6('up:api upstatus:5xx')).toEqual([3, 6]);
    expect(pick6('up:cms upstatus:2xx,none')).toEqual([1, 4, 6]);
    expect(pick6('up:cms up:api upstatus:502')).toEqual([6]);
    expect(() => parseFilter(['upstatus:5x'])).toThrow(/upstatus:5x: a status is three digits/);
  });
});
