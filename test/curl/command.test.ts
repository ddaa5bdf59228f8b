// `ssrtail curl` and `ssrtail rerun` on real log files: the printed commands run by bash against a recording
// server, and re-runs against servers that answer, answer slowly, hang and refuse.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCurlCommand, runRerunCommand } from '../../src/curl/command.js';
import { hangingServer, recordingServer, refusedPort, runBash, sentHeaders, tempDir, type TestServer } from './helpers.js';
import { runCli } from '../helpers/run-cli.js';

const dir = tempDir();
const pwned = path.join(dir, 'pwned');
let rec: TestServer;
let slow: TestServer;
let forbidden: TestServer;
let hang: TestServer;
let refused: number;
beforeAll(async () => {
  rec = await recordingServer();
  slow = await recordingServer({ delayMs: 1500 });
  forbidden = await recordingServer({ status: 403 });
  hang = await hangingServer();
  refused = await refusedPort();
});
afterAll(async () => {
  await Promise.all([rec, slow, forbidden, hang].map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(fn: typeof runCurlCommand, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await fn(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stdinIsTTY: true });
  return { code, stdout, stderr };
}

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const EVIL = `it's "x" $(touch ${pwned}) \`touch ${pwned}\` ! \\ % é 😀`;

/** A raw server-log request whose upstream call got no answer (allowlist-suspect), pointing at `port`. */
function serverLog(id: string, port: number, extra: Record<string, unknown> = {}): string {
  const body = `{"q":"${EVIL.replace(/["\\]/g, '\\$&')}"}\nsecond line`;
  const lines = [
    { level: 100, time: 1710186733600, requestId: id, data: { method: 'GET', path: '/p/1', host: 'shop.example.com', protocol: 'https:', headers: { cookie: 'sid=1' } } },
    {
      level: 102,
      time: 1710186733620,
      requestId: id,
      data: {
        id: 0,
        method: 'POST',
        protocol: 'http:',
        host: '127.0.0.1',
        port,
        path: `/v1/items?q=${encodeURIComponent(EVIL)}&raw='$(id)'`,
        headers: { Accept: '*/*', 'Accept-Encoding': 'gzip,deflate', Connection: 'close', 'Content-Length': '5', 'Content-Type': 'application/json', 'X-Evil': EVIL, Authorization: 'Bearer s3cr3t', 'User-Agent': 'node-fetch/1.0' },
        body: Buffer.from(body).toString('base64'),
        ...extra,
      },
    },
    { level: 30, time: 1710186733625, requestId: id, msg: 'fetching items' },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** The console text format: the upstream row carries no answer. */
function textLog(id: string, base: string): string {
  return [
    `01:35:38.857 ${id} GET https://shop.example.com/p/1`,
    `01:35:38.857 ${id} Request details: GET https://shop.example.com/p/1`,
    `01:35:39.479 ${id} Upstream Request: GET ${base}/v1/text?a='b'&c=$(id)`,
    `    X-Evil: ${EVIL}`,
    `    Accept: application/json`,
    `    User-Agent: undici`,
    `01:35:39.500 ${id} INFO: waiting`,
    '',
  ].join('\n');
}

describe('ssrtail curl', () => {
  it('prints commands that reproduce a raw server-log upstream call exactly (secrets shown on request)', async () => {
    const file = write('server.log', serverLog('3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e', rec.port));
    const r = await run(runCurlCommand, [file, '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e', '--show-secrets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# request 3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e: upstream call 1 of 1: POST http:\/\/127.0.0.1:\d+\/v1\/items/);
    const before = rec.received.length;
    const b = await runBash(r.stdout, { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    expect(rec.received.length).toBe(before + 1);
    const got = rec.received.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe(`/v1/items?q=${encodeURIComponent(EVIL)}&raw='$(id)'`);
    expect(got.body.toString('utf8')).toBe(`{"q":"${EVIL.replace(/["\\]/g, '\\$&')}"}\nsecond line`);
    expect(sentHeaders(got)).toEqual([
      ['Accept', '*/*'],
      ['Accept-Encoding', 'gzip,deflate'],
      ['Content-Type', 'application/json'],
      ['X-Evil', EVIL],
      ['Authorization', 'Bearer s3cr3t'],
      ['User-Agent', 'node-fetch/1.0'],
      ['Content-Length', String(got.body.length)],
    ]);
    expect(fs.existsSync(pwned)).toBe(false);
  });

  it('masks secrets by default', async () => {
    const file = write('server2.log', serverLog('req-masked-1', rec.port));
    const r = await run(runCurlCommand, [file, 'req-masked-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('s3cr3t');
    expect(r.stdout).toContain("-H 'Authorization: Bearer <masked: 6 chars>'");
  });

  it('exits 2 when no call gives a command (the comments say why), 0 when one of several does', async () => {
    const id = 'req-unbuildable-1';
    const upstream = (n: number, path: string, protocol: string) =>
      JSON.stringify({ level: 102, time: 1710186733620 + n, requestId: id, data: { id: n, method: 'GET', protocol, host: 'cms.example.org', path } });
    const file = write('unbuildable.log', [upstream(0, '/feed', 'ftp:')].join('\n') + '\n');
    const r = await run(runCurlCommand, [file, id]);
    expect(r.stdout).toContain('# cannot build a curl command: ftp: URLs are not re-run or copied');
    expect(r.stderr).toContain(`no curl command could be built for request ${id}`);
    expect(r.code).toBe(2);
    const file2 = write('unbuildable2.log', [upstream(0, '/feed', 'ftp:'), upstream(1, '/api', 'https:')].join('\n') + '\n');
    const r2 = await run(runCurlCommand, [file2, id]);
    expect(r2.stdout).toMatch(/^curl 'https:\/\/cms\.example\.org\/api'/m);
    expect(r2.code).toBe(0);
    expect((await run(runCurlCommand, [file2, id, '--upstream', '1'])).code).toBe(2);
  });

  it('reads the console text format and a unique prefix of the ID', async () => {
    const file = write('text.log', textLog('f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca', rec.base));
    const r = await run(runCurlCommand, [file, 'f4bbb05f']);
    expect(r.code).toBe(0);
    const before = rec.received.length;
    const b = await runBash(r.stdout, { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    const got = rec.received[before]!;
    expect(got.url).toBe(`/v1/text?a='b'&c=$(id)`);
    expect(sentHeaders(got)).toEqual([
      ['X-Evil', EVIL],
      ['Accept', 'application/json'],
      ['User-Agent', 'undici'],
    ]);
  });

  it('finds a request by the tail of its ID, as the tables cut a sequential one, with or without the ellipsis', async () => {
    const file = write('tail.log', textLog('req-000000000000123456789', rec.base));
    for (const part of ['0000123456789', '…0000123456789', 'req-0000000…']) {
      const r = await run(runCurlCommand, [file, part, '--edge']);
      expect(r.code, part).toBe(0);
      expect(r.stdout).toContain("curl 'https://shop.example.com/p/1'");
    }
    const none = await run(runCurlCommand, [file, '99999']);
    expect(none.code).toBe(2);
  });

  it('--probe: each command prints its status and time, and says how to read them (bash runs it, nothing expands)', async () => {
    const file = write('probe.log', serverLog('req-probe-0001', rec.port) + serverLog('req-probe-0002', refused));
    const ok = await run(runCurlCommand, [file, 'req-probe-0001', '--probe']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^# --probe: each command prints "<HTTP status> <seconds>s"\.$/m);
    expect((await runBash(`set -n\n${ok.stdout}`)).code).toBe(0);
    const before = rec.received.length;
    const answered = await runBash(ok.stdout, { cwd: dir });
    expect(answered.code, answered.stderr).toBe(0);
    expect(rec.received.length).toBe(before + 1);
    expect(rec.received.at(-1)!.url).toBe(`/v1/items?q=${encodeURIComponent(EVIL)}&raw='$(id)'`);
    // the body went to /dev/null: only the status and the time are printed
    expect(answered.stdout.toString()).toMatch(/^200 \d+\.\d+s\n$/);
    const failed = await runBash((await run(runCurlCommand, [file, 'req-probe-0002', '--probe'])).stdout, { cwd: dir });
    expect(failed.code).toBe(7);
    expect(failed.stdout.toString()).toMatch(/^000 \d+\.\d+s\n$/);
    expect(failed.stderr).toMatch(/curl: \(7\)/);
    expect(fs.existsSync(pwned)).toBe(false);
    // without --probe the command prints the answer's body
    const plain = await runBash((await run(runCurlCommand, [file, 'req-probe-0001'])).stdout, { cwd: dir });
    expect(plain.stdout.toString()).toBe('recorded');
  });

  it('prints the edge request with --edge', async () => {
    const file = write('edge.log', textLog('f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca', rec.base));
    const r = await run(runCurlCommand, [file, 'f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca', '--edge']);
    expect(r.stdout).toContain("curl 'https://shop.example.com/p/1'");
  });

  it('exits 2 with one clear line for an unknown or ambiguous ID, a missing file, a bad flag', async () => {
    const file = write('two.log', textLog('aaaa1111-0000', rec.base) + textLog('aaaa2222-0000', rec.base));
    for (const argv of [[file, 'nope-nope-nope'], [file, 'aaaa'], [path.join(dir, 'missing.log'), 'x'], [file, 'aaaa1111-0000', '--bogus'], [], [file, 'aaaa1111-0000', '--upstream', '7']]) {
      const r = await run(runCurlCommand, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^ssrtail: /);
    }
    expect((await run(runCurlCommand, [file, 'nope-nope-nope'])).stderr).toMatch(/no request with ID "nope-nope-nope"/);
    expect((await run(runCurlCommand, [file, 'aaaa'])).stderr).toMatch(/ambiguous: aaaa1111-0000, aaaa2222-0000/);
    // a file and no ID: the ID is what is missing (not "no request with ID <the file name>")
    const noId = await run(runCurlCommand, [file]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toBe(`ssrtail: a request ID is required after the file: ssrtail curl ${file} <request-id>\n`);
  });
});

describe('ssrtail rerun', () => {
  const suspect = (name: string, base: string) => {
    const id = `req-${name}-0001`;
    return { id, file: write(`${name}.log`, textLog(id, base)) };
  };

  it('exits 0 with allowlist-error when the upstream answers', async () => {
    const { id, file } = suspect('ok', rec.base);
    const before = rec.received.length;
    const r = await run(runRerunCommand, [file, id]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^request req-ok-0001 \(allowlist-suspect\): re-running 1 upstream call\(s\) from this machine, timeout 10 s$/m);
    expect(r.stdout).toMatch(/answered 200 OK in \d+ ms, 8 B/);
    expect(r.stdout).toMatch(/^verdict: allowlist-error$/m);
    expect(r.stdout).toMatch(/next: Allowlist the platform's IP ranges/);
    expect(sentHeaders(rec.received[before]!)).toContainEqual(['X-Evil', EVIL]);
  });

  it('exits 0 for a slow answer within the timeout, and for an error status', async () => {
    const s = suspect('slow', slow.base);
    expect((await run(runRerunCommand, [s.file, s.id, '--timeout', '15s'])).code).toBe(0);
    const f = suspect('forbidden', forbidden.base);
    const r = await run(runRerunCommand, [f.file, f.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answered 403 here/);
  });

  it('a re-run of a request whose upstream answered the edge too concludes nothing about blocking', async () => {
    const id = 'req-fine-0001';
    const file = write('fine.log', [
      `01:35:38.857 ${id} Request details: GET https://shop.example.com/p/1`,
      `01:35:39.479 ${id} Upstream Request: GET ${rec.base}/v1/fine 200 OK in 12ms`,
      `01:35:39.600 ${id} Response details: GET https://shop.example.com/p/1 200 OK`,
      '',
    ].join('\n'));
    const r = await run(runRerunCommand, [file, id]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^verdict: answered, from here as from the edge: nothing says the origin blocks the platform \(the label stays ok\)$/m);
    expect(r.stdout).not.toMatch(/allowlist-error/);
  });

  it('exits 3 with bad-request when the upstream hangs past the timeout', async () => {
    const { id, file } = suspect('hang', hang.base);
    const r = await run(runRerunCommand, [file, id, '--timeout', '1s']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/no answer within 1 s/);
    expect(r.stdout).toMatch(/^verdict: bad-request$/m);
  });

  it('exits 3 with bad-request when the connection is refused', async () => {
    const { id, file } = suspect('refused', `http://127.0.0.1:${refused}`);
    const r = await run(runRerunCommand, [file, id]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/failed: ECONNREFUSED/);
  });

  it('exits 2 for a bad timeout or a request without upstream calls', async () => {
    const { id, file } = suspect('usage', rec.base);
    expect((await run(runRerunCommand, [file, id, '--timeout', 'soon'])).code).toBe(2);
    const none = write('none.log', `01:00:00.000 req-none-0001 GET https://shop.example.com/\n01:00:00.100 req-none-0001 Response details: GET https://shop.example.com/ 200 OK\n`);
    const r = await run(runRerunCommand, [none, 'req-none-0001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no upstream calls to re-run/);
  });
});

describe('through the ssrtail binary (built dist/)', () => {
  it('ssrtail curl - <id> reads stdin; ssrtail rerun exits with the verdict', async () => {
    const log = textLog('req-bin-00001', rec.base);
    const c = await runCli(['curl', '-', 'req-bin-00001'], { input: log });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^curl \$'http:\/\/127\.0\.0\.1:\d+\/v1\/text\?a=\\'b\\'&c=\$\(id\)' \\$/m);
    const ok = await runCli(['rerun', 'req-bin-00001'], { input: log });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const bad = await runCli(['rerun', 'req-bin-00001', '--timeout', '1s'], { input: textLog('req-bin-00001', hang.base) });
    expect(bad.code).toBe(3);
    const unknown = await runCli(['curl', 'req-nope-0001'], { input: log });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });
});
