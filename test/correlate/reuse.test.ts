// One request ID for two requests (every Fastify process numbers its requests req-1, req-2, ...): a second,
// different response or request row starts a new request, whatever the order of the files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { ROOT, ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const POD_A = [
  '{"level":30,"time":1710147600000,"pid":1,"hostname":"a","reqId":"req-1","req":{"method":"GET","url":"/a"},"msg":"incoming request"}',
  '{"level":30,"time":1710147600050,"pid":1,"hostname":"a","reqId":"req-1","res":{"statusCode":200},"responseTime":50,"msg":"request completed"}',
];
const POD_B = [
  '{"level":30,"time":1710147600100,"pid":2,"hostname":"b","reqId":"req-1","req":{"method":"GET","url":"/b"},"msg":"incoming request"}',
  '{"level":30,"time":1710147600150,"pid":2,"hostname":"b","reqId":"req-1","res":{"statusCode":500},"responseTime":50,"msg":"request completed"}',
];

function read(lines: string[]): Pipeline {
  const p = new Pipeline();
  p.feed(lines);
  p.end();
  return p;
}
const rows = (p: Pipeline) => p.groups().map((g) => [g.url, g.status, g.label]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('a request ID used by two requests', () => {
  it('two pods logged one after the other give two requests in either order, the 500 kept', async () => {
    const want = [['/a', 200, 'ok'], ['/b', 500, 'error']];
    for (const lines of [[...POD_A, ...POD_B], [...POD_B, ...POD_A]]) {
      const p = read(lines);
      expect(rows(p)).toEqual(want);
      expect(p.stats.reusedIds).toBe(1);
    }
    const r = await runCli(['--json', tmpFile('pods.log', [...POD_B, ...POD_A].join('\n') + '\n')]);
    expect(ndjson(r.stdout).map((o) => [o.url, o.label]).sort()).toEqual([['/a', 'ok'], ['/b', 'error']]);
    expect(r.stderr).toMatch(/1 reused IDs/);
    // still one request: exact re-deliveries; pino-http's own sample, where every line a request logs carries
    // its `req`, at its own time
    const redelivered = read([...POD_A, ...POD_A]);
    expect([redelivered.groups().length, redelivered.stats.duplicates, redelivered.stats.reusedIds]).toEqual([1, 2, 0]);
    const pino = read(fs.readFileSync(path.join(ROOT, 'samples/formats/pino-http.log'), 'utf8').split('\n').filter(Boolean));
    expect(pino.stats.reusedIds).toBe(0);
  });

  it('a second response row with another status is another request: a later 200 does not hide a 500; the same status is not', () => {
    const p = read([
      '09:00:00.000 dup-0000001 Request details: GET https://shop.example.com/a',
      '09:00:00.300 dup-0000001 Response details: GET https://shop.example.com/a 500 Internal Server Error',
      '09:00:00.200 dup-0000001 Response details: GET https://shop.example.com/a 200 OK',
    ]);
    expect(p.groups().map((g) => [g.status, g.label])).toEqual([[500, 'error'], [200, 'ok']]);
    expect(p.stats.reusedIds).toBe(1);
    // the same status twice is one request: Fastify logs an error with its `res`, then "request completed"
    const fastifyError = read([
      '{"level":30,"time":1710147600000,"reqId":"req-9","req":{"method":"GET","url":"/x"},"msg":"incoming request"}',
      '{"level":50,"time":1710147600003,"reqId":"req-9","req":{"method":"GET","url":"/x"},"res":{"statusCode":500},"err":{"type":"Error","message":"boom"},"msg":"boom"}',
      '{"level":30,"time":1710147600004,"reqId":"req-9","res":{"statusCode":500},"responseTime":4,"msg":"request completed"}',
    ]);
    expect(fastifyError.groups().map((g) => [g.label, g.status])).toEqual([['error', 500]]);
    expect(fastifyError.stats.reusedIds).toBe(0);
  });

  it('the same request row logged again (other headers, 2 ms on) and a generic error line with an early res stay one request', () => {
    const text = read([
      '09:00:00.000 rd-00000002 Request details: GET https://shop.example.com/a',
      '09:00:00.002 rd-00000002 Request details: GET https://shop.example.com/a',
      '    user-agent: curl/8',
      '09:00:00.100 rd-00000002 Response details: GET https://shop.example.com/a 404 Not Found',
    ]);
    expect(text.groups().map((g) => g.label)).toEqual(['not-found']);
    // a custom error handler logs `res` before it sets the status: 200 on the error line, 500 when completed
    const fastify = read([
      '{"level":30,"time":1710147600000,"reqId":"req-5","req":{"method":"GET","url":"/a","hostname":"shop.example.com"},"msg":"incoming request"}',
      '{"level":50,"time":1710147600040,"reqId":"req-5","res":{"statusCode":200},"err":{"type":"Error","message":"boom"},"msg":"boom"}',
      '{"level":30,"time":1710147600050,"reqId":"req-5","res":{"statusCode":500},"responseTime":50,"msg":"request completed"}',
    ]);
    expect(fastify.groups().map((g) => [g.label, g.status])).toEqual([['error', 500]]);
    expect(text.stats.reusedIds + fastify.stats.reusedIds).toBe(0);
  });

  it('pino-http lines after the response carry the request too: they are its application lines, not a new request', () => {
    const req = '"req":{"id":"ph-0000001","method":"GET","url":"/x","headers":{"host":"shop.example.com"}}';
    const p = read([
      `{"level":30,"time":1710147600000,${req},"msg":"request received"}`,
      `{"level":30,"time":1710147600050,${req},"res":{"statusCode":200},"responseTime":50,"msg":"request completed"}`,
      `{"level":30,"time":1710147600060,${req},"msg":"audit: page view recorded"}`,
      `{"level":50,"time":1710147600070,${req},"msg":"cache write failed"}`,
    ]);
    expect(p.groups().map((g) => [g.label, g.totalLines])).toEqual([['ok', 4]]);
    expect(p.stats.reusedIds).toBe(0);
  });

  it('the same file twice: the headers and body under a repeated row are skipped with it, not added to the first', () => {
    const once = [
      '09:00:00.000 cu-0000001 Request details: POST https://shop.example.com/a',
      '    Request Headers',
      '    Content-Type: application/json',
      '    Body: {"a":1}',
      '09:00:00.050 cu-0000001 Upstream Request: POST https://api.example.net/x 200 OK in 5ms',
      '    Request Headers',
      '    Accept: application/json',
      '    Body: {"q":1}',
      '09:00:00.100 cu-0000001 Response details: POST https://shop.example.com/a 200 OK',
    ];
    const p = read([...once, ...once]);
    const g = p.groups()[0]!;
    expect(p.groups()).toHaveLength(1);
    expect(g.request!.headers).toEqual([['Content-Type', 'application/json']]);
    expect(g.request!.body).toBe('{"a":1}');
    expect(g.upstreams[0]!.headers).toEqual([['Accept', 'application/json']]);
    expect(g.upstreams[0]!.body).toBe('{"q":1}');
    expect(p.stats.duplicates).toBe(9);
  });

  it('the same request in the server JSON and in an export rounded to whole seconds stays one request', () => {
    const p = read([
      '{"level":100,"time":1710147600500,"requestId":"rt-00000002","data":{"method":"GET","path":"/a","host":"shop.example.com","protocol":"https:"}}',
      '{"level":101,"time":1710147600700,"requestId":"rt-00000002","data":{"statusCode":404,"statusMessage":"Not Found"}}',
      '{"request_id":"rt-00000002","level":100,"timestamp":1710147600,"message":"","source":"DRI","dri_data":{"method":"GET","path":"/a","host":"shop.example.com","protocol":"https:"}}',
      '{"request_id":"rt-00000002","level":101,"timestamp":1710147600,"message":"","source":"DRI","dri_data":{"statusCode":404,"statusMessage":"Not Found"}}',
    ]);
    expect(p.groups().map((g) => g.label)).toEqual(['not-found']);
    expect(p.stats.reusedIds).toBe(0);
  });

  it('a response row stamped before the request row it would join is another request', () => {
    const p = read([
      '09:00:11.344 req-0054 Request details: GET https://docs.example.org/c/shoes?page=9',
      '09:00:11.398 req-0054 Response details: GET https://docs.example.org/c/shoes?page=9 200 OK',
      '09:00:11.075 req-0054 Response details: GET https://news.example.net/en-gb/p/6270?variant=20 200 OK',
      '09:00:11.002 req-0054 Request details: GET https://news.example.net/en-gb/p/6270?variant=20',
    ]);
    expect(p.groups().map((g) => [g.url, g.label, g.totalLines])).toEqual([
      ['https://docs.example.org/c/shoes?page=9', 'ok', 2],
      ['https://news.example.net/en-gb/p/6270?variant=20', 'ok', 2],
    ]);
  });

  it('a request slower than the grace period (fastify-slow.log, 37 s) stays one: its late app line and its response, whose responseTime reaches back to its first line', () => {
    const slow = [
      '{"level":30,"time":1796186024299,"pid":16673,"hostname":"vm","reqId":"req-1","req":{"method":"GET","url":"/report","host":"127.0.0.1:4011","remoteAddress":"127.0.0.1","remotePort":46808},"msg":"incoming request"}',
      '{"level":30,"time":1796186024300,"pid":16673,"hostname":"vm","reqId":"req-1","msg":"building report"}',
      '{"level":30,"time":1796186024301,"pid":16673,"hostname":"vm","reqId":"req-2","req":{"method":"GET","url":"/ok","host":"127.0.0.1:4011","remoteAddress":"127.0.0.1","remotePort":46810},"msg":"incoming request"}',
      '{"level":30,"time":1796186024307,"pid":16673,"hostname":"vm","reqId":"req-2","res":{"statusCode":200},"responseTime":6.236448999999993,"msg":"request completed"}',
      '{"level":30,"time":1796186061309,"pid":16673,"hostname":"vm","reqId":"req-1","msg":"report built"}',
      '{"level":30,"time":1796186061314,"pid":16673,"hostname":"vm","reqId":"req-1","res":{"statusCode":200},"responseTime":37014.032481999995,"msg":"request completed"}',
    ];
    const p = read(slow);
    expect(p.groups().map((g) => [g.requestId, g.url, g.label, g.totalLines, Math.round(g.durationMs!)])).toEqual([
      ['req-1', 'http://127.0.0.1:4011/report', 'ok', 4, 37014],
      ['req-2', 'http://127.0.0.1:4011/ok', 'ok', 2, 6],
    ]);
    expect(p.stats.reusedIds).toBe(0);
    // the response alone, its duration reaching back: the same
    const responseOnly = read([slow[0]!, slow[1]!, slow[5]!]);
    expect(responseOnly.groups().map((g) => [g.label, g.totalLines])).toEqual([['ok', 3]]);
    // a quick response 37 s on, from the same process (a restart keeping pid and hostname: a container's pid 1)
    // does not reach back: another request
    const quick = read([slow[0]!, slow[1]!, slow[5]!.replace('37014.032481999995', '5.1')]);
    expect(quick.groups().map((g) => [g.label, g.totalLines])).toEqual([['ssr-code-error', 2], ['ok', 1]]);
    expect(quick.stats.reusedIds).toBe(1);
  });

  it('live report mode: lines for a request printed and gone from memory are counted, not printed as a second request', () => {
    // what live report mode runs (cli.ts): printed requests leave memory
    const p = new Pipeline({ live: true, keepFinal: false, lean: true, settleMs: 15_000 });
    const printed: string[] = [];
    p.onDecided = (g) => printed.push(`${g.requestId} ${g.label}`);
    const t = 1710147600000;
    const row = (level: number, dt: number, id: string, data: object) => JSON.stringify({ level, time: t + dt, requestId: id, data });
    const up = { id: 0, method: 'GET', protocol: 'https:', host: 'api.example.net', port: 443, path: '/v1' };
    p.feed([row(100, 0, 'pa-000000', { method: 'GET', path: '/a', host: 'shop.example.com', protocol: 'https:' }), row(102, 10, 'pa-000000', up)]);
    // a pod whose clock is an hour ahead: its two lines move the stream's clock past pa's grace period
    p.feed([row(100, 3_600_000, 'pb-000000', { method: 'GET', path: '/b', host: 'shop.example.com', protocol: 'https:' })]);
    p.feed([row(101, 3_600_050, 'pb-000000', { statusCode: 200 })]);
    expect(printed).toEqual(['pa-000000 allowlist-suspect']);
    // pa's answer, late: its request was printed and dropped
    p.feed([row(103, 1500, 'pa-000000', { ...up, statusCode: 200, duration: 1490 }), row(101, 1600, 'pa-000000', { statusCode: 200 })]);
    // the same ID much later is a new request, and says so
    p.feed([row(100, 3_700_000, 'pa-000000', { method: 'GET', path: '/c', host: 'shop.example.com', protocol: 'https:' }), row(101, 3_700_010, 'pa-000000', { statusCode: 404 })]);
    p.end();
    expect(printed).toEqual(['pa-000000 allowlist-suspect', 'pb-000000 ok', 'pa-000000 not-found']);
    expect(p.stats.afterDecided).toBe(2);
    expect(p.stats.reusedIds).toBe(1);
    expect(p.stats.groups).toBe(3);
  });

  it('a text row stamped with a time of day and a JSON row of the same request are one request (two clocks)', () => {
    // the console's text row, a time of day not yet placed on a date, then the platform's request row of the same
    // request, its epoch time (every epoch time is "after" a time of day): not a request row stamped after the response
    const id = '5814c3be-d04e-4c85-aa78-e755e30bd261';
    const request = JSON.stringify({ level: 100, time: Date.UTC(2024, 2, 11, 9, 0, 0, 157), requestId: id, data: { method: 'GET', path: '/p/1', host: 'shop.example.com', protocol: 'https:' } });
    for (const lines of [
      [`09:00:00.157 [${id}] Response details: GET https://shop.example.com/p/1 200 OK`, request],
      [`09:00:00.157 ${id} GET https://shop.example.com/p/1`, `09:00:00.157 ${id} Response details: GET https://shop.example.com/p/1 200 OK`, request],
    ]) {
      const p = read(lines);
      expect(p.groups().map((g) => [g.label, g.totalLines])).toEqual([['ok', lines.length]]);
      expect(p.stats.reusedIds).toBe(0);
    }
  });

  it('a UUID handed on to another service (x-request-id, both log their own request) is one request, the front one, in any order', () => {
    // real Fastify 5 output: /page calls /api/item with its request ID (requestIdHeader: 'x-request-id'); it answers
    // 200 (after the backend's 200), then 500 (after the backend's 503, with Fastify's error line)
    const lines = fs.readFileSync(path.join(ROOT, 'test/fixtures/realapps/fastify-handed-on.log'), 'utf8').trim().split('\n');
    // the backends in a process of their own, as in two containers
    const apart = lines.map((l) => (/"url":"\/api\/item"|loading item|"responseTime":(4\.89|12\.9)/.test(l) ? l.replace(/"pid":\d+,/, '"pid":7,') : l));
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const shuffled = (a: string[]) => a.map((l) => [rand(), l] as const).sort((x, y) => x[0] - y[0]).map(([, l]) => l);
    for (const input of [lines, apart, [...lines].reverse(), ...Array.from({ length: 6 }, () => shuffled(lines))]) {
      const p = read(input);
      const got = p.groups().map((g) => [g.requestId.slice(0, 8), g.url, g.label, g.status, g.totalLines]).sort();
      expect(got).toEqual([
        ['aaaabbbb', 'http://127.0.0.1:4102/page', 'error', 500, 6],
        ['f4bbb05f', 'http://127.0.0.1:4100/page', 'ok', 200, 6],
      ]);
      expect(p.stats.reusedIds).toBe(0);
    }
  });

  it("an ID handed on keeps the front service's request headers, not the inner's and not both, in any order", () => {
    // Fastify with a `req` serializer that keeps the headers
    const id = 'f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca';
    const row = (t: number, url: string, host: string, extra: string) =>
      `{"level":30,"time":${t},"pid":1,"hostname":"vm","reqId":"${id}","req":{"method":"GET","url":"${url}","headers":{"host":"${host}",${extra}}},"msg":"incoming request"}`;
    const outer = row(1796226517925, '/page', '127.0.0.1:4100', '"x-front":"1"');
    const inner = row(1796226517929, '/api/item', '127.0.0.1:4101', `"x-request-id":"${id}","x-inner":"1"`);
    for (const lines of [[outer, inner], [inner, outer]]) {
      const g = read(lines).groups();
      expect(g.map((x) => x.url)).toEqual(['http://127.0.0.1:4100/page']);
      expect(g[0]!.request?.headers).toEqual([['host', '127.0.0.1:4100'], ['x-front', '1']]);
    }
  });
});
