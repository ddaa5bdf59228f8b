import { describe, expect, it } from 'vitest';
import { fitSegs, lineText, seg } from '../../src/ui/format/segments.js';
import { listTime, newestFor } from '../../src/ui/format/time.js';
import { pathOf } from '../../src/report/format.js';
import { bucketize, sparkline } from '../../src/ui/state/sparkline.js';
import { isSecretHeader, headerValue, maskRawLine } from '../../src/ui/detail/secrets.js';
import type { Label, RequestGroup } from '../../src/model.js';

describe('fitSegs', () => {
  it('keeps short lines, cuts long ones with an ellipsis and pads on request', () => {
    expect(lineText(fitSegs([seg('ab'), seg('cd')], 10))).toBe('abcd');
    expect(lineText(fitSegs([seg('ab'), seg('cd')], 10, true))).toBe('abcd      ');
    expect(lineText(fitSegs([seg('abc'), seg('defgh')], 5))).toBe('abcd…');
    expect(lineText(fitSegs([seg('abcde')], 5))).toBe('abcde');
    expect(lineText(fitSegs([seg('abcdef')], 1))).toBe('…');
    expect(lineText(fitSegs([seg('abcdef')], 0))).toBe('');
  });
  it('strips escape sequences and control characters from every segment', () => {
    const out = lineText(fitSegs([seg('a\u001b[31mred\u001b[0m\u0007\u001b]0;title\u0007b')], 40));
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).toContain('red');
  });
});

describe('listTime', () => {
  const t0 = Date.UTC(2024, 2, 11, 19, 52, 10, 123);
  it('absolute: the clock time', () => {
    expect(listTime(t0, 'absolute', t0)).toBe('19:52:10.123');
    expect(listTime(3_600_000 + 5, 'absolute', undefined)).toBe('01:00:00.005');
    expect(listTime(undefined, 'absolute', t0)).toBe('');
  });
  it('relative to the newest time, compact (date-fns)', () => {
    expect(listTime(t0, 'relative', t0 + 12_400)).toBe('12s ago');
    expect(listTime(t0, 'relative', t0 + 3 * 60_000 + 10)).toBe('3m00s ago');
    expect(listTime(t0, 'relative', t0 + 78_500)).toBe('1m18s ago');
    expect(listTime(t0, 'relative', t0 + 2 * 3_600_000 + 5 * 60_000)).toBe('2h05m ago');
    expect(listTime(t0, 'relative', t0 + 3 * 86_400_000 + 3_600_000)).toBe('3d ago');
    expect(listTime(t0, 'relative', t0 + 200)).toBe('now');
    // different time domains: falls back to absolute
    expect(listTime(t0, 'relative', 5000)).toBe('19:52:10.123');
  });
});

describe('newestFor', () => {
  const day = Date.UTC(2024, 2, 11);
  it('uses the clock of the time domain, or the later of both when they are one clock', () => {
    const tod = 9 * 3_600_000 + 60_000; // 09:01:00
    const ep = day + 9 * 3_600_000 + 65_000; // 09:01:05 that day
    expect(newestFor(tod - 5000, tod, -Infinity)).toBe(tod);
    expect(newestFor(tod - 5000, tod, ep)).toBe(9 * 3_600_000 + 65_000);
    expect(newestFor(ep - 1000, tod, ep)).toBe(ep);
    expect(newestFor(ep - 1000, tod + 10_000, ep)).toBe(day + tod + 10_000);
    // far apart on the clock face: separate clocks
    expect(newestFor(ep, 3_600_000 * 20, ep)).toBe(ep);
    expect(newestFor(5000, -Infinity, -Infinity)).toBeUndefined();
  });
});

describe('pathOf', () => {
  it('keeps path and query', () => {
    expect(pathOf('https://shop.example.com/p/1?x=2')).toBe('/p/1?x=2');
    expect(pathOf('https://shop.example.com')).toBe('/');
    expect(pathOf('/only/path')).toBe('/only/path');
    expect(pathOf(undefined)).toBe('');
  });
});

describe('sparkline', () => {
  function g(seq: number, t: number, label: Label): RequestGroup {
    return { seq, firstTime: t, label } as RequestGroup;
  }
  it('buckets requests and failures over the stream time', () => {
    const base = Date.UTC(2024, 0, 1);
    const groups = [g(1, base, 'ok'), g(2, base + 1000, 'ok'), g(3, base + 9000, 'backend-error'), g(4, base + 10_000, 'ok')];
    const b = bucketize(groups, 5);
    expect(b.requests).toEqual([2, 0, 0, 0, 2]);
    expect(b.failures).toEqual([0, 0, 0, 0, 1]);
    expect(b.from).toBe(base);
    expect(b.to).toBe(base + 10_000);
  });
  it('draws blocks scaled to the largest value', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
    expect(sparkline([0, 0])).toBe('  ');
  });
  it('handles no times at all', () => {
    expect(bucketize([{ seq: 1, label: 'ok' } as RequestGroup], 3).requests).toEqual([0, 0, 0]);
  });
});

describe('secrets (the shared rule of src/util/secrets.ts)', () => {
  it('knows secret headers', () => {
    for (const h of ['Cookie', 'set-cookie', 'Authorization', 'Proxy-Authorization', 'X-Api-Key', 'x-auth-token', 'X-Client-Secret', 'password']) {
      expect(isSecretHeader(h), h).toBe(true);
    }
    for (const h of ['Accept', 'User-Agent', 'Content-Type', 'Host']) expect(isSecretHeader(h), h).toBe(false);
  });
  it('masks values unless secrets are shown', () => {
    expect(headerValue('Authorization', 'Bearer abcdef', false)).toBe('Bearer <masked: 6 chars>');
    expect(headerValue('Cookie', 'sid=1; theme=dark', false)).toBe('sid=<masked>; theme=<masked>');
    expect(headerValue('Cookie', 'sid=1', true)).toBe('sid=1');
    expect(headerValue('Accept', '*/*', false)).toBe('*/*');
  });
  it('masks secrets inside raw lines: indented headers and JSON pairs', () => {
    expect(maskRawLine('    Cookie: sid=abc', false)).toBe('    Cookie: sid=<masked>');
    expect(maskRawLine('    Accept: */*', false)).toBe('    Accept: */*');
    const json = maskRawLine('{"headers":{"authorization":"Bearer xyz","accept":"*/*","x-api-key":"k\\"1"}}', false);
    expect(json).toBe('{"headers":{"authorization":"Bearer <masked: 3 chars>","accept":"*/*","x-api-key":"<masked: 4 chars>"}}');
    expect(maskRawLine('    Cookie: sid=abc', true)).toBe('    Cookie: sid=abc');
    // a header with several values, every one masked; the same secret twice, masked both times
    expect(maskRawLine('{"res":{"headers":{"set-cookie":["sid=1; Path=/", "theme=dark"]}},"req":{"headers":{"x-api-key":"k1"}},"again":{"x-api-key":"k1"}}', false)).toBe(
      '{"res":{"headers":{"set-cookie":["<masked: 13 chars>", "<masked: 10 chars>"]}},"req":{"headers":{"x-api-key":"<masked: 2 chars>"}},"again":{"x-api-key":"<masked: 2 chars>"}}',
    );
  });

  it("masks secret values in Node's rawHeaders lists (names and values in turn)", () => {
    const line = '{"level":30,"reqId":"req-1","rawHeaders":["Host","shop.example.com","Cookie","sid=s3cr3t","Authorization","Bearer abcdefghij"],"msg":"in"}';
    const out = maskRawLine(line, false);
    expect(out).not.toMatch(/s3cr3t|abcdefghij/);
    expect(JSON.parse(out).rawHeaders).toEqual(['Host', 'shop.example.com', 'Cookie', 'sid=<masked>', 'Authorization', 'Bearer <masked: 10 chars>']);
  });

  it('masks secrets in lines inside a wrapper (kubectl, compose, journald prefixes, CRI and Docker records), where they stand', () => {
    const header = '    authorization: Bearer dWHywpTuyFxscukio';
    const masked = '    authorization: Bearer <masked: 17 chars>';
    expect(maskRawLine(`[pod/shop-1/app] ${header}`, false)).toBe(`[pod/shop-1/app] ${masked}`);
    expect(maskRawLine(`shop-1  | ${header}`, false)).toBe(`shop-1  | ${masked}`);
    expect(maskRawLine(`Dec 02 09:00:00 web-1 node[42]: ${header}`, false)).toBe(`Dec 02 09:00:00 web-1 node[42]: ${masked}`);
    expect(maskRawLine(`2024-03-11T09:00:00.123456789Z stdout F ${header}`, false)).toBe(`2024-03-11T09:00:00.123456789Z stdout F ${masked}`);
    const docker = JSON.stringify({ log: header + '\n', stream: 'stdout', time: '2024-03-11T09:00:00.1Z' });
    expect(maskRawLine(docker, false)).toBe(JSON.stringify({ log: masked + '\n', stream: 'stdout', time: '2024-03-11T09:00:00.1Z' }));
    // the platform's JSON inside a Docker record: its escaped pairs are masked too
    const inner = '{"level":100,"requestId":"r-00000001","data":{"headers":{"Cookie":"sid=s3cr3t","Accept":"*/*"}}}';
    const out = maskRawLine(JSON.stringify({ log: inner + '\n', stream: 'stdout' }), false);
    expect(out).not.toContain('s3cr3t');
    expect(JSON.parse(JSON.parse(out).log)).toMatchObject({ data: { headers: { Cookie: 'sid=<masked>', Accept: '*/*' } } });
  });
});

describe('wrapSegs', () => {
  it('wraps at spaces with a hanging indent, keeping styles', async () => {
    const { wrapSegs } = await import('../../src/ui/format/segments.js');
    const out = wrapSegs([seg('why  ', { bold: true }), seg('the quick brown fox jumps over the lazy dog')], 20, 5);
    expect(out.map((l) => lineText(l))).toEqual(['why  the quick brown', '     fox jumps over', '     the lazy dog']);
    expect(out[0]![0]).toMatchObject({ text: 'why  ', bold: true });
    expect(out.every((l) => lineText(l).length <= 20)).toBe(true);
  });
  it('hard-breaks words longer than the line and caps the number of lines', async () => {
    const { wrapSegs } = await import('../../src/ui/format/segments.js');
    const out = wrapSegs([seg('x'.repeat(50))], 10, 2);
    expect(out.map((l) => lineText(l))).toEqual(['xxxxxxxxxx', '  xxxxxxxx', '  xxxxxxxx', '  xxxxxxxx', '  xxxxxxxx', '  xxxxxxxx']);
    const capped = wrapSegs([seg('y'.repeat(500))], 10, 2, 3);
    expect(capped.length).toBe(3);
    expect(lineText(capped[2]!)).toMatch(/…$/);
    expect(lineText(capped[2]!).length).toBe(10);
    // one ellipsis, in the last column (was two: '  yyyyyy……')
    expect(lineText(capped[2]!)).toBe('  yyyyyyy…');
    const words = wrapSegs([seg('upstream call 1 as curl (3 secret(s) masked): sent to the terminal clipboard via OSC 52 through tmux')], 40, 2, 2);
    expect(lineText(words[1]!).match(/…/g)).toHaveLength(1);
    expect(lineText(words[1]!).length).toBe(40);
  });
  it('moves a kept segment whole to the next line', async () => {
    const { wrapSegs } = await import('../../src/ui/format/segments.js');
    const out = wrapSegs([seg('GET https://example.com/abc'), seg('  ✗ no answer', { keep: true })], 30, 4);
    expect(out.map((l) => lineText(l))).toEqual(['GET https://example.com/abc', '    ✗ no answer']);
  });
  it('leaves short lines alone', async () => {
    const { wrapSegs } = await import('../../src/ui/format/segments.js');
    expect(wrapSegs([seg('ab'), seg('cd')], 10).map((l) => lineText(l))).toEqual(['abcd']);
    expect(wrapSegs([], 10)).toEqual([[]]);
  });
});

describe('display width', () => {
  it('counts wide characters as two columns and never splits one', async () => {
    const { textWidth, splitAtWidth, fitWidth } = await import('../../src/ui/format/segments.js');
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('a🙂')).toBe(3);
    expect(splitAtWidth('日本語', 3)).toEqual(['日', '本語']);
    expect(splitAtWidth('ab日', 3)).toEqual(['ab', '日']);
    expect(fitWidth('日本語です', 6)).toBe('日本… ');
    expect(textWidth(fitWidth('日本語です', 6))).toBe(6);
    expect(fitWidth('ab', 4)).toBe('ab  ');
  });
  it('agrees with string-width on every character it measures without it', async () => {
    const { NARROW, narrowWidth } = await import('../../src/util/narrow.js');
    const stringWidth = (await import('string-width')).default;
    let narrow = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!NARROW.test(ch)) continue;
      narrow++;
      expect([c.toString(16), stringWidth(ch)]).toEqual([c.toString(16), 1]);
    }
    expect(narrow).toBeGreaterThan(1000);
    // as a stand-in for string-width: the same answer, or none when it cannot tell
    for (const s of ['', 'plain', '· a … b ›', '▁▂▃█ 12%', '─'.repeat(80)]) expect(narrowWidth(s)).toBe(stringWidth(s));
    expect(narrowWidth('日本')).toBeUndefined();
    expect(narrowWidth('\u001b[31mred · x\u001b[39m')).toBe(stringWidth('\u001b[31mred · x\u001b[39m'));
    expect(narrowWidth('\u001b[31m日本\u001b[39m')).toBeUndefined();
    expect(narrowWidth('\u001b[31mred', { countAnsiEscapeCodes: true })).toBeUndefined();
    expect(narrowWidth('·', { ambiguousIsNarrow: false })).toBeUndefined();
    expect(narrowWidth(42)).toBeUndefined();
    // what the UI draws most: separators, ellipsis, marks, sparkline blocks
    for (const ch of '·…›—─━▁▂▃▄▅▆▇█■→↑↓●◌✗✓') expect(NARROW.test(ch)).toBe(true);
    for (const ch of ['日', '🙂', '\u00ad', '\u0301', '\u25fd', '\u200b']) expect(NARROW.test(ch)).toBe(false);
  });
  it('evens out emoji that terminals draw wider than string-width measures them (skin tones, lone flag letters)', async () => {
    const { textWidth } = await import('../../src/ui/format/segments.js');
    const { sanitize } = await import('../../src/util/sanitize.js');
    // tmux, xterm and VTE draw 👍🏽 in 4 columns (string-width: 2) and a lone 🇯 in 2 (string-width: 1)
    expect(sanitize('/p/👍🏽👍🏿/x')).toBe('/p/👍👍/x');
    expect(sanitize('a🇯b')).toBe('aJb');
    // flag letters become letters, in pairs too: a pair that is no flag (🇦🇦) is 4 columns in tmux, 2 to string-width
    expect(sanitize('🇯🇵 🇦🇦🇯')).toBe('JP AAJ');
    expect(sanitize('😀 日本 👨‍👩‍👧')).toBe('😀 日本 👨‍👩‍👧');
    // a soft hyphen: 0 columns to string-width, 1 in tmux and xterm (a path full of them wrapped every row)
    expect(sanitize('/p/a\u00ada\u00ad/end')).toBe('/p/aa/end');
    // as Arabic number signs (2 columns in tmux); the emoji joiner stays
    expect(sanitize('\u0600x\u06dd\u070f\u200by')).toBe('xy');
    expect(sanitize('👨\u200d👩')).toBe('👨\u200d👩');
    expect(textWidth(lineText(fitSegs([seg('GET /p/' + 'a\u00ad'.repeat(40))], 20)))).toBe(20);
    // and what is drawn fits the width it was cut to
    const row = lineText(fitSegs([seg('GET /👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽/tail 🇯 ok')], 20));
    expect(row).not.toMatch(/[\u{1F3FB}-\u{1F3FF}]/u);
    expect(textWidth(row)).toBeLessThanOrEqual(20);
  });
  it('shortens long names in the middle, keeping the end (a file name)', async () => {
    const { shortenMiddle, textWidth } = await import('../../src/ui/format/segments.js');
    expect(shortenMiddle('short.log', 20)).toBe('short.log');
    const long = '/very/long/directory/of/the/ci/machine/test/fixtures/ui/triage.log';
    const cut = shortenMiddle(long, 30);
    expect(textWidth(cut)).toBe(30);
    expect(cut).toMatch(/^\/very.*….*ui\/triage\.log$/);
    const wide = shortenMiddle('日本語日本語日本語.log', 9);
    expect(textWidth(wide)).toBeLessThanOrEqual(9);
    expect(wide).toContain('…');
    expect(wide.endsWith('.log')).toBe(true);
    expect(shortenMiddle('abc', 1)).toBe('…');
  });
  it('wraps wide text by columns', async () => {
    const { wrapSegs } = await import('../../src/ui/format/segments.js');
    const out = wrapSegs([seg('日本語日本語日本語')], 8, 2).map((l) => lineText(l));
    expect(out).toEqual(['日本語日', '  本語日', '  本語']);
  });
});

describe('URL secrets on screen (clean)', () => {
  it('masks URL passwords and secret query values in whatever is drawn, unless --show-secrets', async () => {
    const { clean } = await import('../../src/util/sanitize.js');
    const { revealSecrets } = await import('../../src/util/secrets.js');
    expect(clean('/p/1?page=2&api_key=S3CRET&token=T0K')).toBe('/p/1?page=2&api_key=MASKED&token=MASKED');
    expect(clean('upstream GET https://u:pw@api.example.net/x has no answer logged')).toBe('upstream GET https://u:MASKED@api.example.net/x has no answer logged');
    expect(clean('nothing=secret here?author=me&page=3')).toBe('nothing=secret here?author=me&page=3');
    // gaps a fuzzer found: an encoded name, an @ in the password, a token as the user, a fragment, a path parameter
    expect(clean('https://a.example/x?%74oken=S3')).toBe('https://a.example/x?%74oken=MASKED');
    expect(clean('https://user:p@ss@a.example/x')).toBe('https://user:MASKED@a.example/x');
    expect(clean('https://ghp_0123456789abcdefXYZ@github.com/o/r')).toBe('https://MASKED@github.com/o/r');
    expect(clean('https://git@github.com/o/r')).toBe('https://git@github.com/o/r');
    expect(clean('https://a.example/cb#access_token=S3&token_type=bearer')).toBe('https://a.example/cb#access_token=MASKED&token_type=bearer');
    expect(clean('https://a.example/x;jsessionid=S3?page=2')).toBe('https://a.example/x;jsessionid=MASKED?page=2');
    expect(clean('/x?privateKey=S3&AccessKey=S3&sig=S3')).toBe('/x?privateKey=MASKED&AccessKey=MASKED&sig=MASKED');
    // and what is not a secret stays: pagination cursors, kinds, counts, plain words
    const plain =
      '/x?pageToken=abc&nextPageToken=d&page_token=e&token_type=f&sort_key=g&sessions_count=3&keyword=k&author=a&promo_code=p' +
      '&objectKey=o&routingKey=r&nextToken=n&continuation-token=c&syncToken=s';
    expect(clean('/x?code_verifier=S3&sid=S3&sign=S3')).toBe('/x?code_verifier=MASKED&sid=MASKED&sign=MASKED');
    expect(clean(plain)).toBe(plain);
    revealSecrets(true);
    try {
      expect(clean('/p/1?api_key=S3CRET')).toBe('/p/1?api_key=S3CRET');
    } finally {
      revealSecrets(false);
    }
  });
});
