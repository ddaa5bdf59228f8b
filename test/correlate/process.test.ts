// Fastify numbers its requests req-1, req-2, ... afresh in every process, and pino stamps every line with the
// process's `pid` and `hostname`: the same ID from another process (a restart, a cluster worker, another pod) is
// another request, at the same time too. Lines from /tmp/realapps/logs (fastify-app.js, Fastify 5, logger: true).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { ROOT } from '../helpers/run-cli.js';

function read(lines: string[]): Pipeline {
  const p = new Pipeline();
  p.feed(lines);
  p.end();
  return p;
}
const rows = (p: Pipeline) =>
  p.groups().map((g) => [g.requestId, g.process, g.url?.replace('http://127.0.0.1:4005', ''), g.status, g.label, g.totalLines]);

/** fastify-cluster.log's req-1, req-8 and req-9: two node:cluster workers (8108, 8109) on one stdout serving them at once */
const CLUSTER_LOG = path.join(ROOT, 'test/fixtures/realapps/fastify-cluster.log');
const CLUSTER = fs.readFileSync(CLUSTER_LOG, 'utf8').split('\n').filter(Boolean);
const [, , okIn, , okDone] = CLUSTER as [string, string, string, string, string];

/** fastify-restart.log: the app restarted 3 s later (pid 7575, then 7609), its IDs numbered from req-1 again */
const RESTART = [
  '{"level":30,"time":1796185602193,"pid":7575,"hostname":"vm","msg":"Server listening at http://127.0.0.1:4000"}',
  '{"level":30,"time":1796185603263,"pid":7575,"hostname":"vm","reqId":"req-1","req":{"method":"GET","url":"/never","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":37474},"msg":"incoming request"}',
  '{"level":30,"time":1796185603264,"pid":7575,"hostname":"vm","reqId":"req-1","msg":"starting work that never finishes"}',
  '{"level":30,"time":1796185603911,"pid":7575,"hostname":"vm","reqId":"req-2","req":{"method":"GET","url":"/ok","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":37488},"msg":"incoming request"}',
  '{"level":30,"time":1796185603916,"pid":7575,"hostname":"vm","reqId":"req-2","res":{"statusCode":200},"responseTime":4.371989999999869,"msg":"request completed"}',
  '{"level":30,"time":1796185605469,"pid":7609,"hostname":"vm","msg":"Server listening at http://127.0.0.1:4000"}',
  '{"level":30,"time":1796185606401,"pid":7609,"hostname":"vm","reqId":"req-1","req":{"method":"GET","url":"/never","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":44368},"msg":"incoming request"}',
  '{"level":30,"time":1796185606402,"pid":7609,"hostname":"vm","reqId":"req-1","msg":"starting work that never finishes"}',
  '{"level":30,"time":1796185607050,"pid":7609,"hostname":"vm","reqId":"req-2","req":{"method":"GET","url":"/ok","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":44380},"msg":"incoming request"}',
  '{"level":30,"time":1796185607056,"pid":7609,"hostname":"vm","reqId":"req-2","res":{"statusCode":200},"responseTime":5.711082999999917,"msg":"request completed"}',
];

describe('the process a line came from', () => {
  it('two cluster workers serving req-1 at once: the 200 /ok keeps its own response, the 404 /missing its own', () => {
    const p = read(CLUSTER);
    expect(rows(p)).toEqual([
      ['req-1', 'vm/8109', '/ok', 200, 'ok', 2],
      ['req-1', 'vm/8108', '/missing', 404, 'not-found', 3],
      ['req-8', 'vm/8109', '/boom', 500, 'error', 3],
      ['req-9', 'vm/8109', '/never', undefined, 'ssr-code-error', 2],
      ['req-8', 'vm/8108', '/boom', 500, 'error', 3],
      ['req-9', 'vm/8108', '/never', undefined, 'ssr-code-error', 2],
    ]);
    expect(p.stats.reusedIds).toBe(3);
  });

  it('an app restarted within the grace period: each run has its own req-1 and req-2, counted as reused IDs', () => {
    const p = read(RESTART);
    expect(p.groups().map((g) => [g.requestId, g.process, g.label, g.totalLines])).toEqual([
      ['req-1', 'vm/7575', 'ssr-code-error', 2],
      ['req-2', 'vm/7575', 'ok', 2],
      ['req-1', 'vm/7609', 'ssr-code-error', 2],
      ['req-2', 'vm/7609', 'ok', 2],
    ]);
    expect(p.stats.reusedIds).toBe(2);
  });

  it('live report mode: a printed request gone from memory takes its own process\'s late lines, not another worker\'s req-1', () => {
    const p = new Pipeline({ live: true, keepFinal: false, lean: true, settleMs: 15_000 });
    const printed: string[] = [];
    p.onDecided = (g) => printed.push(`${g.requestId} ${g.process} ${g.status} ${g.label}`);
    p.feed([okIn, okDone]);
    // quiet past the grace period: printed, then dropped from memory
    p.tick(Date.now() + 36_000);
    expect(printed).toEqual(['req-1 vm/8109 200 ok']);
    const late = '{"level":30,"time":1796185631703,"pid":8109,"hostname":"vm","reqId":"req-1","msg":"response flushed"}';
    p.feed([...CLUSTER.filter((l) => l.includes('"req-1"') && l.includes('"pid":8108')), late]);
    p.end();
    expect(printed).toEqual(['req-1 vm/8109 200 ok', 'req-1 vm/8108 404 not-found']);
    expect([p.stats.groups, p.stats.afterDecided, p.stats.reusedIds]).toEqual([2, 1, 1]);
  });

  it('lines naming no process join the request by its ID; a request begun by one takes the first process named', () => {
    // another logger's lines (no pid) and an access record for the worker's req-1
    const noPid = '{"type":"log","time":1796185631697,"reqId":"req-1","msg":"sidecar: cache miss"}';
    const access = '{"rid":"req-1","code":"200","met":"GET","hh":"127.0.0.1:4005","url":"/ok"}';
    const p = read([okIn, noPid, okDone, access]);
    expect(rows(p)).toEqual([['req-1', 'vm/8109', '/ok', 200, 'ok', 4]]);
    expect(p.stats.reusedIds).toBe(0);
    // the sidecar's line first: worker 8109's lines join it, worker 8108's start their own request
    const first = read([noPid, ...CLUSTER.filter((l) => l.includes('"req-1"'))]);
    expect(rows(first)).toEqual([
      ['req-1', 'vm/8109', '/ok', 200, 'ok', 3],
      ['req-1', 'vm/8108', '/missing', 404, 'not-found', 3],
    ]);
    // a UUID is unique by itself: two services logging the request ID they pass on stay one request
    const id = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
    const web = `{"level":30,"time":1796185631696,"pid":1,"hostname":"web-7d9f","reqId":"${id}","req":{"method":"GET","url":"/p/1"},"msg":"incoming request"}`;
    const api = `{"level":30,"time":1796185631699,"pid":1,"hostname":"api-5c2b","reqId":"${id}","msg":"loading product 1"}`;
    const done = `{"level":30,"time":1796185631702,"pid":1,"hostname":"web-7d9f","reqId":"${id}","res":{"statusCode":200},"responseTime":6,"msg":"request completed"}`;
    const handedOn = read([web, api, done]);
    expect(handedOn.groups().map((g) => [g.label, g.totalLines, g.process])).toEqual([['ok', 3, undefined]]);
  });
});
