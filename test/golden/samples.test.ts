// Golden tests: every committed sample through the real pipeline and through the built binary, every label
// compared with the generator's oracle, and the set of request IDs too (no request lost, none split).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../src/pipeline.js';
import { ndjson, runCli } from '../helpers/run-cli.js';
import { SAMPLES, diffLabels, readNdjson, sampleLogs } from './oracle.js';

const logs = sampleLogs();
const oracle = (rel: string) => readNdjson(path.join(SAMPLES, rel.replace(/\.log$/, '.expected.ndjson')));

describe('golden samples', () => {
  it('cover every label the logs can produce, in text and JSON, and the busy log', () => {
    const labels = ['ok', 'not-found', 'error', 'allowlist-suspect', 'backend-error', 'ssr-code-error', 'sni-error', 'upstream-connection-error'];
    for (const l of labels) {
      expect(logs).toContain(`labels/${l}.text.log`);
      expect(logs).toContain(`labels/${l}.json.log`);
    }
    expect(logs).toContain('labels/timeout.json.log');
    expect(logs).toContain('busy.log');
    const busy = oracle('busy.log');
    expect(busy.length).toBeGreaterThanOrEqual(400);
    for (const l of [...labels, 'timeout']) {
      // "a few of each failure"
      expect(busy.filter((e) => e.label === l).length, l).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(logs)('%s: every request gets its label through the pipeline', async (rel) => {
    const p = await loadGroups([path.join(SAMPLES, rel)]);
    const got = p.groups().map((g) => ({ requestId: g.requestId, label: g.label }));
    const expected = oracle(rel);
    expect(expected.length).toBeGreaterThan(0);
    expect(diffLabels(got, expected)).toEqual([]);
    expect(p.stats.evicted).toBe(0);
  });

  it.each(['busy.log', 'labels/allowlist-suspect.text.log', 'labels/timeout.json.log', 'spec/spec-examples.log'])(
    '%s: the built binary prints the same labels as NDJSON',
    async (rel) => {
      const r = await runCli(['--report', '--json', path.join(SAMPLES, rel)], { timeoutMs: 60_000 });
      expect(r.stderr).toMatch(/^ssrtail: \d+ requests, \d+ lines/m);
      expect(r.code).toBe(0);
      const rows = ndjson(r.stdout) as unknown as Array<{ requestId: string; label: string }>;
      expect(diffLabels(rows, oracle(rel))).toEqual([]);
    },
    60_000,
  );

  it('the binary and the pipeline agree on every field of busy.log', async () => {
    const file = path.join(SAMPLES, 'busy.log');
    const [p, r] = await Promise.all([loadGroups([file]), runCli(['--json', file], { timeoutMs: 60_000 })]);
    const rows = ndjson(r.stdout) as unknown as Array<{ requestId: string; label: string; status: number | null; hasResponse: boolean }>;
    const groups = new Map(p.groups().map((g) => [g.requestId, g]));
    expect(rows.length).toBe(groups.size);
    for (const row of rows) {
      const g = groups.get(row.requestId)!;
      expect(g, row.requestId).toBeDefined();
      expect([row.label, row.status, row.hasResponse]).toEqual([g.label, g.status ?? null, g.response !== undefined]);
    }
  }, 60_000);
});
