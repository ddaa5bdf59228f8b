// Report mode with worker threads (the built binary): the same rows and totals as one thread.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ndjson, runCli } from '../helpers/run-cli.js';
import { readNdjson, diffLabels } from '../golden/oracle.js';

const BUSY = path.join(ROOT, 'samples/busy.log');
const sorted = (text: string) => text.split('\n').filter(Boolean).sort();

describe('report mode with workers', () => {
  it('--workers 2 and 3 print the same NDJSON rows and totals as one thread', async () => {
    const one = await runCli(['--json', '--workers', '1', BUSY]);
    expect(one.code).toBe(0);
    expect(ndjson(one.stdout).length).toBe(500);
    for (const n of ['2', '3']) {
      const many = await runCli(['--json', '--workers', n, BUSY]);
      expect(many.code).toBe(0);
      expect(sorted(many.stdout)).toEqual(sorted(one.stdout));
      expect(many.stderr).toBe(one.stderr);
    }
  });

  it("says what one thread says of a file that is no UTF-8 text (UTF-16, binary), once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-par-'));
    const utf16 = path.join(dir, 'win.log');
    fs.writeFileSync(utf16, Buffer.from('\ufeff09:00:00.000 req-0000001 Request details: GET https://shop.example.com/\n'.repeat(50), 'utf16le'));
    const one = await runCli(['--json', utf16]);
    const two = await runCli(['--json', '--workers', '2', utf16]);
    expect(one.stderr).toMatch(/UTF-16/);
    expect(two.stderr).toBe(one.stderr);
  });

  it('the table, --only and --details: the same rows and the same totals', async () => {
    const args = ['--report', '--only', 'failures', '--details', '--no-color'];
    const one = await runCli([...args, '--workers', '1', BUSY]);
    const two = await runCli([...args, '--workers', '2', BUSY]);
    expect(two.code).toBe(0);
    const [head1, ...rest1] = one.stdout.split('\n');
    const [head2, ...rest2] = two.stdout.split('\n');
    expect(head2).toBe(head1);
    // totals: everything from the first blank line on
    const totals = (lines: string[]) => lines.slice(lines.indexOf(''));
    expect(totals(rest2)).toEqual(totals(rest1));
    expect(rest2.slice(0, rest2.indexOf('')).length).toBe(rest1.slice(0, rest1.indexOf('')).length);
  });

  it('a generated mixed log: every label as the oracle says, every line counted once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-par-'));
    const log = path.join(dir, 'mixed.log');
    const exp = path.join(dir, 'mixed.expected.ndjson');
    const g = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-log.mjs'), '--lines', '30000', '--seed', '11', '--out', log, '--expect', exp], { encoding: 'utf8' });
    expect(g.status, g.stderr).toBe(0);
    const r = await runCli(['--json', '--workers', '2', log], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const got = ndjson(r.stdout).map((o) => ({ requestId: String(o.requestId), label: String(o.label) }));
    expect(diffLabels(got, readNdjson(exp))).toEqual([]);
    expect(r.stderr).toMatch(/ssrtail: \d+ requests, 30000 lines/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bad input: one clear line and exit 2', async () => {
    const r = await runCli(['--json', '--workers', '2', path.join(ROOT, 'samples')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/samples: is a directory/);
    const w = await runCli(['--json', '--workers', '0', BUSY]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--workers must be a whole number from 1 to 64/);
  });
});
