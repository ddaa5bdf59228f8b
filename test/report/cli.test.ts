import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, stopWhileFollowing, tmpFile } from '../helpers/run-cli.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
const LOG = [
  `10:00:00.000 ${A} Request details: GET https://shop.example.com/a`,
  `10:00:00.100 ${A} Upstream Request: GET https://api.example.net/a 200 OK in 20ms`,
  `10:00:00.200 ${A} Response details: GET https://shop.example.com/a 200 OK`,
  `10:00:00.300 ${B} Request details: GET https://shop.example.com/b`,
  `10:00:00.400 ${B} Upstream Request: GET https://api.example.net/b`,
].join('\n');

describe('report mode', () => {
  it('prints NDJSON with the documented fields', async () => {
    const r = await runCli(['--json', tmpFile('a.log', LOG + '\n')]);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((o) => [o.requestId, o.label])).toEqual([
      [A, 'ok'],
      [B, 'allowlist-suspect'],
    ]);
    expect(rows[0]).toMatchObject({ status: 200, method: 'GET', url: 'https://shop.example.com/a', time: '10:00:00.000', durationMs: 200 });
    expect(rows[0]!.upstream).toEqual([{ method: 'GET', url: 'https://api.example.net/a', status: 200, durationMs: 20 }]);
    expect((rows[1]!.reasons as string[]).join(' ')).toContain('no answer logged');
  });

  it('prints a table with totals, and filters with --only', async () => {
    const f = tmpFile('a.log', LOG);
    const r = await runCli(['--report', f]);
    expect(r.stdout).toMatch(/TIME\s+LABEL\s+STAT\s+METHOD\s+URL/);
    expect(r.stdout).toMatch(/allowlist-suspect\s+1/);
    expect(r.stdout).toMatch(/ok\s+1/);
    // the totals under --only count the whole input, and say so
    const onlyTable = await runCli(['--report', '--only', 'ok', f]);
    expect(onlyTable.stdout).toMatch(/^Totals \(of the whole input: --only chose the rows above\)$/m);
    expect(onlyTable.stdout).toMatch(/allowlist-suspect\s+1/);
    expect(r.stdout).toMatch(/^Totals$/m);
    const only = await runCli(['--json', '--only', 'failures', f]);
    expect(ndjson(only.stdout).map((o) => o.label)).toEqual(['allowlist-suspect']);
    const bad = await runCli(['--json', '--only', 'nonsense', f]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown label "nonsense"');
    // labels in any case (the TUI writes OK); an empty list is refused, not taken for "everything"
    expect(ndjson((await runCli(['--json', '--only', 'OK', f])).stdout).map((o) => o.label)).toEqual(['ok']);
    const empty = await runCli(['--json', '--only', '', f]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--only needs at least one label/);
  });

  it('writes whole URLs when the table goes to a file or a pipe', async () => {
    const url = 'https://shop.example.com/_next/data/Bx81Kq2Lm/c/outdoor/jackets/waterproof.json?page=17&sort=price';
    const f = tmpFile('long.log', `09:00:00.000 req-long-001 Response details: GET ${url} 200 OK\n`);
    const r = await runCli(['--report', f]);
    expect(r.stdout).toContain(url);
    expect(r.stdout).not.toContain('…');
  });

  it('reads stdin with - and with a pipe, and several files', async () => {
    const viaDash = await runCli(['--json', '-'], { input: LOG });
    expect(ndjson(viaDash.stdout)).toHaveLength(2);
    const viaPipe = await runCli(['--json'], { input: LOG });
    expect(ndjson(viaPipe.stdout).map((o) => o.label).sort()).toEqual(['allowlist-suspect', 'ok']);
    const lines = LOG.split('\n');
    const two = await runCli(['--json', tmpFile('1.log', lines.slice(0, 2).join('\n')), tmpFile('2.log', lines.slice(2).join('\n'))]);
    expect(ndjson(two.stdout).map((o) => o.label).sort()).toEqual(['allowlist-suspect', 'ok']);
  });

  it('the same text log with access records, given twice: the requests of reading it once, its lines counted as duplicates', async () => {
    const f = 'samples/formats/text.log';
    const once = await runCli(['--json', f]);
    const twice = await runCli(['--json', f, f]);
    const rows = (out: string) => ndjson(out).map((o) => `${o.requestId} ${o.label}`).sort();
    expect(rows(twice.stdout)).toEqual(rows(once.stdout));
    expect(twice.stderr).toMatch(/^ssrtail: 12 requests, 414 lines, \d+ duplicate lines$/m);
  });

  it("a log truncated under its writer (copytruncate: zero bytes, then the app's next lines) loses no line", async () => {
    const log = fs.readFileSync('samples/formats/server-json.log');
    const f = tmpFile('copytruncate.log', Buffer.concat([Buffer.alloc(200_000), log]));
    const once = await runCli(['--json', 'samples/formats/server-json.log']);
    for (const r of [await runCli(['--json', f]), await runCli(['--json'], { input: fs.readFileSync(f) })]) {
      expect(ndjson(r.stdout).map((o) => `${o.requestId} ${o.label} ${o.lines}`).sort()).toEqual(ndjson(once.stdout).map((o) => `${o.requestId} ${o.label} ${o.lines}`).sort());
      expect(r.stderr).toMatch(/starts with zero bytes/);
      expect(r.stderr).toMatch(/^ssrtail: 12 requests, 82 lines$/m);
    }
  });

  it('is the default when stdout is not a terminal', async () => {
    const r = await runCli([tmpFile('a.log', LOG)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Totals');
  });

  it('honours --grace and rejects a bad one', async () => {
    const bad = await runCli(['--json', '--grace', 'soon', tmpFile('a.log', LOG)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--grace: "soon" is not a duration/);
  });
});

describe('bad input', () => {
  it('a missing file: one line on stderr, exit 2', async () => {
    const r = await runCli(['--report', '/nonexistent/x.log']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['ssrtail: /nonexistent/x.log: no such file']);
  });
  it('a directory or an unreadable file: exit 2', async () => {
    const r = await runCli(['--report', '/tmp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a directory');
  });
  it('no input at all: a clear message, exit 2', async () => {
    const r = await runCli(['--report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input');
  });
  it('an unknown flag: one line naming it, exit 2', async () => {
    const r = await runCli(['--frobnicate', tmpFile('a.log', LOG)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(["ssrtail: Unknown option '--frobnicate' (ssrtail --help)"]);
  });
  it('a flag missing its value, a value given to a switch, a bad number or format: exit 2 and why', async () => {
    const f = tmpFile('a.log', LOG);
    const cases: [string[], RegExp][] = [
      [['--report', f, '--max-groups'], /Option '--max-groups <value>' argument missing/],
      [['--report', '--color=yes', f], /Option '--color' does not take an argument/],
      [['--report', '--max-groups', '1e5', f], /--max-groups must be a whole number >= 1/],
      [['--report', '--workers', '0', f], /--workers must be a whole number from 1 to 64/],
      [['--report', '--format', 'xml', f], /--format must be auto, text or json \(not "xml"\)/],
      [['--report', '--max-groups', '-1', f], /--max-groups needs a value \(one starting with '-' is written --max-groups=VALUE\)/],
      [['--report', '--max-groups=-1', f], /--max-groups must be a whole number >= 1/],
      [['rerun', f, 'x', '--bogus'], /^ssrtail: Unknown option '--bogus'$/m],
    ];
    for (const [args, why] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(why);
      expect(r.stdout).toBe('');
    }
  });
  it('--version and -v print the version in package.json; --no-color and --max-groups=N are read', async () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect((await runCli([flag])).stdout).toBe(`${pkg.version}\n`);
    const r = await runCli(['--report', '--no-color', '--max-groups=1', tmpFile('b.log', LOG)]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toMatch(/requests +2\n/);
  });
  it('JSON values of the wrong type or out of range are read as absent, not a crash', async () => {
    const lines = [
      { requestId: { x: 1 }, level: 100, data: { headers: [1, 2, 3] } },
      { requestId: 'r2', level: 102, data: { id: {}, method: 5, host: [], path: null, headers: 'x' } },
      { requestId: 'r2', level: 103, data: { id: {}, statusCode: 'abc', duration: '1e999' } },
      { requestId: 'r3', time: 'not a time', level: 'info', msg: 'x' },
      { requestId: 'r4', time: 1e30, level: 101, data: { statusCode: 539 } },
      { requestId: '__proto__', level: 100, data: { method: 'GET', path: '/' } },
    ].map((o) => JSON.stringify(o));
    const f = tmpFile('odd.log', [...lines, '[1,2,3]', 'null', '{}'].join('\n'));
    const json = await runCli(['--json', f]);
    expect(json.stderr).not.toMatch(/Invalid|Error/);
    expect(json.code).toBe(0);
    const rows = ndjson(json.stdout);
    expect(rows.map((o) => o.requestId)).toEqual(['r2', 'r3', 'r4', '__proto__']);
    expect(rows.find((o) => o.requestId === 'r4')).toMatchObject({ status: 539, time: null });
    const table = await runCli(['--report', '--details', f]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/requests +4\n/);
  });
  it('an empty file gives zero requests', async () => {
    const r = await runCli(['--json', tmpFile('e.log', '')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('0 requests');
  });
  it('CRLF line ends, a half-written last line, invalid UTF-8 and binary garbage', async () => {
    const body = Buffer.concat([
      Buffer.from(LOG.split('\n').join('\r\n') + '\r\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]),
      Buffer.from(`10:00:00.500 ${B} Upstream Request: GET https://api.example.net/b2 500 Oops in 3ms`),
    ]);
    const r = await runCli(['--json', tmpFile('crlf.log', body)]);
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((o) => o.requestId)).toEqual([A, B]);
    expect((rows[1]!.upstream as unknown[]).length).toBe(2); // the last line, with no newline, was read
    expect(r.stderr).toMatch(/7 lines, 1 unparsed/);
  });
  it('a 10 MB line does not crash or hang, and is counted', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const r = await runCli(['--json', tmpFile('huge.log', `${LOG}\n${huge}\n${LOG}\n`)], { timeoutMs: 60000 });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).length).toBe(2);
    expect(r.stderr).toMatch(/unparsed/);
  });
  it('a 4 MB JSON record stays one line: its request is found and its lines counted once', async () => {
    const big = JSON.stringify({
      level: 100, time: 1710186733620, requestId: 'big00000001',
      data: { method: 'GET', protocol: 'https:', host: 'shop.example.com', path: '/p/1', headers: { 'x-blob': 'y'.repeat(4 * 1024 * 1024) } },
    });
    const res = JSON.stringify({ level: 101, time: 1710186733700, requestId: 'big00000001', data: { statusCode: 200, statusMessage: 'OK' } });
    const r = await runCli(['--json', tmpFile('bigrec.log', `${big}\n${res}\n`)], { timeoutMs: 60000 });
    expect(r.code).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((o) => [o.requestId, o.label, o.url, o.lines])).toEqual([['big00000001', 'ok', 'https://shop.example.com/p/1', 2]]);
    expect(r.stderr).toMatch(/1 request, 2 lines$/m);
  });
  it('closing the pipe early is not an error', async () => {
    // `| head -1`: simulated by a reader that stops
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/run-cli.js');
    const lines = Array.from({ length: 20000 }, (_, i) => `10:00:00.000 req-${String(i).padStart(6, '0')} Response details: GET https://s/ 200 OK`).join('\n');
    const f = tmpFile('many.log', lines);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('bash', ['-c', `node ${JSON.stringify(BIN)} --json ${JSON.stringify(f)} | head -1 >/dev/null; echo \${PIPESTATUS[0]}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(Number(out.trim())));
    });
    expect(code).toBe(0);
  });
});

describe('live report mode', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s prints what is left (undecided requests as pending: the input did not end) with the totals, and exits %i', async (signal, status) => {
    const f = tmpFile('live.log', LOG + '\n');
    // the ok request waits for 15 s of the stream's clock (its late rows), the other for its grace period: neither
    // is printed before the signal
    const { code, stdout: out, stderr: err, before } = await stopWhileFollowing(['--json'], f, signal);
    expect(before).toBe('');
    expect(code).toBe(status);
    // B has no response row and is far inside its grace period: live input stopped, not ended, so it is undecided
    expect(ndjson(out).map((o) => o.label)).toEqual(['ok', 'pending']);
    expect(err).toContain('2 requests');
    expect(err).toContain('1 pending (input stopped before they were decided)');
  });
});

describe('NDJSON text', () => {
  it('is exactly JSON.stringify of the documented object', async () => {
    const { Pipeline } = await import('../../src/pipeline.js');
    const { groupToJson, groupToNdjson } = await import('../../src/report/json.js');
    const p = new Pipeline();
    p.feed(LOG.split('\n'));
    p.end();
    for (const g of p.groups()) expect(groupToNdjson(g)).toBe(JSON.stringify(groupToJson(g)));
  });

  it('is exactly JSON.stringify for strings that need escaping and odd numbers, with C1 controls and bidi overrides escaped too', async () => {
    const { newGroup } = await import('../../src/correlate/apply.js');
    const { groupToJson, groupToNdjson: nd } = await import('../../src/report/json.js');
    const esc = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    const stringify = (o: unknown) => JSON.stringify(o).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, esc);
    const groupToNdjson = (g: Parameters<typeof nd>[0]) => {
      const text = nd(g);
      expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      return text;
    };
    const nasty = ['quote " and \\ backslash', 'tab\tnew\nline\u0000\u001f\u007f', 'C1 \u009b2J bidi \u202e and \u2028', 'lone \ud800 and pair \ud83d\ude00', 'ünïcødé ✓', ''];
    for (const s of nasty) {
      const g = newGroup(1, s || 'id');
      g.method = s;
      g.url = s;
      g.process = s;
      g.firstTime = 1710147600038.5;
      g.durationMs = 12.25;
      g.status = 539;
      g.reasons = [s, 'plain'];
      g.next = [s];
      g.upstreams.push({ id: '0', method: s, url: s, status: undefined, durationMs: NaN, errorCode: s, error: s, headers: [], responseHeaders: [] });
      g.upstreams.push({ id: '1', headers: [], responseHeaders: [], durationMs: Infinity });
      expect(groupToNdjson(g)).toBe(stringify(groupToJson(g)));
      g.firstTime = 3_600_000;
      g.response = { headers: [] };
      expect(groupToNdjson(g)).toBe(stringify(groupToJson(g)));
    }
  });

  it("writes loggers' float milliseconds to the microsecond", async () => {
    const { newGroup } = await import('../../src/correlate/apply.js');
    const { groupToJson, groupToNdjson } = await import('../../src/report/json.js');
    const g = newGroup(1, 'req-1');
    g.durationMs = 130.58088799999996;
    g.upstreams.push({ id: '0', headers: [], responseHeaders: [], durationMs: 5.227323999999953 });
    const text = groupToNdjson(g);
    expect(text).toBe(JSON.stringify(groupToJson(g)));
    expect(text).toContain('"durationMs":130.581,');
    expect(text).toContain('"durationMs":5.227}');
  });
});
