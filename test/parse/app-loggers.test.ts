// JSON lines of app loggers beside pino's: request IDs one level down (winston's `meta`, as express-winston's request
// logging writes it beside `req`, `res` and `responseTime`; a `context` object; NestJS's `message` object), winston's
// errors and request lines, and a level in `severity`.
// test/fixtures/realapps/express-winston.log is what express 5 + express-winston 4 wrote (its errorLogger line
// trimmed of os/process/trace).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import type { RequestGroup } from '../../src/model.js';
import { LineParser } from '../../src/parse/index.js';
import { groupHost } from '../../src/filter/fields.js';
import { ROOT } from '../helpers/run-cli.js';

const LOG = fs.readFileSync(path.join(ROOT, 'test/fixtures/realapps/express-winston.log'), 'utf8').split('\n').filter(Boolean);

function run(lines: string[], lean: boolean): { groups: Map<string, RequestGroup>; noId: number } {
  const p = new Pipeline({ lean, keepFinal: !lean, live: false });
  const groups = new Map<string, RequestGroup>();
  p.onDecided = (g) => void groups.set(g.requestId, g);
  p.feed(lines);
  p.end();
  return { groups, noId: p.stats.unattributed - p.stats.rawLines };
}

describe('express-winston request logging (meta.requestId, meta.req, meta.res, meta.responseTime)', () => {
  for (const lean of [true, false]) {
    it(`answers each request with its status, method and URL (${lean ? 'report' : 'TUI'} pipeline)`, () => {
      const { groups, noId } = run(LOG, lean);
      const rows = [...groups.values()].map((g) => [g.requestId.slice(0, 8), g.method, g.url, g.status, g.label].join(' ')).sort();
      expect(rows).toEqual([
        '237fbd42 GET http://127.0.0.1:3405/boom 500 error',
        'c0abd681 GET http://127.0.0.1:3405/ok 200 ok',
        'decfa7a4 GET http://127.0.0.1:3405/missing 404 not-found',
      ]);
      expect(noId).toBe(0);
      expect(groups.get('c0abd681-aa53-40d8-9656-a602c4acb986')!.durationMs).toBe(4);
    });
  }
});

describe("winston's metadata() format (every field but level and message under `metadata`)", () => {
  it('reads the request and its response from there, with their times', () => {
    // what winston 3 wrote with combine(timestamp(), metadata(), json())
    const lines = [
      '{"level":"info","message":"incoming request","metadata":{"method":"GET","requestId":"wmd00000-0000-4000-8000-000000000001","timestamp":"2026-12-02T13:55:08.369Z","url":"/p/1"}}',
      '{"level":"info","message":"request completed","metadata":{"requestId":"wmd00000-0000-4000-8000-000000000001","responseTime":12,"statusCode":503,"timestamp":"2026-12-02T13:55:08.377Z"}}',
    ];
    for (const lean of [true, false]) {
      const g = run(lines, lean).groups.get('wmd00000-0000-4000-8000-000000000001')!;
      expect([g.method, g.url, g.status, g.label, g.firstTime], `lean ${lean}`).toEqual(['GET', '/p/1', 503, 'error', Date.parse('2026-12-02T13:55:08.369Z')]);
    }
  });
});

describe('a request ID in meta or context', () => {
  const ID = '2d06e02a-08b1-48c1-83c3-cddd1a818c41';
  const idOf = (line: string) => new LineParser().parse(line)?.requestId;
  it('is the line’s request ID; the top level wins over it', () => {
    expect(idOf(`{"level":"info","message":"rendering","meta":{"requestId":"${ID}"},"timestamp":"2026-12-02T12:41:44.227Z"}`)).toBe(ID);
    expect(idOf(`{"context":{"request_id":"${ID}"},"level":"info","message":"ctx","timestamp":"2026-12-02T12:41:44.227Z"}`)).toBe(ID);
    expect(idOf(`{"requestId":"top-level-1","meta":{"requestId":"${ID}"},"msg":"x"}`)).toBe('top-level-1');
  });
  it("is not looked for in a NestJS context string, nor taken from a nested uuid (an entity's)", () => {
    expect(idOf('{"level":"info","message":"Mapped {/ok, GET} route","context":"RouterExplorer"}')).toBeUndefined();
    expect(idOf(`{"level":"info","message":"saved","meta":{"uuid":"${ID}"}}`)).toBeUndefined();
  });
});

describe("the error of a winston line: a `stack` beside its message, no err object", () => {
  it("express-winston's errorLogger (error: {}, meta.stack) names the error and where it was thrown, not its message 'middlewareError'", () => {
    const g = run(LOG, true).groups.get('237fbd42-f03e-46f8-a4a0-593847305e94')!;
    expect(g.reasons).toEqual(['status 500', 'error logged: kaboom at file:///tmp/hA-apps/ew-app.mjs:10:40']);
  });
  it("winston's errors({ stack: true }): the stack's error, typed, at the app's own frame", () => {
    const ev = new LineParser().parse(
      '{"level":"error","message":"render failed","requestId":"abcd1234-1","stack":"TypeError: Cannot read properties of null (reading \'price\')\\n    at render (/srv/app/node_modules/x/y.js:1:1)\\n    at getPage (/srv/app/pages/p.js:12:7)","timestamp":"2026-12-02T12:41:44.227Z"}',
    )!;
    expect(ev).toMatchObject({ error: "TypeError: Cannot read properties of null (reading 'price')", errorAt: 'getPage (/srv/app/pages/p.js:12:7)' });
  });
});

describe("a winston request line's own Host header (`{requestId, method, url: '/ok', headers}`)", () => {
  const ID = '2d06e02a-08b1-48c1-83c3-cddd1a818c41';
  const lines = [
    `{"headers":{"accept":"*/*","host":"127.0.0.1:3404","user-agent":"curl/7.88.1"},"level":"info","message":"incoming request","method":"GET","requestId":"${ID}","timestamp":"2026-12-02T12:41:44.197Z","url":"/ok"}`,
    `{"level":"info","message":"request completed","method":"GET","requestId":"${ID}","responseTime":52,"statusCode":200,"timestamp":"2026-12-02T12:41:44.249Z","url":"/ok"}`,
  ];
  it('makes the full URL, so the report (which keeps no headers) and the TUI agree on its host', () => {
    for (const lean of [true, false]) {
      const g = run(lines, lean).groups.get(ID)!;
      expect(g.url, `lean ${lean}`).toBe('http://127.0.0.1:3404/ok');
      expect(groupHost(g)).toBe('127.0.0.1');
      expect(g.label).toBe('ok');
    }
  });
  it('keeps its headers for copy as curl and the detail pane (the TUI pipeline)', () => {
    const g = run(lines, false).groups.get(ID)!;
    expect(g.request!.headers).toEqual([['accept', '*/*'], ['host', '127.0.0.1:3404'], ['user-agent', 'curl/7.88.1']]);
  });
  it("not from pino's top-level hostname, the machine's name", () => {
    const ev = new LineParser().parse(`{"level":30,"hostname":"web-7d9f","pid":1,"requestId":"${ID}","method":"GET","url":"/ok","msg":"start"}`)!;
    expect(ev).toMatchObject({ kind: 'request', url: '/ok' });
  });
});

describe("NestJS's JSON logger (ConsoleLogger json: true): an object logged as the message, under `message`", () => {
  // what @nestjs/common 11 wrote for logger.log({ message, requestId }) and logger.error({ ... }, stack)
  const lines = [
    '{"level":"log","pid":18159,"timestamp":1796217904876,"message":"Mapped {/ok, GET} route","context":"ProductService"}',
    '{"level":"log","pid":18159,"timestamp":1796217904880,"message":{"message":"fetching product","requestId":"a1b2c3d4-0000-4000-8000-0000000000aa"},"context":"ProductService"}',
    '{"level":"error","pid":18159,"timestamp":1796217904880,"message":{"message":"render failed","requestId":"a1b2c3d4-0000-4000-8000-0000000000aa"},"context":"ProductService","stack":"Error: boom\\n    at ProductService.get (/srv/app/dist/product.service.js:10:11)"}',
  ];
  it('is read: its request ID and message, and the error with where it was thrown', () => {
    const p = new LineParser();
    const ev = lines.map((l) => p.parse(l)!);
    expect(ev[0]!.requestId).toBeUndefined();
    expect(ev[1]).toMatchObject({ kind: 'log', requestId: 'a1b2c3d4-0000-4000-8000-0000000000aa', msg: 'fetching product', level: 'LOG' });
    expect(ev[2]).toMatchObject({ requestId: 'a1b2c3d4-0000-4000-8000-0000000000aa', msg: 'render failed', error: 'boom', errorAt: 'ProductService.get (/srv/app/dist/product.service.js:10:11)' });
  });
});

describe('a level in `severity` (pino or winston set up for Google Cloud Logging)', () => {
  it('is the line’s level, and CRITICAL or worse is an error logged', () => {
    const p = new LineParser();
    const info = p.parse('{"severity":"INFO","time":1710147600000,"requestId":"g1000000-aaaa","message":"start"}')!;
    const crit = p.parse('{"severity":"CRITICAL","time":1710147600010,"requestId":"g1000000-aaaa","message":"payment provider unreachable"}')!;
    expect(info).toMatchObject({ level: 'INFO', error: undefined });
    expect(crit).toMatchObject({ level: 'CRITICAL', error: 'payment provider unreachable' });
  });
});
