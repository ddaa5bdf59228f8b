// --filter on the bundled sample (4 sites, 404 bots, 539s): what it prints is what the unfiltered report holds that
// the terms describe, the totals say how many it hid, and a bad term is a usage error.
import { describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../helpers/run-cli.js';

const BUSY = 'samples/busy.log';

type Row = { requestId: string; label: string; status: number | null; method: string; url: string; upstream: { url: string }[] };
const host = (url: string | undefined) => (url ?? '').split('/')[2]?.split(':')[0] ?? '';

let all: Row[] | undefined;
async function unfiltered(): Promise<Row[]> {
  all ??= ndjson((await runCli(['--json', BUSY])).stdout) as unknown as Row[];
  return all;
}

async function filtered(...args: string[]) {
  const r = await runCli(['--json', ...args, BUSY]);
  return { ...r, rows: ndjson(r.stdout) as unknown as Row[] };
}

describe('--filter', () => {
  it('5xx and 539, not docs: the rows of the whole report that match, and the summary counts what it hid', async () => {
    const rows = await unfiltered();
    const want = rows.filter((o) => o.status !== null && o.status >= 500 && host(o.url) !== 'docs.example.org');
    expect(want.length).toBeGreaterThan(20);
    const r = await filtered('--filter', 'status:5xx status:539 -host:docs');
    expect(r.code).toBe(0);
    expect(r.rows.map((o) => o.requestId)).toEqual(want.map((o) => o.requestId));
    expect(r.stderr).toContain(`${rows.length - want.length} not printed (left out by --filter 'status:5xx status:539 -host:docs')`);
  });

  it('repeated flags AND: calls to cms.example.org by POST requests', async () => {
    const want = (await unfiltered()).filter((o) => o.method === 'POST' && o.upstream.some((u) => host(u.url) === 'cms.example.org'));
    expect(want.length).toBeGreaterThan(0);
    const r = await filtered('--filter', 'up:cms', '--filter', 'method:post');
    expect(r.rows.map((o) => o.requestId)).toEqual(want.map((o) => o.requestId));
  });

  it('drops the 404 noise from the failures, and works with --only and --workers', async () => {
    const rows = await unfiltered();
    const want = rows.filter((o) => o.label !== 'ok' && o.label !== 'not-found' && o.label !== 'pending');
    expect(rows.some((o) => o.label === 'not-found')).toBe(true);
    const r = await filtered('--only', 'failures', '--filter', '-label:not-found');
    expect(r.rows.map((o) => o.requestId)).toEqual(want.map((o) => o.requestId));
    expect(r.stderr).toContain(`${rows.length - want.length} not printed (left out by --only and --filter '-label:not-found')`);
    // two threads print the same requests (in their own order) and count the same hidden ones
    const w = await filtered('--workers', '2', '--only', 'failures', '--filter', '-label:not-found');
    expect(w.rows.map((o) => o.requestId).sort()).toEqual(want.map((o) => o.requestId).sort());
    expect(w.stderr).toContain(`${rows.length - want.length} not printed`);
  });

  it('the table says the totals count the whole input, and how many requests the filter hid', async () => {
    const want = (await unfiltered()).filter((o) => host(o.url) === 'shop.example.com' && o.url.includes('/p/'));
    const r = await runCli(['--report', '--filter', 'host:shop.example.com path:/p/', BUSY]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => / https?:\/\//.test(l));
    expect(rows.length).toBe(want.length);
    expect(rows.every((l) => l.includes('://shop.example.com/') && l.includes('/p/'))).toBe(true);
    expect(r.stdout).toMatch(/^Totals \(of the whole input: --filter 'host:shop\.example\.com path:\/p\/' chose the rows above\)$/m);
    expect(r.stdout).toMatch(new RegExp(`^  not shown +${500 - want.length}  left out by --filter`, 'm'));
    expect(r.stdout).toMatch(/^  requests +500$/m);
  });

  it('a bad term is a usage error that names it (exit 2, nothing printed)', async () => {
    for (const [expr, msg] of [
      ['stauts:539', 'ssrtail: --filter: unknown field "stauts" in "stauts:539"'],
      ['status:5', 'ssrtail: --filter: status:5: a status is three digits'],
      ['cms', 'ssrtail: --filter: "cms" is not a filter term'],
      ['', 'ssrtail: --filter: an empty filter'],
    ]) {
      const r = await runCli(['--json', '--filter', expr!, BUSY]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(msg);
    }
  });
});
