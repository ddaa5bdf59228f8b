import { describe, expect, it } from 'vitest';
import { LineParser } from '../../src/parse/index.js';
import { parseJsonTime, parseTimeToken, peekTime } from '../../src/parse/time.js';

const UUID = 'f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca';
function parseAll(lines: string[], format: 'auto' | 'text' | 'json' = 'auto') {
  const p = new LineParser(0, format);
  // a piece of a longer line (Docker/CRI) has no event of its own: its last piece brings it
  return lines.flatMap((l) => p.parse(l) ?? []);
}

describe('times', () => {
  it('reads HH:MM:SS.mmm as ms since midnight and ISO as epoch ms', () => {
    expect(parseTimeToken('01:35:38.857')).toBe(((1 * 60 + 35) * 60 + 38) * 1000 + 857);
    expect(parseTimeToken('2024-03-11T19:52:13.620Z')).toBe(Date.parse('2024-03-11T19:52:13.620Z'));
    expect(parseTimeToken('GET')).toBeUndefined();
    expect(parseTimeToken('25:00:00.000')).toBeUndefined();
  });
  it('reads a JSON time written with a comma before its fraction (log4js, Python asctime)', () => {
    expect(parseJsonTime('2024-03-11T09:00:00,125Z')).toBe(Date.parse('2024-03-11T09:00:00.125Z'));
    expect(parseJsonTime('2024-03-11 09:00:01,100')).toBe(Date.parse('2024-03-11T09:00:01.100'));
    expect(parseJsonTime('09:00:00,100')).toBeUndefined();
  });
  it('peeks times of JSON lines in ms, seconds and ISO', () => {
    expect(peekTime('{"level":30,"time":1710186733625}')).toBe(1710186733625);
    expect(peekTime('{"timestamp":1710186733.625,"request_id":"x"}')).toBe(1710186733625);
    expect(peekTime('01:00:00.001 abc')).toBe(3600001);
    expect(peekTime('no time here')).toBeUndefined();
  });
  it('peeks the time of a line behind a kubectl or compose prefix, and a date and time written with a space', () => {
    expect(peekTime('[pod/shop-1/shop] 01:00:00.001 abc')).toBe(3600001);
    expect(peekTime('\u001b[36mshop-1  |\u001b[0m {"time":1710186733625}')).toBe(1710186733625);
    expect(peekTime('2024-03-11 19:52:13.620Z req-1 INFO: x')).toBe(Date.parse('2024-03-11T19:52:13.620Z'));
    expect(peekTime('2024-03-11 09:00:00.000\t{"level":30}')).toBe(Date.parse('2024-03-11T09:00:00.000'));
  });
  it('reads JSON times as seconds, ms, µs or ns by size, and none past what a Date can hold', () => {
    const t = 1710186733625;
    expect(parseJsonTime(t / 1000)).toBe(t);
    expect(parseJsonTime(t)).toBe(t);
    expect(parseJsonTime(t * 1000)).toBe(t);
    expect(parseJsonTime(t * 1e6)).toBe(t);
    expect(parseJsonTime('2024-03-11T19:52:13.625Z')).toBe(t);
    for (const bad of [1e30, 8.7e21, Number.MAX_VALUE, '1e30', 0, -5, 'soon']) expect(parseJsonTime(bad), String(bad)).toBeUndefined();
  });
});

describe('text console format', () => {
  it('reads the four rows with the ID on each', () => {
    const ev = parseAll([
      `01:35:38.857 ${UUID} GET https://shop.example.com/p/1`,
      `01:35:38.857 ${UUID} Request details: GET https://shop.example.com/p/1`,
      `01:35:39.479 ${UUID} Upstream Request: GET https://api.example.net/v1/p/1 200 OK in 63ms`,
      `01:35:38.900 [${UUID}] Response details: GET https://shop.example.com/p/1 503 Service Unavailable`,
      `01:35:39.000 ${UUID} Upstream Request: POST https://api.example.net/v1/cart`,
      `01:35:39.100 ${UUID} INFO: fetching category 1`,
    ]);
    expect(ev.map((e) => e.kind)).toEqual(['summary', 'request', 'upstream', 'response', 'upstream', 'log']);
    expect(ev.every((e) => e.requestId === UUID)).toBe(true);
    expect(ev[2]).toMatchObject({ method: 'GET', url: 'https://api.example.net/v1/p/1', status: 200, statusText: 'OK', durationMs: 63 });
    expect(ev[3]).toMatchObject({ status: 503, statusText: 'Service Unavailable' });
    expect(ev[4]!.status).toBeUndefined();
    expect(ev[5]).toMatchObject({ level: 'INFO', msg: 'fetching category 1' });
  });
  it('reads multi-word reasons and upstream error codes', () => {
    const [a, b] = parseAll([
      `2024-03-11T19:52:13.620Z req-000042 Upstream Request: GET https://a.example/x 504 Gateway Time-out in 10000ms`,
      `2024-03-11T19:52:13.620Z req-000042 Upstream Request: GET https://a.example/y ECONNREFUSED connect failed`,
    ]);
    expect(a).toMatchObject({ status: 504, statusText: 'Gateway Time-out', durationMs: 10000, requestId: 'req-000042' });
    expect(b).toMatchObject({ errorCode: 'ECONNREFUSED', error: 'connect failed' });
    expect(b!.status).toBeUndefined();
  });
  it('attaches indented headers and bodies to the row above, with header sets', () => {
    const ev = parseAll([
      `01:00:00.000 ${UUID} Upstream Request: POST https://api.example.net/x 200 OK in 5ms`,
      `    Request Headers`,
      `    Content-Type: application/json`,
      `    Response Headers`,
      `    Set-Cookie: a=b`,
      `    Body: {"q":1}`,
    ]);
    expect(ev[2]).toMatchObject({ kind: 'header', requestId: UUID, parentKind: 'upstream', headerSection: 'request', headerName: 'Content-Type', headerValue: 'application/json' });
    expect(ev[4]).toMatchObject({ kind: 'header', headerSection: 'response', headerName: 'Set-Cookie' });
    expect(ev[5]).toMatchObject({ kind: 'body', body: '{"q":1}' });
  });
  it("reads the console's own copy: ID on the summary only, detail rows indented or not", () => {
    const ev = parseAll([
      `01:35:38.857  GET https://shop.example.com/p/1     ${UUID}`,
      `  01:35:38.857  Request details:  GET https://shop.example.com/p/1`,
      `  01:35:39.479  Upstream Request: GET https://api.example.net/v1/p/1  200 OK in 63ms`,
      `01:35:38.857  Response details: GET https://shop.example.com/p/1  200 OK`,
      `  21:31:49.016  INFO: fetching category 1`,
    ]);
    expect(ev.map((e) => e.kind)).toEqual(['summary', 'request', 'upstream', 'response', 'log']);
    expect(ev.every((e) => e.requestId === UUID)).toBe(true);
    expect(ev[2]).toMatchObject({ status: 200, durationMs: 63 });
  });
  it("reads the console's copy from a web page, its columns spaced and rows indented with no-break spaces", () => {
    const nb = (s: string) => s.replace(/ {2}/g, '\u00a0\u00a0');
    const ev = parseAll([
      nb(`01:35:38.857  GET https://shop.example.com/p/1     ${UUID}`),
      nb(`  01:35:38.857  Request details:  GET https://shop.example.com/p/1`),
      nb(`  01:35:39.479  Upstream Request: GET https://api.example.net/v1/p/1  200 OK in 63ms`),
      nb(`    Authorization: Bearer abc`),
      nb(`  01:35:38.857  Response details: GET https://shop.example.com/p/1  200 OK`),
    ]);
    expect(ev.map((e) => e.kind)).toEqual(['summary', 'request', 'upstream', 'header', 'response']);
    expect(ev.every((e) => e.requestId === UUID)).toBe(true);
    expect(ev[2]).toMatchObject({ url: 'https://api.example.net/v1/p/1', status: 200, durationMs: 63 });
    expect(ev[3]).toMatchObject({ headerName: 'Authorization', headerValue: 'Bearer abc' });
    expect(ev[4]).toMatchObject({ status: 200 });
  });
  it("ends the console copy's block at a row with another request's ID or a JSON line: later rows without an ID are no request's", () => {
    const ev = parseAll([
      `09:00:00.000  GET https://shop.example.com/a     ${UUID}`,
      `  09:00:00.300  Response details: GET https://shop.example.com/a  200 OK`,
      '09:00:01.000 req-00000002 Request details: GET https://shop.example.com/b',
      '09:05:00.000 INFO: cache warmed',
      `09:06:00.000  GET https://shop.example.com/c     ${UUID.replace('f4', 'a4')}`,
      '{"level":30,"time":1710147605000,"requestId":"req-00000003","msg":"json line"}',
      '09:07:00.100 ERROR: disk almost full',
    ]);
    expect(ev.map((e) => e.requestId)).toEqual([UUID, UUID, 'req-00000002', undefined, UUID.replace('f4', 'a4'), 'req-00000003', undefined]);
  });
  it("reads application rows at syslog's short levels and npm's (winston) as the request's lines", () => {
    const levels = ['ERR', 'CRIT', 'ALERT', 'EMERG', 'http', 'verbose', 'silly'];
    const ev = parseAll(levels.map((l) => `09:00:00.100 req-00000042 ${l}: something`));
    expect(ev.map((e) => [e.kind, e.requestId, e.level])).toEqual(levels.map((l) => ['log', 'req-00000042', l.toUpperCase()]));
  });
  it('keeps a line that fits nothing as raw', () => {
    const ev = parseAll(['hello world', '\u0000\u0001binary', '{"not": "closed"', '   ']);
    expect(ev.map((e) => e.kind)).toEqual(['raw', 'raw', 'raw', 'raw']);
  });
  it('does not take words for IDs', () => {
    const [e] = parseAll(['01:00:00.000 Starting server on port 3000']);
    expect(e!.requestId).toBeUndefined();
    expect(e!.kind).toBe('log');
  });
});

describe('raw server JSON (levels 100-104)', () => {
  const base = { time: 1710186733620, wi: 'w', awsTag: 'userLogs', clientIp: '203.0.113.7', requestId: 'r-0000001' };
  it('reads every DRI level', () => {
    const ev = parseAll([
      JSON.stringify({ ...base, level: 100, data: { method: 'GET', path: '/p?q=1', host: 'shop.example.com', protocol: 'https:', headers: { Cookie: 'a=b' } } }),
      JSON.stringify({ ...base, level: 102, data: { id: 0, method: 'GET', protocol: 'http:', host: '192.192.1.1', port: 8080, path: '/', headers: { Accept: '*/*' } } }),
      JSON.stringify({ ...base, level: 103, data: { id: 0, method: 'GET', protocol: 'http:', host: '192.192.1.1', port: 8080, path: '/', statusCode: 200, statusMessage: 'OK', headers: {}, duration: 12 } }),
      JSON.stringify({ ...base, level: 103, data: { id: 1, method: 'GET', protocol: 'https:', host: 'x.example', port: 443, path: '/', code: 'ETIMEDOUT', error: 'connect ETIMEDOUT' } }),
      JSON.stringify({ ...base, level: 104, data: { id: 0, body: Buffer.from('{"ok":true}').toString('base64'), bodyLength: 11 } }),
      JSON.stringify({ ...base, level: 101, data: { statusCode: 200, statusMessage: 'OK', headers: { 'content-type': 'text/html' } } }),
      JSON.stringify({ ...base, level: 30, msg: 'fetching product 123' }),
      JSON.stringify({ ...base, level: 50, msg: 'boom' }),
    ]);
    expect(ev.map((e) => e.kind)).toEqual(['request', 'upstream', 'upstream-response', 'upstream-response', 'upstream-body', 'response', 'log', 'log']);
    expect(ev[0]).toMatchObject({ url: 'https://shop.example.com/p?q=1', method: 'GET', format: 'server-json', clientIp: '203.0.113.7' });
    expect(ev[0]!.headers).toEqual([['Cookie', 'a=b']]);
    expect(ev[1]).toMatchObject({ url: 'http://192.192.1.1:8080/', upstreamId: '0' });
    expect(ev[2]).toMatchObject({ status: 200, durationMs: 12, upstreamId: '0' });
    expect(ev[3]!.status).toBeUndefined();
    expect(ev[3]).toMatchObject({ errorCode: 'ETIMEDOUT', upstreamId: '1', url: 'https://x.example/' });
    expect(ev[4]).toMatchObject({ body: '{"ok":true}' });
    expect(ev[5]).toMatchObject({ status: 200 });
    expect(ev[6]).toMatchObject({ level: 'INFO', msg: 'fetching product 123', requestId: 'r-0000001' });
    expect(ev[7]!.level).toBe('ERROR');
  });
  it('reads the real-time log delivery export', () => {
    const [e] = parseAll([
      JSON.stringify({ request_id: 'abc12345', level: 103, timestamp: 1710186733.5, source: 'DRI', message: '', dri_data: { id: 2, method: 'GET', protocol: 'https:', host: 'api.example', path: '/v', statusCode: 404 } }),
    ]);
    expect(e).toMatchObject({ kind: 'upstream-response', format: 'rtld-json', requestId: 'abc12345', status: 404, time: 1710186733500, upstreamId: '2' });
    const [l] = parseAll([JSON.stringify({ request_id: 'abc12345', level: 30, timestamp: 1710186733.5, source: 'APPLICATION', message: 'hi' })]);
    expect(l).toMatchObject({ kind: 'log', msg: 'hi', requestId: 'abc12345' });
  });
  it('reads real-time log delivery data fields stringified by a log shipper', () => {
    const rec = (level: number, d: object) => JSON.stringify({ request_id: 'rs-0000001', level, timestamp: 1710147600.1, message: '', source: 'DRI', dri_data: JSON.stringify(d) });
    const [q, r] = parseAll([rec(100, { method: 'GET', path: '/a', host: 'shop.example.com', protocol: 'https:' }), rec(101, { statusCode: 404, statusMessage: 'Not Found' })]);
    expect(q).toMatchObject({ kind: 'request', method: 'GET', url: 'https://shop.example.com/a' });
    expect(r).toMatchObject({ kind: 'response', status: 404, statusText: 'Not Found' });
  });
});

describe('generic JSON and access logs', () => {
  it('reads every request-ID alias', () => {
    const ids = [
      { requestId: 'a1' }, { request_id: 'a2' }, { requestID: 'a3' }, { 'x-request-id': 'a4' }, { reqId: 'a5' }, { req: { id: 'a6' } }, { rid: 'a7' }, { uuid: 'a8' },
    ];
    const ev = parseAll(ids.map((o) => JSON.stringify({ ...o, event: 'log', msg: 'm' })));
    expect(ev.map((e) => e.requestId)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
  });
  it('reads event/type objects', () => {
    const ev = parseAll([
      JSON.stringify({ event: 'upstream', requestId: 'q1', method: 'get', url: 'https://b/x', status: 502, statusText: 'Bad Gateway', durationMs: 40, headers: { a: '1' } }),
      JSON.stringify({ type: 'response', requestId: 'q1', status: 200 }),
      JSON.stringify({ type: 'summary', requestId: 'q1', method: 'GET', url: 'https://s/' }),
    ]);
    expect(ev[0]).toMatchObject({ kind: 'upstream', method: 'GET', status: 502, durationMs: 40, headers: [['a', '1']] });
    expect(ev[1]).toMatchObject({ kind: 'response', status: 200 });
    expect(ev[2]).toMatchObject({ kind: 'summary' });
  });
  it('reads pino-http and Fastify request logging', () => {
    const ev = parseAll([
      JSON.stringify({ level: 30, time: 1, reqId: 'req-1', req: { method: 'GET', url: '/x', hostname: 'localhost:3000' }, msg: 'incoming request' }),
      JSON.stringify({ level: 30, time: 2, reqId: 'req-1', res: { statusCode: 500 }, responseTime: 3.2, msg: 'request completed' }),
      JSON.stringify({ level: 30, time: 3, req: { id: 7, method: 'POST', url: '/y' }, res: { statusCode: 201 }, responseTime: 9, msg: 'request completed' }),
    ]);
    expect(ev[0]).toMatchObject({ kind: 'request', requestId: 'req-1', url: 'http://localhost:3000/x' });
    expect(ev[1]).toMatchObject({ kind: 'response', requestId: 'req-1', status: 500, durationMs: 3.2 });
    expect(ev[2]).toMatchObject({ kind: 'response', requestId: '7', status: 201, method: 'POST' });
  });
  it("reads a plain pino line's top-level request and response, marked inferred; an app's other fields stay a log line", () => {
    const id = 'c0a36345-dbfc-48d6-a3cf-91f10ee8969f';
    const ev = parseAll([
      `{"level":30,"time":1796185533913,"pid":6167,"hostname":"vm","requestId":"${id}","method":"GET","url":"/ok","msg":"request start"}`,
      `{"level":30,"time":1796185533916,"pid":6167,"hostname":"vm","requestId":"${id}","statusCode":200,"msg":"request done"}`,
      `{"level":30,"time":1796185533917,"requestId":"${id}","status":404,"responseTime":2.5,"msg":"done"}`,
      `{"level":30,"time":1796185533918,"requestId":"${id}","method":"GET","url":"http://127.0.0.1:4100/unavail","msg":"calling backend"}`,
      `{"level":30,"time":1796185533919,"requestId":"${id}","status":"active","method":"getUser","url":"/ok","msg":"cache"}`,
      `{"level":30,"time":1796185533920,"status":200,"method":"GET","url":"/ok","msg":"no request ID"}`,
    ]);
    expect(ev[0]).toMatchObject({ kind: 'request', method: 'GET', url: '/ok', inferred: true, msg: 'request start' });
    expect(ev[1]).toMatchObject({ kind: 'response', status: 200, inferred: true });
    expect(ev[2]).toMatchObject({ kind: 'response', status: 404, durationMs: 2.5 });
    expect(ev.slice(3).map((e) => e.kind)).toEqual(['log', 'log', 'log']);
  });
  it('reads the error a pino line logs; a response record at level error or pino-http\'s own 5xx error is none', () => {
    const ev = parseAll([
      '{"level":50,"time":1796185533918,"requestId":"b55d2868","err":{"type":"Error","message":"plain kaboom","stack":"Error: plain kaboom\\n    at Server.<anonymous> (/tmp/x.js:26:45)"},"msg":"handler failed"}',
      '{"level":50,"time":1796185908318,"req":{"id":"bbdb71a1","method":"GET","url":"/product/p1?fail=1"},"uuid":"b9c8a1e2-0000-4000-8000-000000000001","msg":"price service failed"}',
      '{"level":50,"time":1710147629735,"reqId":"req-4","res":{"statusCode":539},"responseTime":20024.12,"msg":"request errored"}',
      '{"level":30,"time":1796185908319,"req":{"id":"bbdb71a1","method":"GET","url":"/x"},"res":{"statusCode":500},"err":{"type":"Error","message":"failed with status code 500"},"responseTime":1,"msg":"request errored"}',
      '{"level":50,"time":1,"reqId":"req-9","err":{"type":"TypeError","message":"fetch failed","cause":{"code":"ECONNREFUSED"}},"msg":"upstream call failed"}',
      '{"level":50,"time":2,"reqId":"req-10","err":{"type":"TypeError","message":"Cannot read properties of null (reading \'price\')","stack":"TypeError: Cannot read properties of null\\n    at get (/app/node_modules/lodash/get.js:3:9)\\n    at node:internal/process/task_queues:95:5\\n    at getServerSideProps (/var/task/.next/server/pages/p/[id].js:1:2290)"},"msg":"render failed"}',
    ]);
    expect(ev[0]).toMatchObject({ kind: 'log', requestId: 'b55d2868', error: 'plain kaboom', errorAt: 'Server.<anonymous> (/tmp/x.js:26:45)' });
    expect(ev[1]).toMatchObject({ kind: 'request', requestId: 'bbdb71a1', error: 'price service failed' });
    expect([ev[2]!.error, ev[3]!.error]).toEqual([undefined, undefined]);
    expect(ev[4]).toMatchObject({ error: 'TypeError: fetch failed', errorCode: 'ECONNREFUSED' });
    // an error logged as a string is its message
    const [str] = parseAll(['{"level":40,"time":3,"reqId":"req-11","err":"socket hang up","msg":"retrying"}']);
    expect(str).toMatchObject({ kind: 'log', error: 'socket hang up' });
    // the error's type beside its message, and the app's own frame: past node_modules and Node's internals
    expect(ev[5]).toMatchObject({ error: "TypeError: Cannot read properties of null (reading 'price')", errorAt: 'getServerSideProps (/var/task/.next/server/pages/p/[id].js:1:2290)' });
  });
  it('reads both access-log shapes', () => {
    const [old, neu] = parseAll([
      JSON.stringify({ rid: 'acc00001', code: '539', met: 'GET', hh: 'shop.example.com', url: '/p', rfr: '-', xmt: 'eh=1', xms: 'e=539' }),
      JSON.stringify({ uuid: 'acc00002', status_code: 502, method: 'GET', host: 'shop.example.com', path: '/q', referer: '', proxy_hard_error: 'HARD_ERR_502_SSL_CONNECT_ERROR' }),
    ]);
    expect(old).toMatchObject({ kind: 'access', requestId: 'acc00001', status: 539, method: 'GET', url: 'https://shop.example.com/p' });
    expect(neu).toMatchObject({ kind: 'access', requestId: 'acc00002', status: 502, proxyHardError: 'HARD_ERR_502_SSL_CONNECT_ERROR' });
  });
  it('--format text leaves JSON as raw; --format json leaves text as raw', () => {
    expect(parseAll(['{"requestId":"a","event":"log"}'], 'text')[0]!.kind).toBe('raw');
    expect(parseAll([`01:00:00.000 ${UUID} GET https://x/`], 'json')[0]!.kind).toBe('raw');
  });
});

describe('edge cases seen in the wild', () => {
  it('reads a status with no reason phrase before "in <N>ms"', () => {
    const [e] = parseAll([`01:00:00.000 req-00000001 Upstream Request: GET https://a/x 200 in 63ms`]);
    expect(e).toMatchObject({ status: 200, durationMs: 63 });
    expect(e!.statusText).toBeUndefined();
  });
  it('reads an export row whose level is missing from its data fields', () => {
    const ev = parseAll([
      JSON.stringify({ request_id: 'r-0000009', timestamp: 1.7e9, source: 'DRI', dri_data: { id: 0, method: 'GET', host: 'a', path: '/' } }),
      JSON.stringify({ request_id: 'r-0000009', timestamp: 1.7e9, source: 'DRI', dri_data: { id: 0, code: 'ETIMEDOUT' } }),
      JSON.stringify({ request_id: 'r-0000009', timestamp: 1.7e9, source: 'DRI', dri_data: { statusCode: 200 } }),
    ]);
    expect(ev.map((e) => e.kind)).toEqual(['upstream', 'upstream-response', 'response']);
  });
  it('takes no duration that cannot be one (negative, or past a year: a logging bug)', () => {
    const [neg, huge, ok] = parseAll([
      '{"requestId":"r-1234567","event":"response","status":200,"durationMs":-5}',
      '{"level":103,"requestId":"r-1234567","data":{"id":0,"statusCode":200,"duration":1e300}}',
      '{"requestId":"r-1234567","event":"response","status":200,"durationMs":12.5}',
    ]);
    expect(neg!.durationMs).toBeUndefined();
    expect(huge!.durationMs).toBeUndefined();
    expect(ok!.durationMs).toBe(12.5);
  });
  it('reads an older access record with only rid and code', () => {
    const [e] = parseAll([JSON.stringify({ rid: 'acc00003', code: '539' })]);
    expect(e).toMatchObject({ kind: 'access', status: 539 });
  });
});

describe('IDs as the spec allows them', () => {
  it('reads a summary that carries the ID alone, and the ID-less rows under it', () => {
    const ev = parseAll([
      `01:35:38.857  ${UUID}`,
      `  01:35:38.857  Request details:  GET https://shop.example.com/p/1`,
      `  01:35:39.479  Upstream Request: GET https://api.example.net/v1/p/1`,
    ]);
    expect(ev.map((e) => [e.kind, e.requestId])).toEqual([
      ['summary', UUID],
      ['request', UUID],
      ['upstream', UUID],
    ]);
  });
  it('takes an all-letter token of 8+ characters for an ID when a known row follows it', () => {
    const ev = parseAll([
      `01:36:00.000 abcdefghij Request details: GET https://shop.example.com/x`,
      `01:36:00.100 abcdefghij INFO: hello`,
      `01:36:00.200 abcdefghij GET https://shop.example.com/x`,
      `01:36:00.300 Something happened here`,
    ]);
    expect(ev.map((e) => e.requestId)).toEqual(['abcdefghij', 'abcdefghij', 'abcdefghij', undefined]);
  });
  it('takes a token for an ID only when a row shape follows it: start-up lines are ID-less, not requests', () => {
    const ev = parseAll([
      '09:00:00.400 Server12 started',
      '09:00:00.401 v20.11.1 runtime loaded',
      '09:00:00.402 ip-10-0-1-62 health check passed',
      '09:00:00.403 127.0.0.1 connected',
      '09:00:00.404 1710147600 heartbeat',
      '09:00:00.405 [main] listening on port 3000',
      '09:00:00.406 [INFO] server ready',
    ]);
    expect(ev.map((e) => [e.kind, e.requestId])).toEqual(ev.map(() => ['log', undefined]));
    expect(ev[3]!.msg).toBe('127.0.0.1 connected');
    // the same tokens before a row shape (or alone, as the console's summary) are IDs
    const rows = parseAll([
      '09:00:00.500 Server12 Request details: GET https://a.example/x',
      '09:00:00.501 127.0.0.1 INFO: hello',
      '09:00:00.502 [req-1] GET https://a.example/y',
      '09:00:00.503 1710147600',
    ]);
    expect(rows.map((e) => [e.kind, e.requestId])).toEqual([
      ['request', 'Server12'],
      ['log', '127.0.0.1'],
      ['summary', 'req-1'],
      ['summary', '1710147600'],
    ]);
  });
});

describe('saved logs as they come off real machines', () => {
  it('reads lines inside Docker json-file and CRI wrappers, keeping the original line', () => {
    const inner = `01:00:00.000 ${UUID} Upstream Request: GET https://a/x 200 OK in 5ms`;
    const docker = JSON.stringify({ log: inner + '\n', stream: 'stdout', time: '2024-03-11T19:52:13.620Z' });
    const cri = `2024-03-11T19:52:13.620123456Z stdout F {"level":30,"time":1,"requestId":"r-1234567","msg":"hi"}`;
    const [d, c] = parseAll([docker, cri]);
    expect(d).toMatchObject({ kind: 'upstream', status: 200, requestId: UUID, raw: docker });
    expect(c).toMatchObject({ kind: 'log', msg: 'hi', requestId: 'r-1234567', raw: cri });
  });
  it('reads coloured lines', () => {
    const [e] = parseAll([`\u001b[90m01:00:00.000\u001b[39m ${UUID} \u001b[32mINFO\u001b[39m: hello`]);
    expect(e).toMatchObject({ kind: 'log', level: 'INFO', msg: 'hello', requestId: UUID });
  });
  it('reads a first line behind a UTF-8 byte order mark, text or JSON', () => {
    const [t, j] = parseAll([`\ufeff09:00:00.000 req-00000012 Response details: GET https://a.example/ 200 OK`, '\ufeff{"requestId":"r-1234567","event":"response","status":200}']);
    expect(t).toMatchObject({ kind: 'response', status: 200, requestId: 'req-00000012' });
    expect(j).toMatchObject({ kind: 'response', status: 200, requestId: 'r-1234567' });
  });
  it('reads an ISO time written with a space', () => {
    const [e] = parseAll([`2024-03-11 19:52:13.620Z ${UUID} Response details: GET https://a/ 200 OK`]);
    expect(e).toMatchObject({ kind: 'response', time: Date.parse('2024-03-11T19:52:13.620Z'), status: 200 });
  });
});
