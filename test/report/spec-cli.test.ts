// The real binary's `--report --json` on random requests (test/helpers/spec-model.ts), read as a file, piped (live:
// each printed once decided) and split between threads: one row per request, the spec table's label, every line counted.
import { describe, expect, it } from 'vitest';
import { arrive, fileLines, render, randomRequest, rng, specLabel, type SpecRequest } from '../helpers/spec-model.js';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const T0 = Date.UTC(2024, 2, 11, 9, 0, 0);

function log(seed: number, n: number) {
  const r = rng(seed);
  const requests: SpecRequest[] = [];
  for (let i = 0, t = T0; i < n; i++) requests.push(randomRequest(r, (t += Math.floor(r() * 2000))));
  // every other request's text rows stamped with a time of day, the rest with ISO 8601
  const lines = fileLines(arrive(r, requests.flatMap((q, i) => render(r, q, { timeOfDay: i % 2 === 1 }))));
  return { requests, lines };
}

describe('ssrtail --report --json on random requests', () => {
  const { requests, lines } = log(41, 150);
  const file = tmpFile('spec.log', lines.join('\n') + '\n');
  const want = requests.map((q) => `${q.id} ${specLabel(q)}`).sort();

  it.each([
    ['a file', [file], {}],
    ['a pipe (live input)', ['-'], { shellPipeFrom: file }],
    ['a file, two threads', ['--workers', '2', file], {}],
  ] as Array<[string, string[], { shellPipeFrom?: string }]>)('%s: one row per request with the table\'s label, every line counted', async (_name, args, opts) => {
    const r = await runCli(['--report', '--json', ...args], { ...opts, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((o) => `${o.requestId} ${o.label}`).sort()).toEqual(want);
    // each row says how many lines it had: with none without an ID or repeated, they add up to the input
    expect(rows.reduce((n, o) => n + (o.lines as number), 0)).toBe(lines.length);
    expect(r.stderr).toContain(`${requests.length} requests, ${lines.length} lines`);
  }, 90_000);
});
