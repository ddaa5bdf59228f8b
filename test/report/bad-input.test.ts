// Bad input through the built binary, as a newcomer gives it: each gets a clear line on stderr, no silent loss.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tmpFile } from '../helpers/run-cli.js';
import { FLAGS } from '../../src/cli.js';

const COMPRESSED = path.join(ROOT, 'test/fixtures/compressed');

describe('bad input through the binary', () => {
  it('refuses --no-reconnect and --header without --ws or --loki, rather than take them and do nothing', async () => {
    const busy = path.join(ROOT, 'samples/busy.log');
    for (const [flags, said] of [[['--no-reconnect'], /--no-reconnect goes with --ws or --loki/], [['--header', 'X-Scope-OrgID: shop'], /--header goes with --ws or --loki/]] as const) {
      const r = await runCli(['--report', ...flags, busy]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(said);
      expect(r.stdout).toBe('');
    }
  });

  it('names a log compressed with bzip2, xz, zstd, lz4 or zip (made by the real tools) and says how to read it', async () => {
    const expected: Record<string, RegExp> = {
      'three.log.bz2': /is compressed with bzip2, which is not read \(only gzip is\): decompress it first \(bzcat FILE \| ssrtail\)/,
      'three.log.xz': /compressed with xz.*\(xzcat FILE \| ssrtail\)/,
      'three.log.zst': /compressed with zstd.*\(zstdcat FILE \| ssrtail\)/,
      'three.log.lz4': /compressed with lz4.*\(lz4cat FILE \| ssrtail\)/,
      'three.log.zip': /compressed with zip.*\(unzip -p FILE \| ssrtail\)/,
    };
    for (const [name, re] of Object.entries(expected)) {
      const file = path.join(COMPRESSED, name);
      const r = await runCli(['--json', file]);
      expect(r.stderr, name).toMatch(re);
      // nothing of it was read: a script sees that in the exit code
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).not.toMatch(/binary file|Latin-1/);
      // piped, the same
      expect((await runCli(['--json'], { input: fs.readFileSync(file) })).stderr, name).toMatch(re);
    }
    // a text log whose first line starts with the letters of bzip2's magic is text
    const text = await runCli(['--json'], { input: 'BZh91AY is not bzip2\n09:00:00.100 req-00000001 Request details: GET https://a.example/\n' });
    expect(text.stderr).not.toMatch(/compressed/);
  });

  it('says when a line longer than 64 MiB was cut into pieces (file, several files, pipe), not only counting more lines', async () => {
    const rows = ['09:00:00.100 req-00000001 Request details: GET https://shop.example.com/a', '09:00:00.300 req-00000001 Response details: GET https://shop.example.com/a 200 OK'];
    // 65 MiB of one application line, and no newline at the end of the file
    const big = Buffer.concat([Buffer.from(rows.join('\n') + '\n09:00:00.200 req-00000001 INFO: '), Buffer.alloc(65 << 20, 0x78)]);
    const file = tmpFile('one-long-line.log', big);
    const other = tmpFile('other.log', '09:00:01.000 req-00000002 Request details: GET https://shop.example.com/b\n');
    const said = /a line longer than 64 MiB: cut into 64 MiB pieces, each read as a line of its own/;
    for (const [what, r, lines] of [
      ['file', await runCli(['--json', file], { timeoutMs: 60_000 }), 4],
      ['two files', await runCli(['--json', file, other], { timeoutMs: 60_000 }), 5],
      ['pipe', await runCli(['--json'], { shellPipeFrom: file, timeoutMs: 60_000 }), 4],
    ] as const) {
      expect(r.code, what).toBe(0);
      expect(r.stderr, what).toMatch(said);
      // the request is whole; its 3 lines and the long line's second piece are counted
      expect(JSON.parse(r.stdout.split('\n')[0]!).label, what).toBe('ok');
      expect(r.stderr, what).toContain(`, ${lines} lines,`);
    }
  }, 120_000);

  it('prints each help asked for on stdout, exit 0 (ssrtail serve --help | less showed nothing)', async () => {
    for (const args of [['--help'], ['curl', '--help'], ['rerun', '--help'], ['serve', '--help']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Usage/);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });

  it('reads a Latin-1 log (or Latin-1 lines among UTF-8 ones) with its characters, and says so, file and pipe', async () => {
    const rows = [
      '09:00:00.100 req-00000001 Request details: GET https://shop.example.com/caf\xe9',
      '09:00:00.200 req-00000001 INFO: r\xe9sum\xe9 f\xfcr M\xfcller',
      '09:00:00.300 req-00000001 Response details: GET https://shop.example.com/caf\xe9 200 OK',
    ];
    const latin1 = Buffer.concat([Buffer.from(rows.join('\n') + '\n', 'latin1'), Buffer.from('09:00:01.000 req-00000002 Request details: GET https://shop.example.com/日本\n')]);
    const file = tmpFile('latin1.log', latin1);
    for (const r of [await runCli(['--json', file]), await runCli(['--json'], { input: latin1 })]) {
      const [first, second] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; label: string });
      expect(first).toMatchObject({ url: 'https://shop.example.com/café', label: 'ok' });
      expect(second!.url).toBe('https://shop.example.com/日本');
      expect(r.stdout).not.toContain('\ufffd');
      expect(r.stderr).toMatch(/lines that are not UTF-8 text: their other bytes are read as Latin-1/);
    }
    const utf8 = tmpFile('utf8.log', Buffer.from(rows.join('\n') + '\n', 'latin1').toString('latin1') + '\n');
    expect((await runCli(['--json', utf8])).stderr).not.toMatch(/UTF-8/);
  });

  it('names every flag it takes in --help and in the README (a flag in one and not the other sends a newcomer astray)', async () => {
    const help = (await runCli(['--help'])).stdout;
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const [name, o] of Object.entries(FLAGS)) {
      // a boolean on by default is turned off with --no-<name>
      const flag = o.type === 'boolean' && o.default === true ? `--no-${name}` : `--${name}`;
      expect(help, flag).toMatch(new RegExp(`${flag}\\b`));
      expect(readme, flag).toMatch(new RegExp(`\`[^\`]*${flag}\\b`));
      if ('short' in o) expect(help, `-${o.short}`).toMatch(new RegExp(`-${o.short}, ${flag}`));
    }
  });

  it('ssrtail curl on a file it cannot read says why no request is found there (UTF-16, compressed, pino-pretty)', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples/busy.log'), 'utf8').split('\n').slice(0, 30).join('\n') + '\n';
    const id = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(text)![0];
    const cases: [string, RegExp][] = [
      [tmpFile('win.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), /\(\S*win\.log: looks like UTF-16 text, which is not read: convert it first \(iconv/],
      [path.join(COMPRESSED, 'three.log.xz'), /\(\S*three\.log\.xz: is compressed with xz, which is not read/],
      [path.join(ROOT, 'test/fixtures/pino-pretty.log'), /\(\d+ of \d+ lines unparsed: they look like pino-pretty output/],
    ];
    for (const [file, why] of cases) {
      const r = await runCli(['curl', file, id]);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toMatch(new RegExp(`no request with ID "${id}" in .*${why.source}`));
    }
    // a readable log says only that the ID is not there
    const plain = await runCli(['curl', tmpFile('plain.log', text), 'ffffffff']);
    expect(plain.stderr.trim()).toMatch(/no request with ID "ffffffff" in \S*plain\.log$/);
  });

  it("names an empty file name (an unset variable) and a file named like a flag, instead of waiting or saying ': no such file'", async () => {
    const empty = /^ssrtail(?: serve)?: '' \(an empty file name: a variable not set\?\): no such file$/m;
    // followed (-f waits for a file that is not there yet, but '' never will be) and served too: both waited forever
    for (const args of [[''], ['-f', ''], ['-f', path.join(ROOT, 'samples/busy.log'), ''], ['curl', '', 'abcdefgh'], ['serve', '', '--port', '0']]) {
      const r = await runCli(args, { timeoutMs: 10_000 });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(empty);
    }
    const dir = path.dirname(tmpFile('-weird.log', fs.readFileSync(path.join(ROOT, 'samples/busy.log')).subarray(0, 2000)));
    for (const args of [['-weird.log'], ['curl', '-weird.log', 'abcdefgh']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^ssrtail: Unknown option '-w': for the file -weird\.log, put -- before it \(-- -weird\.log\)/);
    }
    expect((await runCli(['--report', '--', '-weird.log'], { cwd: dir })).stdout).toMatch(/Totals/);
    // an unknown flag that names no file says only that
    expect((await runCli(['-x', 'a.log'], { cwd: dir })).stderr.trim()).toBe("ssrtail: Unknown option '-x' (ssrtail --help)");
  });
});
