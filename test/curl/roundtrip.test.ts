// The generated command, run by real bash and real curl against a loopback server that records what it got:
// method, path, query, headers and body must arrive exactly as logged (within what HTTP can carry).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurl } from '../../src/curl/build.js';
import type { LoggedRequest } from '../../src/curl/request.js';
import { recordingServer, runBash, sentHeaders, tempDir, type Recorded, type TestServer } from './helpers.js';

let srv: TestServer;
const dir = tempDir();
const pwned = path.join(dir, 'pwned');
beforeAll(async () => {
  srv = await recordingServer();
});
afterAll(async () => {
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Builds the command, runs it with bash, returns what the server recorded for it. */
async function roundTrip(req: LoggedRequest, showSecrets = true): Promise<{ rec: Recorded; text: string }> {
  const built = buildCurl(req, { showSecrets });
  expect(built.error).toBeUndefined();
  const before = srv.received.length;
  const r = await runBash(built.text + '\n', { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(srv.received.length).toBe(before + 1);
  expect(fs.existsSync(pwned)).toBe(false);
  return { rec: srv.received[before]!, text: built.text };
}

const EVIL_VALUE = `it's "q" $(touch ${pwned}) \`touch ${pwned}\` $HOME \${x} ! !! \\ % %s é 😀 ~ * ? [a] {b,c} ; | & < >`;

describe('round trip through bash and curl', () => {
  it('reproduces a GET with hostile header values, in order, duplicates kept, nothing added', async () => {
    const headers: Array<[string, string]> = [
      ['User-Agent', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)'],
      ['Accept', '*/*'],
      ['X-Evil', EVIL_VALUE],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['X-Quotes', `'''"""`],
      ['X-Tab', 'a\tb'],
      ['X-Unicode', 'naïve café 日本 👍🏽'],
      ['X-Empty', ''],
      ['X-Backslash', '\\n\\t\\'],
    ];
    const { rec } = await roundTrip({ method: 'GET', url: `${srv.base}/p/1?q=${encodeURIComponent(EVIL_VALUE)}&a=1&a=2`, headers });
    expect(rec.method).toBe('GET');
    expect(rec.url).toBe(`/p/1?q=${encodeURIComponent(EVIL_VALUE)}&a=1&a=2`);
    expect(sentHeaders(rec)).toEqual(headers);
    expect(rec.body.length).toBe(0);
  });

  it('reproduces a POST body byte for byte: quotes, $(), backticks, newlines, CR, tab, ESC, non-ASCII', async () => {
    const body = `{"a":"it's","cmd":"$(touch ${pwned})","bt":"\`id\`"}\nline2\r\nline3\t\u001b[31m!\\%é😀 @/etc/passwd`;
    const headers: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ['Content-Length', '9999'],
      ['Connection', 'close'],
    ];
    const { rec } = await roundTrip({ method: 'POST', url: `${srv.base}/api`, headers, body });
    expect(rec.method).toBe('POST');
    expect(rec.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    // the logged Content-Length and Connection are dropped; curl's own Content-Length is right
    expect(sentHeaders(rec)).toEqual([
      ['Content-Type', 'application/json'],
      ['Content-Length', String(Buffer.byteLength(body))],
    ]);
  });

  it('never reads a local file for a body that starts with @', async () => {
    const { rec } = await roundTrip({ method: 'POST', url: `${srv.base}/at`, headers: [], body: '@/etc/hostname' });
    expect(rec.body.toString()).toBe('@/etc/hostname');
  });

  it('sends other methods, a GET with a body and a HEAD', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND']) {
      const { rec } = await roundTrip({ method, url: `${srv.base}/m`, headers: [['X-M', method]], body: method === 'DELETE' ? undefined : `body of ${method}` });
      expect(rec.method).toBe(method);
      expect(rec.body.toString()).toBe(method === 'DELETE' ? '' : `body of ${method}`);
    }
    const get = await roundTrip({ method: 'GET', url: `${srv.base}/g`, headers: [], body: 'q=1' });
    expect(get.rec.method).toBe('GET');
    expect(get.rec.body.toString()).toBe('q=1');
    const post = await roundTrip({ method: 'POST', url: `${srv.base}/e`, headers: [] });
    expect(post.rec.method).toBe('POST');
    const head = await roundTrip({ method: 'HEAD', url: `${srv.base}/h`, headers: [['Accept', 'text/html']], body: 'ignored' });
    expect(head.rec.method).toBe('HEAD');
  });

  it('carries 100 KB header values and bodies, and bigger bodies through printf', async () => {
    const big = 'x'.repeat(50_000) + "'$(é)'" + 'y'.repeat(50_000);
    const { rec } = await roundTrip({ method: 'POST', url: `${srv.base}/big`, headers: [['X-Big', big], ['Content-Type', 'text/plain']], body: big });
    expect(sentHeaders(rec)[0]).toEqual(['X-Big', big]);
    expect(rec.body.toString('utf8')).toBe(big);
    const huge = 'z'.repeat(300_000) + '\n%s\\0\0end';
    const r2 = await roundTrip({ method: 'PUT', url: `${srv.base}/huge`, headers: [['Content-Type', 'application/octet-stream']], body: huge });
    expect(r2.rec.body.equals(Buffer.from(huge, 'utf8'))).toBe(true);
    expect(r2.text).toContain('@<(printf --');
  });

  it('passes a header longer than one argument may be through printf', async () => {
    const long = "v'".repeat(80_000);
    const { rec, text } = await roundTrip({ method: 'GET', url: `${srv.base}/longheader`, headers: [['X-Long', long], ['Accept', '*/*']] });
    expect(text).toContain('-H @<(printf --');
    expect(sentHeaders(rec)).toEqual([['X-Long', long], ['Accept', '*/*']]);
  });

  it('sends a body holding NUL bytes exactly', async () => {
    const body = 'a\0b\0\0c%d\\x00';
    const { rec } = await roundTrip({ method: 'POST', url: `${srv.base}/nul`, headers: [['Content-Type', 'application/octet-stream']], body });
    expect(rec.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
  });

  it('replaces CR, LF and other control characters in header values with spaces instead of letting curl split them', async () => {
    const { rec, text } = await roundTrip({
      method: 'GET',
      url: `${srv.base}/crlf`,
      headers: [
        ['X-Inject', 'a\r\nX-Injected: yes'],
        ['X-Lf', 'line1\nline2'],
        ['X-Esc', 'red\u001b[31m bell\u0007 del\u007f'],
        ['X-Trail', '  padded\t '],
      ],
    });
    expect(sentHeaders(rec)).toEqual([
      ['X-Inject', 'a  X-Injected: yes'],
      ['X-Lf', 'line1 line2'],
      ['X-Esc', 'red [31m bell  del'],
      ['X-Trail', 'padded'],
    ]);
    expect(rec.headers.some(([n]) => n === 'X-Injected')).toBe(false);
    expect(text).toMatch(/^# header X-Inject: control characters/m);
  });

  it('percent-encodes only what a request line cannot carry, keeps the rest of path and query as logged', async () => {
    const { rec } = await roundTrip({ method: 'GET', url: `${srv.base}/a b/é/../x/./y?q=a b&e=é&raw=%zz&s='"\`$()!{1,2}[0-9]#frag`, headers: [] });
    expect(rec.url).toBe(`/a%20b/%C3%A9/../x/./y?q=a%20b&e=%C3%A9&raw=%zz&s='"\`$()!{1,2}[0-9]`);
  });

  it('sends one request for a URL whose password holds curl glob characters ({a,b}, [1-2]), with that password', async () => {
    const base = srv.base.replace('://', '://ann:p{a,b}[1-2]@');
    const { rec, text } = await roundTrip({ method: 'GET', url: `${base}/glob`, headers: [] });
    expect(text).toContain('--globoff');
    expect(rec.url).toBe('/glob');
    expect(rec.headers.find(([n]) => n === 'Authorization')?.[1]).toBe('Basic ' + Buffer.from('ann:p{a,b}[1-2]').toString('base64'));
  });

  it('keeps a Host header that differs from the URL, drops one that matches', async () => {
    const other = await roundTrip({ method: 'GET', url: `${srv.base}/vh`, headers: [['Host', 'shop.example.com']] });
    expect(other.rec.headers.filter(([n]) => n.toLowerCase() === 'host')).toEqual([['Host', 'shop.example.com']]);
    const same = await roundTrip({ method: 'GET', url: `${srv.base}/vh`, headers: [['host', `127.0.0.1:${srv.port}`]] });
    expect(same.text).not.toContain("-H 'host:");
    expect(same.rec.headers.filter(([n]) => n.toLowerCase() === 'host')).toEqual([['Host', `127.0.0.1:${srv.port}`]]);
  });

  it('keeps the logged Accept-Encoding and adds --compressed', async () => {
    const { rec, text } = await roundTrip({ method: 'GET', url: `${srv.base}/gz`, headers: [['Accept-Encoding', 'gzip,deflate']] });
    expect(text).toContain('--compressed');
    expect(sentHeaders(rec)).toEqual([['Accept-Encoding', 'gzip,deflate']]);
  });

  it('masks secrets unless asked, and the masked command still runs', async () => {
    const headers: Array<[string, string]> = [
      ['Cookie', 'sid=s3cr3t; theme=dark'],
      ['Authorization', 'Bearer eyJhbGciOi.abc.def'],
      ['X-Api-Key', 'k-123'],
      ['X-Shop-Token', 'tok'],
      ['Accept', 'application/json'],
    ];
    const masked = await roundTrip({ method: 'GET', url: `${srv.base}/s`, headers }, false);
    const all = JSON.stringify(masked.rec.headers) + masked.text;
    for (const secret of ['s3cr3t', 'dark', 'eyJhbGciOi', 'k-123', '"tok"']) expect(all).not.toContain(secret);
    expect(masked.text).toContain("-H 'Cookie: sid=<masked>; theme=<masked>'");
    expect(masked.text).toContain("-H 'Authorization: Bearer <masked: 18 chars>'");
    expect(masked.text).toMatch(/^# masked: Cookie, Authorization, X-Api-Key, X-Shop-Token/m);
    expect(sentHeaders(masked.rec).at(-1)).toEqual(['Accept', 'application/json']);
    const shown = await roundTrip({ method: 'GET', url: `${srv.base}/s`, headers }, true);
    expect(sentHeaders(shown.rec)).toEqual(headers);
  });
});
