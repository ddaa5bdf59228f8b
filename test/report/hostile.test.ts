// Inputs a fuzzer found to break report mode and the curl subcommand: each one a real file through the binary.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, ROOT, ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('hostile input through the binary', () => {
  it('a value nested 5,000 deep is kept as one unparsed line; every line after it is still read', async () => {
    const lines = [
      '{"requestId":"ok-000001","event":"response","status":200}',
      `{"level":103,"requestId":"deep-00001","data":{"id":0,"method":"GET","host":"h","path":"/x","error":${nested(5000)}}}`,
      `{"level":100,"requestId":"deep-00002","data":{"method":"GET","host":"h","path":"/y","headers":{"x-deep":${nested(5000)}}}}`,
      '{"requestId":"ok-000002","event":"response","status":200}',
    ];
    const f = tmpFile('deep.log', lines.join('\n') + '\n');
    for (const workers of ['1', '2']) {
      const r = await runCli(['--json', '--workers', workers, f]);
      expect(r.code, r.stderr).toBe(0);
      const ids = ndjson(r.stdout).map((o) => o.requestId);
      expect(ids).toEqual(expect.arrayContaining(['ok-000001', 'ok-000002']));
      expect(r.stderr).toMatch(/ 4 lines/);
      expect(r.stderr).not.toMatch(/stack|Maximum/);
    }
    // the detail views (curl) parse headers too
    const c = await runCli(['curl', f, 'deep-00002']);
    expect(c.stderr).not.toMatch(/stack|Maximum/);
  });

  it('URL passwords and API keys in query strings are masked in every output, unless --show-secrets', async () => {
    const url = 'http://user:S3CRETPASS@127.0.0.1:9/x?page=2&api_key=S3CRETKEY&access_token=S3CRETTOK';
    const f = tmpFile('urlsecret.log', `09:00:00.010 req-00000003 Upstream Request: GET ${url}\n`);
    const outputs = [
      await runCli(['--json', f]),
      await runCli(['--report', '--details', f]),
      await runCli(['--json', '--workers', '2', f]),
      await runCli(['curl', f, 'req-00000003']),
    ];
    for (const r of outputs) {
      expect(r.stdout + r.stderr).not.toMatch(/S3CRET/);
      expect(r.stdout).toMatch(/MASKED/);
    }
    // the curl command stays a runnable command: a URL-safe mask, page=2 kept
    expect(outputs[3]!.stdout).toContain("curl 'http://user:MASKED@127.0.0.1:9/x?page=2&api_key=MASKED&access_token=MASKED'");
    const shown = await runCli(['--json', '--show-secrets', f]);
    expect(ndjson(shown.stdout)[0]!.upstream).toEqual([expect.objectContaining({ url })]);
    const shownCurl = await runCli(['curl', f, 'req-00000003', '--show-secrets']);
    expect(shownCurl.stdout).toContain(url);
  });

  it('credential headers are masked by name and by value (X-Authorization, Authentication, a Bearer value anywhere)', async () => {
    const f = tmpFile(
      'hdr.log',
      [
        '09:00:00.010 req-00000004 Upstream Request: GET http://127.0.0.1:9/x',
        '    X-Authorization: Bearer S3CRETTOKEN',
        '    Authentication: S3CRET2',
        '    X-Goog-Iap-Jwt-Assertion: eyJS3CRET3',
        '    X-Upstream-Credentials: Basic S3CRET4',
        '    Accept: text/html',
      ].join('\n') + '\n',
    );
    const r = await runCli(['curl', f, 'req-00000004']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/S3CRET/);
    expect(r.stdout).toMatch(/X-Authorization: Bearer <masked: 11 chars>/);
    expect(r.stdout).toContain("-H 'Accept: text/html'");
  });

  it('C1 controls and bidi overrides are escaped in NDJSON, not written raw', async () => {
    const f = tmpFile('c1.log', '09:00:00.010 req-00000018 Request details: GET https://a.example/\u009b2J\u202egnp.exe\n');
    const r = await runCli(['--json', f]);
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
    expect(r.stdout).toContain('\\u009b2J\\u202egnp.exe');
    expect(ndjson(r.stdout)[0]!.url).toBe('https://a.example/\u009b2J\u202egnp.exe');
  });

  it('a pipe given as a file (a FIFO, `<(…)`) is read as a stream, and its writer is not killed', async () => {
    const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-fifo-')), 'p');
    execFileSync('mkfifo', [fifo]);
    const text = Array.from({ length: 3000 }, (_, i) => `09:00:00.000 req-${String(i).padStart(8, '0')} Response details: GET https://a.example/${i} 200 OK`).join('\n') + '\n';
    // the writer blocks in open until ssrtail opens the FIFO for reading
    const writer = new Promise<void>((resolve, reject) => fs.writeFile(fifo, text, (e) => (e ? reject(e) : resolve())));
    const r = await runCli(['--json', fifo]);
    await writer;
    expect(r.code, r.stderr).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(3000);
    expect(r.stderr).toMatch(/3000 requests, 3000 lines/);
  });

  it('says how many requests a too small --max-groups decided early, in the summary and the totals', async () => {
    const busy = path.join(ROOT, 'samples/busy.log');
    const r = await runCli(['--json', '--max-groups', '10', busy]);
    expect(r.code).toBe(0);
    const early = /(\d+) decided early to stay under --max-groups \(raise it: their labels may be wrong, and a line of theirs that came later started another request\)/.exec(r.stderr);
    // what it says happens: busy.log holds 500 requests, the rows printed are more
    expect(ndjson(r.stdout).length).toBeGreaterThan(500);
    expect(early, r.stderr).not.toBeNull();
    expect(Number(early![1])).toBeGreaterThan(0);
    const t = await runCli(['--report', '--max-groups', '10', busy]);
    expect(t.stdout).toMatch(/decided early +\d+ +unfinished requests labelled before their time to stay under --max-groups \(their later lines start other requests\)/);
    // with room enough, nothing is decided early
    expect((await runCli(['--json', busy])).stderr).not.toMatch(/decided early/);
    // requests whose label was certain (a response with a plain status) are not counted: only those that could change
    const rows = ndjson(r.stdout);
    expect(Number(early![1])).toBeLessThan(rows.filter((o) => !o.hasResponse || o.status === 539 || o.status === 502).length + 1);
  });

  it('live input: a request is printed once its label is certain and its late rows had 15 s of stream time to come', async () => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const send = (lines: string[]) => child.stdin.write(lines.join('\n') + '\n');
    send(['09:00:00.000 req-00000001 Request details: GET https://a.example/p', '09:00:00.100 req-00000001 Response details: GET https://a.example/p 200 OK']);
    // a late upstream row (stamped before the response, as the platform does) is still in the printed row
    await new Promise((r) => setTimeout(r, 300));
    send(['09:00:00.050 req-00000001 Upstream Request: GET https://api.example/x 500 Oops in 3ms', '09:00:05.000 req-00000002 Request details: GET https://a.example/q']);
    await new Promise((r) => setTimeout(r, 300));
    expect(out).toBe('');
    // 20 s later on the stream's clock: request 1 is printed, whole
    send(['09:00:20.000 req-00000003 Request details: GET https://a.example/r', '09:00:20.100 req-00000003 Upstream Request: GET https://api.example/r']);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(ndjson(out)).toMatchObject([{ requestId: 'req-00000001', label: 'ok', lines: 3, upstream: [{ status: 500 }] }]);
    // a row even later than that is counted, not silently left out
    child.stdin.end('09:00:00.060 req-00000001 ERROR: boom\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(err).toMatch(/1 line after their request was printed/);
  });

  it('live input: one line stamped far ahead (a skewed clock) neither splits open requests nor holds the rest back', async () => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stdin.write('09:00:00.000 req-a0000001 Request details: GET https://shop.example.com/a\n09:00:00.050 req-a0000001 Upstream Request: GET https://api.example.net/a 200 OK in 5ms\n');
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.write('09:10:00.000 req-z0000001 Response details: GET https://shop.example.com/z 200 OK\n');
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.write('09:00:00.400 req-a0000001 Response details: GET https://shop.example.com/a 200 OK\n');
    // the stream goes on in its own time: req-a is printed, whole, before the input ends
    child.stdin.write('09:00:20.000 req-b0000001 Request details: GET https://shop.example.com/b\n09:00:20.100 req-b0000001 Upstream Request: GET https://api.example.net/b\n');
    const deadline = Date.now() + 5000;
    while (!out.includes('req-a0000001') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ndjson(out)).toMatchObject([{ requestId: 'req-a0000001', label: 'ok', lines: 3 }]);
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    expect(ndjson(out).map((o) => o.requestId).sort()).toEqual(['req-a0000001', 'req-b0000001', 'req-z0000001']);
  });

  it('live input whose times go back (pods logged one after another) does not split a request', async () => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stdin.write(
      [
        '10:00:00.000 req-a0000001 Request details: GET https://shop.example.com/a',
        '10:00:00.100 req-a0000001 Response details: GET https://shop.example.com/a 200 OK',
        '09:00:00.000 req-b0000001 Request details: GET https://shop.example.com/b',
      ].join('\n') + '\n',
    );
    await new Promise((r) => setTimeout(r, 700));
    child.stdin.end('09:00:00.300 req-b0000001 Upstream Request: GET https://api.example.net/b 200 OK in 5ms\n09:00:00.400 req-b0000001 Response details: GET https://shop.example.com/b 200 OK\n');
    await new Promise((resolve) => child.on('close', resolve));
    const rows = ndjson(out);
    expect(rows.map((o) => [o.requestId, o.label, o.lines])).toEqual(
      expect.arrayContaining([
        ['req-a0000001', 'ok', 2],
        ['req-b0000001', 'ok', 3],
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('piped input gives the rows of the same file read whole', async () => {
    const busy = fs.readFileSync(path.join(ROOT, 'samples/busy.log'));
    const piped = await runCli(['--json'], { input: busy });
    const whole = await runCli(['--json', path.join(ROOT, 'samples/busy.log')]);
    expect(piped.code).toBe(0);
    expect(ndjson(piped.stdout).length).toBe(500);
    expect([...piped.stdout.trim().split('\n')].sort()).toEqual([...whole.stdout.trim().split('\n')].sort());
  });

  it('gzip piped into stdin is read decompressed; a broken one says so', async () => {
    const busy = fs.readFileSync(path.join(ROOT, 'samples/busy.log'));
    const r = await runCli(['--json'], { input: zlib.gzipSync(busy) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/500 requests, 4785 lines/);
    const bad = await runCli(['--json'], { input: Buffer.from([0x1f, 0x8b, 0x00, 0x01, 0x02]) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/stdin: .*gzip/);
  });

  it('warns once when --grace is shorter than the 20 s function timeout (requests may split), and goes on', async () => {
    const busy = path.join(ROOT, 'samples/busy.log');
    const r = await runCli(['--json', '--grace', '100ms', busy]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(
      `ssrtail: warning: --grace "100ms" is shorter than the platform's 20 s function timeout: late rows will split requests (counted as reused IDs)`,
    );
    expect((await runCli(['--json', '--grace', '20s', busy])).stderr).not.toMatch(/warning/);
  });

  it('gzip through a pipe given as a file, or arriving a byte at a time on stdin, is decompressed', async () => {
    const busy = fs.readFileSync(path.join(ROOT, 'samples/busy.log'));
    const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-fifo-')), 'p');
    execFileSync('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) => fs.writeFile(fifo, zlib.gzipSync(busy), (e) => (e ? reject(e) : resolve())));
    const r = await runCli(['--json', fifo]);
    await writer;
    expect(r.stderr).toMatch(/500 requests, 4785 lines/);
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const gz = zlib.gzipSync(busy);
    child.stdin.write(gz.subarray(0, 1));
    await new Promise((res) => setTimeout(res, 300));
    child.stdin.end(gz.subarray(1));
    await new Promise((res) => child.on('close', res));
    expect(err).toMatch(/500 requests, 4785 lines/);
  });

  it('-f on a pipe (`-f /dev/stdin`, a FIFO among followed files) reads it to its end, gzip in it too', async () => {
    const busy = fs.readFileSync(path.join(ROOT, 'samples/busy.log'));
    const gz = zlib.gzipSync(busy);
    // through a real pipe, as a shell makes one (Node's own stdio pipes are sockets: /dev/stdin cannot be opened on them)
    const gzFile = tmpFile('busy.log.gz', gz);
    const alone = await runCli(['--json', '-f', '/dev/stdin'], { shellPipeFrom: gzFile });
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stderr).toMatch(/500 requests, 4785 lines/);
    expect(ndjson(alone.stdout)).toHaveLength(500);
    // two pipes with -f, so through the merge of several files: each is read to its end (gzip decompressed), then the input ends
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-fifo-'));
    const [gzFifo, plainFifo] = [path.join(dir, 'gz'), path.join(dir, 'plain')];
    execFileSync('mkfifo', [gzFifo, plainFifo]);
    const write = (p: string, data: Buffer | string) => new Promise<void>((resolve, reject) => fs.writeFile(p, data, (e) => (e ? reject(e) : resolve())));
    const writers = Promise.all([write(gzFifo, gz), write(plainFifo, '09:00:00.010 req-00000001 Response details: GET https://a.example/ 200 OK\n')]);
    const both = await runCli(['--json', '-f', plainFifo, gzFifo]);
    await writers;
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toMatch(/501 requests, 4786 lines/);
    expect(ndjson(both.stdout)).toHaveLength(501);
  });

  it('UTF-16 and binary input say what they are (file and stdin), plain text says nothing', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples/busy.log'), 'utf8').split('\n').slice(0, 50).join('\n') + '\n';
    const utf16le = Buffer.from(text, 'utf16le');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]);
    const u16 = tmpFile('u16.log', withBom);
    const plain = tmpFile('plain.log', text);
    // not read at all: said, and exit 2 (unreadable input) after the rest, alone or beside a text log, on one thread or two
    for (const r of [
      await runCli(['--json', u16]), await runCli(['--json', tmpFile('u16le.log', utf16le)]), await runCli(['--json'], { input: withBom }),
      await runCli(['--json', plain, u16]), await runCli(['--json', '--workers', '2', plain, u16]),
    ]) {
      expect(r.stderr).toMatch(/looks like UTF-16 text, which is not read: convert it first \(iconv -f UTF-16 -t UTF-8/);
      expect(r.stderr).not.toMatch(/Latin-1/);
      expect(r.code, r.stderr).toBe(2);
    }
    // the text log beside it is read whole
    expect(new Set((await runCli(['--json', plain, u16])).stdout.trim().split('\n').map((l) => JSON.parse(l).requestId)).size).toBeGreaterThan(3);
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(200, 0), Buffer.from('\n')]);
    const bin = tmpFile('a.out', binary);
    // a binary file's lines are kept (as unparsed): read, exit 0; so beside a text log, where it was not looked at before
    for (const r of [await runCli(['--json', bin]), await runCli(['--json', plain, bin])]) {
      expect(r.stderr).toMatch(/a\.out: looks like a binary file, not a text log/);
      expect(r.code).toBe(0);
    }
    expect((await runCli(['--json', plain])).stderr).not.toMatch(/looks like/);
  });

  it('one thread and two agree on values nested past any stack (the depth is capped, not the stack)', async () => {
    const lines = [5000, 8000, 12000].map(
      (d, i) => `{"level":103,"requestId":"deep-0000${i}","data":{"id":0,"method":"GET","host":"h","path":"/x","error":${nested(d)}}}`,
    );
    const f = tmpFile('deeper.log', lines.join('\n') + '\n');
    const one = await runCli(['--json', f]);
    const two = await runCli(['--json', '--workers', '2', f]);
    expect(one.stdout.trim().split('\n').sort()).toEqual(two.stdout.trim().split('\n').sort());
    expect(one.stdout).toContain('[a value nested too deeply to show]');
  });

  it('a file name with escape sequences does not reach the terminal raw in error lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-name-'));
    const bad = path.join(dir, 'e\u001b]0;PWNED\u0007\u001b[31mred.log.gz');
    fs.writeFileSync(bad, 'not gzip at all\n');
    const r = await runCli(['--json', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid gzip file/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('SIGTERM delivered twice at once (as `timeout` does) still prints every row and the totals', async () => {
    const child = spawn(process.execPath, [BIN, '--json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    // a finished request, then 30 open ones 20 s later on the stream's clock: the first is printed at once, which
    // shows the lines were read and the signals are the program's to handle
    const lines = [
      '09:00:00.000 req-done0001 Request details: GET https://a.example/done',
      '09:00:00.100 req-done0001 Response details: GET https://a.example/done 200 OK',
      ...Array.from({ length: 30 }, (_, i) => `09:00:20.${String(i).padStart(3, '0')} req-${String(i).padStart(8, '0')} Request details: GET https://a.example/${i}`),
    ];
    child.stdin.write(lines.join('\n') + '\n');
    const deadline = Date.now() + 20_000;
    while (!out.includes('req-done0001') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(143);
    const rows = ndjson(out);
    expect(rows).toHaveLength(31);
    expect(rows[0]).toMatchObject({ requestId: 'req-done0001', label: 'ok' });
    // the pipe is still open: none of the others can be decided yet
    expect(new Set(rows.slice(1).map((o) => o.label))).toEqual(new Set(['pending']));
    expect(err).toMatch(/31 requests, 32 lines/);
  });

  it('rerun refuses a timeout Node cannot wait for, instead of giving up at once', async () => {
    const f = tmpFile('r.log', '09:00:00.010 rerun-000006 Upstream Request: GET http://127.0.0.1:9/x\n');
    const r = await runCli(['rerun', f, 'rerun-000006', '--timeout', '600h']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout must be at most 1h/);
  });
});
