// The binary on Fastify logs whose req-1, req-2, ... come from several processes (test/fixtures/realapps: lines of
// /tmp/realapps/logs/fastify-cluster.log, two node:cluster workers on one stdout): every input path gives the
// same requests, and `ssrtail curl` says which req-1 it took.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const CLUSTER_LOG = path.join(ROOT, 'test/fixtures/realapps/fastify-cluster.log');
const lines = fs.readFileSync(CLUSTER_LOG, 'utf8').split('\n').filter(Boolean);
// each worker's lines, as two pods' logs would have them
const podA = tmpFile('pod-a.log', lines.filter((l) => l.includes('"pid":8108')).join('\n') + '\n');
const podB = tmpFile('pod-b.log', lines.filter((l) => l.includes('"pid":8109')).join('\n') + '\n');

const rows = (stdout: string) => ndjson(stdout).map((o) => [o.requestId, o.process, o.url, o.status, o.label, o.lines].join(' ')).sort();
const WANT = [
  'req-1 vm/8108 http://127.0.0.1:4005/missing 404 not-found 3',
  'req-1 vm/8109 http://127.0.0.1:4005/ok 200 ok 2',
  'req-8 vm/8108 http://127.0.0.1:4005/boom 500 error 3',
  'req-8 vm/8109 http://127.0.0.1:4005/boom 500 error 3',
  'req-9 vm/8108 http://127.0.0.1:4005/never  ssr-code-error 2',
  'req-9 vm/8109 http://127.0.0.1:4005/never  ssr-code-error 2',
];

describe('requests of several processes with the same IDs', () => {
  it('one stdout, --workers 2, two pods as two files and the two concatenated give the same six requests', async () => {
    const one = await runCli(['--json', CLUSTER_LOG]);
    expect(rows(one.stdout)).toEqual(WANT);
    expect(one.stderr).toMatch(/6 requests/);
    expect(rows((await runCli(['--json', '--workers', '2', CLUSTER_LOG])).stdout)).toEqual(WANT);
    const files = await runCli(['--json', podA, podB]);
    expect(rows(files.stdout)).toEqual(WANT);
    expect(rows((await runCli(['--json', podB, podA])).stdout)).toEqual(WANT);
    const cat = tmpFile('pods.log', fs.readFileSync(podA, 'utf8') + fs.readFileSync(podB, 'utf8'));
    expect(rows((await runCli(['--json'], { shellPipeFrom: cat })).stdout)).toEqual(WANT);
    const report = await runCli(['--report', podA, podB]);
    expect(report.stdout).toMatch(/requests +6\b/);
    expect(report.stdout).toMatch(/reused IDs +3\b/);
  });

  it('ssrtail curl: a bare req-1 takes the last and names the other; req-1@host/pid picks one; a prefix lists them apart', async () => {
    const last = await runCli(['curl', CLUSTER_LOG, 'req-1', '--edge']);
    expect(last.code).toBe(0);
    expect(last.stdout).toContain("curl 'http://127.0.0.1:4005/missing'");
    expect(last.stderr).toBe('ssrtail: 2 requests have ID "req-1": this is the last, req-1@vm/8108 (http://127.0.0.1:4005/missing); the others: req-1@vm/8109\n');
    const named = await runCli(['curl', CLUSTER_LOG, 'req-1@vm/8109', '--edge']);
    expect([named.code, named.stderr]).toEqual([0, '']);
    expect(named.stdout).toContain("curl 'http://127.0.0.1:4005/ok'");
    const prefix = await runCli(['curl', CLUSTER_LOG, 'req-']);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toMatch(/ambiguous: req-1@vm\/8109, req-1@vm\/8108, req-8@vm\/8109, /);
  });
});
