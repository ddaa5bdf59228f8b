// gzip as people feed it: rotated logs with the current one after them, several members, padding, garbage,
// a file cut short. Real files, FIFOs and pipes through the binary.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tmpFile } from '../helpers/run-cli.js';

const busy = fs.readFileSync(path.join(ROOT, 'samples/busy.log'));
/** busy.log cut at a line end near its middle: the rotated part (gzipped) and the current one (plain) */
const cut = busy.indexOf('\n', busy.length >> 1) + 1;
const older = busy.subarray(0, cut);
const newer = busy.subarray(cut);
const WHOLE = /500 requests, 4785 lines/;
const sorted = (s: string) => s.trim().split('\n').sort();

function fifoWith(content: Buffer): { fifo: string; written: Promise<void> } {
  const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-gz-')), 'p');
  execFileSync('mkfifo', [fifo]);
  const written = new Promise<void>((resolve, reject) => fs.writeFile(fifo, content, (e) => (e ? reject(e) : resolve())));
  return { fifo, written };
}

describe('gzip followed by more', () => {
  it('`cat app.log.1.gz app.log |` reads both parts, as a file, a FIFO and piped stdin, and says plain text followed', async () => {
    const mixed = Buffer.concat([zlib.gzipSync(older), newer]);
    const whole = await runCli(['--json', path.join(ROOT, 'samples/busy.log')]);
    const named = tmpFile('mixed.gz', mixed);
    // known as gzip by its first bytes only (logrotate's app.log.1 compressed in place)
    const unnamed = tmpFile('app.log.1', mixed);
    const { fifo, written } = fifoWith(mixed);
    const runs = [
      await runCli(['--json', named]),
      await runCli(['--json', unnamed]),
      await runCli(['--json', fifo]),
      await runCli(['--json'], { shellPipeFrom: named }),
      await runCli(['--json'], { input: mixed }),
    ];
    await written;
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(WHOLE);
      expect(sorted(r.stdout)).toEqual(sorted(whole.stdout));
    }
    // a live source (the FIFO, stdin) says it on stderr, once; a file says it when it ends
    for (const r of runs.slice(2)) expect(r.stderr.match(/: live: plain text followed the gzip data/g)).toHaveLength(1);
    for (const r of runs.slice(0, 2)) expect(r.stderr.match(/: plain text followed the gzip data/g)).toHaveLength(1);
    // among several files (read side by side in time order), too
    const beside = tmpFile('other.log', '09:00:00.010 req-00000001 Response details: GET https://a.example/ 200 OK\n');
    const merged = await runCli(['--json', named, beside]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/501 requests, 4786 lines/);
  });

  it('bytes of garbage after a .gz are kept as a line, and nothing before them is lost', async () => {
    const f = tmpFile('garbage.log.gz', Buffer.concat([zlib.gzipSync(busy), Buffer.from('\x01\x02 not a log line\n')]));
    const r = await runCli(['--json', f]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/500 requests, 4786 lines/);
  });

  it('several members with zero padding between and after them are all read', async () => {
    const third = busy.indexOf('\n', cut + (busy.length >> 2)) + 1;
    const zeros = Buffer.alloc(512);
    const padded = Buffer.concat([zlib.gzipSync(older), zeros, zlib.gzipSync(busy.subarray(cut, third)), zlib.gzipSync(busy.subarray(third)), zeros]);
    const f = tmpFile('padded.log.gz', padded);
    for (const r of [await runCli(['--json', f]), await runCli(['--json'], { input: padded })]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(WHOLE);
      expect(r.stderr).not.toMatch(/plain text/);
    }
  });

  it('a member cut short after another: the lines of both up to the cut, then the error', async () => {
    const second = zlib.gzipSync(newer).subarray(0, -400);
    const gz = Buffer.concat([zlib.gzipSync(older), Buffer.alloc(16), second]);
    const f = tmpFile('cut.log.gz', gz);
    const newlines = (b: Buffer) => b.toString().split('\n').length - 1;
    const upToCut = newlines(older) + newlines(zlib.gunzipSync(second, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    for (const r of [await runCli(['--json', f]), await runCli(['--json'], { input: gz })]) {
      expect(r.code).toBe(2);
      // it says the file was read up to the cut, not that it could not be read
      expect(r.stderr).toMatch(/: gzip data cut short \(unexpected end of file\): read up to the cut$/m);
      // the whole lines decoded before the cut, and the half line at it
      const lines = Number(/(\d+) lines/.exec(r.stderr)?.[1]);
      expect(lines).toBe(upToCut + 1);
      expect(lines).toBeGreaterThan(newlines(older) + 1);
    }
  });
});
