import { describe, expect, it } from 'vitest';
import { buildDetail } from '../../src/ui/detail/tree.js';
import { lineText } from '../../src/ui/format/segments.js';
import { rowSegs, headerSegs } from '../../src/ui/format/row.js';
import { fitId, formatDuration } from '../../src/report/format.js';
import { Pipeline } from '../../src/pipeline.js';
import { revealSecrets } from '../../src/util/secrets.js';
import { triagePipeline, IDS } from './helpers/fixture.js';

const p = triagePipeline();
/** The detail's text; --show-secrets sets both the option and the global every drawn string is cleaned by, as the CLI does. */
function text(id: string, unfolded: string[] = [], showSecrets = false): string[] {
  revealSecrets(showSecrets);
  try {
    return buildDetail(p.get(id)!, { unfolded: new Set(unfolded), showSecrets }).map((l) => lineText(l.segs));
  } finally {
    revealSecrets(false);
  }
}

describe('buildDetail', () => {
  it("an app's own request that never answered shows its response as not logged, in the app's words", () => {
    const pp = new Pipeline();
    pp.feed(['{"level":30,"time":1796189436407,"pid":7,"hostname":"vm","requestId":"req-9","method":"GET","url":"/never","msg":"request start"}']);
    pp.end();
    const lines = buildDetail(pp.get('req-9')!, { unfolded: new Set(), showSecrets: false }).map((l) => lineText(l.segs));
    expect(lines).toContain('  ✗ Response: missing — none logged: the handler never answered');
  });
  it("names the process a per-process ID's lines came from (two processes' req-1 are two requests)", () => {
    const pp = new Pipeline();
    pp.feed([
      '{"level":30,"time":1796185533913,"pid":8109,"hostname":"vm","reqId":"req-1","req":{"method":"GET","url":"/ok","host":"127.0.0.1:4005"},"msg":"incoming request"}',
      '{"level":30,"time":1796185533920,"pid":8109,"hostname":"vm","reqId":"req-1","res":{"statusCode":200},"responseTime":7,"msg":"request completed"}',
    ]);
    pp.end();
    expect(buildDetail(pp.get('req-1')!, { unfolded: new Set(), showSecrets: false }).map((l) => lineText(l.segs))[0]).toMatch(/^\[OK\] ok · 200 · 7ms · process vm\/8109 — /);
  });
  it('shows the 539 request: label, reasons, next step, tree with the missing response and the silent upstream', () => {
    const t = text(IDS.s539);
    expect(t[0]).toMatch(/^\[ALLOW\?\] allowlist-suspect · 539 · \S+ — an upstream call got no answer/);
    expect(t.some((l) => /why .*no Response details row/.test(l))).toBe(true);
    expect(t.some((l) => /why .*origin\.example\.org\/api\/products\/42 has no answer logged/.test(l))).toBe(true);
    expect(t.some((l) => /next .*Allowlist the platform's IP ranges/.test(l))).toBe(true);
    const tree = t.join('\n');
    expect(tree).toMatch(/19:52:11\.000 +GET https:\/\/shop\.example\.com\/p\/42 +22222222-aaaa-4bbb-8ccc-000000000539/);
    expect(tree).toMatch(/Request details: GET https:\/\/shop\.example\.com\/p\/42/);
    expect(tree).toMatch(/Upstream Request: GET https:\/\/origin\.example\.org\/api\/products\/42 +✗ no answer logged/);
    expect(tree).toMatch(/✗ Response details: missing — the SSR code did not run to completion/);
    expect(tree).toMatch(/Access log: 539 GET https:\/\/shop\.example\.com\/p\/42/);
    expect(tree).toMatch(/Application log \(1\)\n.*INFO +fetching product 42/);
    // the tree keeps the console's order
    const treePart = tree.slice(tree.indexOf('19:52:11.000'));
    const order = ['Request details:', 'Upstream Request:', 'Response details:', 'Access log:', 'next ', 'Application log'].map((s) => treePart.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows an answered upstream as "<status> in <N>ms" and the response status', () => {
    const tree = text(IDS.ok).join('\n');
    expect(tree).toMatch(/Upstream Request: GET https:\/\/api\.example\.net\/v1\/home +200 OK in 40ms/);
    expect(tree).toMatch(/Response details: GET https:\/\/shop\.example\.com\/ +200 OK/);
    expect(text(IDS.backend).join('\n')).toMatch(/503 Service Unavailable in 120ms/);
    expect(text(IDS.json).join('\n')).toMatch(/Upstream Request: GET http:\/\/10\.0\.0\.9:8080\/inventory +✗ ECONNREFUSED connect ECONNREFUSED/);
  });

  it('folds headers by default and masks secrets when unfolded', () => {
    const folded = text(IDS.ok).join('\n');
    expect(folded).toMatch(/▸ 3 request headers/);
    expect(folded).not.toContain('SECRET');
    const lines = buildDetail(p.get(IDS.ok)!, { unfolded: new Set(), showSecrets: false });
    // each row folds its own headers (Enter on the row or on the "▸ n headers" line)
    expect(lines.filter((l) => l.fold).map((l) => l.fold)).toEqual(['request', 'request', 'up:0', 'up:0', 'response', 'response', 'raw']);
    const open = text(IDS.ok, ['request', 'up:0', 'response']).join('\n');
    expect(open).toMatch(/▾ 3 request headers\n +User-Agent: Mozilla\/5\.0\n +Cookie: session=<masked>/);
    expect(open).toMatch(/Authorization: Bearer <masked: 14 chars>/);
    expect(open).toMatch(/Set-Cookie: <masked: 16 chars>/);
    expect(open).not.toContain('SECRET');
    const shown = text(IDS.ok, ['request', 'up:0', 'response'], true).join('\n');
    expect(shown).toContain('Cookie: session=SECRETCOOKIE123');
    expect(shown).toContain('Authorization: Bearer SECRETTOKEN456');
  });

  it('shows raw lines folded, with secrets masked there too', () => {
    expect(text(IDS.ok).join('\n')).toMatch(/▸ 14 raw log lines/);
    const raw = text(IDS.ok, ['raw']).join('\n');
    expect(raw).toMatch(/▾ 14 raw log lines/);
    expect(raw).toMatch(/Cookie: session=<masked>/);
    expect(raw).toContain('User-Agent: Mozilla/5.0');
    expect(raw).not.toContain('SECRET');
    expect(text(IDS.ok, ['raw'], true).join('\n')).toContain('SECRETCOOKIE123');
  });

  it('gives each raw line and header its whole text for Enter: JSON indented, secrets still masked', () => {
    const lines = buildDetail(p.get(IDS.json)!, { unfolded: new Set(['raw', 'request', 'up:0']), showSecrets: false });
    const raws = lines.filter((l) => l.full?.title.startsWith('raw line'));
    expect(raws.length).toBeGreaterThan(0);
    const json = raws.find((l) => l.full!.body.startsWith('{'))!;
    expect(json.full!.body).toMatch(/^\{\n {2}"/);
    expect(JSON.parse(json.full!.body)).toBeTypeOf('object');
    const ok = buildDetail(p.get(IDS.ok)!, { unfolded: new Set(['raw', 'request']), showSecrets: false });
    const all = ok.map((l) => l.full?.body ?? '').join('\n');
    expect(all).toContain('Cookie: session=<masked>');
    expect(all).not.toContain('SECRET');
    expect(ok.some((l) => l.full?.title.startsWith('header '))).toBe(true);
  });

  it("shows the platform's response body decoded, application lines in time order, and a JSON line's epoch time in its title", () => {
    const pp = new Pipeline();
    const id = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
    const body = Buffer.from('<h1>Sorry, we could not find that page</h1>').toString('base64');
    pp.feed([
      `{"level":100,"time":1710186733600,"requestId":"${id}","data":{"method":"GET","path":"/nope","host":"shop.example.com","headers":{}}}`,
      `{"level":30,"time":1710186733690,"requestId":"${id}","msg":"second by time"}`,
      `{"level":30,"time":1710186733625,"requestId":"${id}","msg":"first by time"}`,
      `{"level":101,"time":1710186733700,"requestId":"${id}","data":{"statusCode":404,"statusMessage":"Not Found","headers":{"content-type":"text/html"},"body":"${body}","bodyLength":43}}`,
    ]);
    pp.end();
    const lines = buildDetail(pp.get(id)!, { unfolded: new Set(['response', 'raw']), showSecrets: false });
    const shown = lines.map((l) => lineText(l.segs));
    expect(shown.find((l) => l.includes('Body: '))).toContain('Sorry, we could not find that page');
    const first = shown.findIndex((l) => l.includes('first by time'));
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(shown.findIndex((l) => l.includes('second by time')));
    expect(lines.find((l) => l.full?.title.startsWith('raw line 1'))?.full?.title).toBe('raw line 1 · 2024-03-11T19:52:13.600Z');
  });

  it('shows every server row as missing for an access-log-only 539', () => {
    const tree = text(IDS.timeout).join('\n');
    expect(tree).toMatch(/\[TIMEOUT\] timeout/);
    expect(tree).toMatch(/✗ Request details: missing — no server-log line for this request/);
    expect(tree).toMatch(/✗ Response details: missing — no server-log line for this request/);
  });

  it('never draws control or escape sequences from the log', () => {
    const all = text(IDS.evil, ['raw']).join('\n');
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(all).toContain('title');
  });
});

describe('rowSegs', () => {
  it('lays out one row per request to the given width', () => {
    const g = p.get(IDS.s539)!;
    const row = lineText(rowSegs(g, true, { width: 100, timeMode: 'absolute' }));
    expect(row).toMatch(new RegExp(`^› 19:52:11\\.000 \\[ALLOW\\?\\] +539 +GET +/p/42 +${formatDuration(g.durationMs)}\\+ +1 22222222…$`));
    expect(row.length).toBe(100);
    expect(lineText(headerSegs(100, 'absolute')).length).toBe(100);
    const evil = lineText(rowSegs(p.get(IDS.evil)!, false, { width: 80, timeMode: 'absolute' }));
    expect(evil.length).toBe(80);
    expect(evil).toMatch(/\/evil\/.*…/);
  });

  it('on a narrow screen leaves out the ID, the upstream count, the method and the time, in turn, so the path and the duration stay whole', () => {
    const g = p.get(IDS.s539)!;
    const dur = `${formatDuration(g.durationMs)}+`;
    for (let width = 40; width <= 90; width++) {
      const row = lineText(rowSegs(g, true, { width, timeMode: 'absolute' }));
      const head = lineText(headerSegs(width, 'absolute'));
      expect(row.length, `row at ${width}`).toBe(width);
      expect(head.length, `head at ${width}`).toBe(width);
      // nothing is cut at the right edge: the duration, or the ID after it, ends the row
      expect(row, `row at ${width}`).toMatch(new RegExp(`/p/42 +${dur.replace('+', '\\+')} +(1 +)?(22222222…)?$`));
      // each column's head sits over it
      expect(head.indexOf('PATH')).toBe(row.indexOf('/p/42'));
    }
    const at = (width: number) => lineText(rowSegs(g, true, { width, timeMode: 'absolute' }));
    expect(at(80)).toMatch(/19:52:11\.000 .* GET .* 1 22222222…$/);
    // the ID goes first (the detail pane's title has it whole), then the upstream count, the method, the time
    expect(at(70)).toMatch(/^› 19:52:11\.000 \[ALLOW\?\] +539 +GET +\/p\/42 +\S+\+ +1 $/);
    expect(at(62)).toMatch(/^› 19:52:11\.000 \[ALLOW\?\] +539 +GET +\/p\/42 +\S+\+ $/);
    expect(at(56)).toMatch(/^› 19:52:11\.000 \[ALLOW\?\] +539 +\/p\/42 +\S+\+ $/);
    expect(at(40)).toMatch(/^› \[ALLOW\?\] +539 +\/p\/42 +\S+\+ $/);
  });

  it("shows whole IDs on a wide screen, and cuts a short screen's IDs where they differ", () => {
    const g = p.get(IDS.s539)!;
    const wide = lineText(rowSegs(g, false, { width: 200, timeMode: 'absolute' }));
    expect(wide.endsWith(g.requestId)).toBe(true);
    // a 40-hex ID (as the platform's x-request-id can be) is whole too
    const hex = { ...g, requestId: 'a1597091332803b49545e4d7c3f0b6a2d9e8f701' };
    expect(lineText(rowSegs(hex, false, { width: 200, timeMode: 'absolute' })).endsWith(hex.requestId)).toBe(true);
    expect(lineText(headerSegs(200, 'absolute')).length).toBe(200);
    expect(fitId('req-00012', 9)).toBe('req-00012');
    // sequential IDs differ at the end: the tail is kept
    expect(fitId('req-000000012', 9)).toBe('…00000012');
    expect(fitId('req-000000019', 9)).not.toBe(fitId('req-000000012', 9));
    // a UUID or hex ID by its head (a prefix is what `ssrtail curl` takes)
    expect(fitId('dee3442f-d1d0-4ef9-8e5e-6a39a269efca', 9)).toBe('dee3442f…');
    // a time-ordered UUID (version 7) starts with the time: its tail tells requests apart
    expect(fitId('0193a5c1-7e2b-7c4d-9f10-2b3c4d5e6f70', 9)).toBe('…4d5e6f70');
  });
});

describe('wrapping', () => {
  it('wraps reasons and tree rows to the width so nothing important is cut', () => {
    const lines = buildDetail(p.get(IDS.s539)!, { unfolded: new Set(), showSecrets: false, width: 60 }).map((l) => lineText(l.segs));
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    const all = lines.join('\n');
    // the upstream row's verdict survives on a narrow screen
    expect(all).toMatch(/Upstream Request: GET[\s\S]*✗ no answer logged/);
    expect(all.replace(/\n\s+/g, ' ')).toContain("Allowlist the platform's IP ranges on the origin (firewall / WAF / security group)");
  });
  it('keeps the fold key and the upstream index on every line of a wrapped row', () => {
    const lines = buildDetail(p.get(IDS.s539)!, { unfolded: new Set(), showSecrets: false, width: 40 });
    const up = lines.filter((l) => l.upstream === 0);
    expect(up.length).toBeGreaterThan(2);
    expect(up.every((l) => l.fold === 'up:0')).toBe(true);
  });
});
