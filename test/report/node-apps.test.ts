// Logs of real Node apps (Fastify 5, pino 10, express 5 + pino-http 11), trimmed from what they wrote: grouping,
// labels and reasons, through the pipeline report mode uses (lean) and the one the TUI uses (full).
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import type { RequestGroup } from '../../src/model.js';

function run(lines: string[], lean: boolean): { groups: Map<string, RequestGroup>; count: number; rawLines: number; reusedIds: number } {
  const p = new Pipeline({ lean, keepFinal: !lean, live: false });
  const groups = new Map<string, RequestGroup>();
  let count = 0;
  p.onDecided = (g) => {
    count++;
    groups.set(g.requestId, g);
  };
  p.feed(lines);
  p.end();
  return { groups, count, rawLines: p.stats.rawLines, reusedIds: p.stats.reusedIds };
}

/** Both pipelines, which must agree on everything a printed row shows. */
function both(lines: string[], check: (r: ReturnType<typeof run>, lean: boolean) => void): void {
  for (const lean of [true, false]) check(run(lines, lean), lean);
}

const HEADERS = '"headers":{"host":"127.0.0.1:4001","connection":"keep-alive","accept":"*/*","user-agent":"node"}';
const pinoHttp = (id: string, url: string, status: number, time: number, rest = '') =>
  `{"level":30,"time":${time},"pid":5626,"hostname":"vm","req":{"id":"${id}","method":"GET","url":"${url}","query":{},"params":{},${HEADERS},"remoteAddress":"127.0.0.1","remotePort":57328},"res":{"statusCode":${status},"headers":{"x-powered-by":"Express","content-type":"application/json; charset=utf-8"}},"responseTime":${status === 500 ? 1 : 4}${rest},"msg":"request completed"}`;

describe('stack traces on stderr between JSON lines (node app.js > log 2>&1)', () => {
  const OK = '5bdc5b00-ed3b-490f-9af9-5eb1da2d7529';
  const BOOM = 'e42bbf02-d702-4f53-82f0-1f37f10e659d';
  it("an unparsed `Error:` line ends the row above: the frames under it are not the previous request's", () => {
    const lines = [
      '{"level":30,"time":1796185483642,"pid":5626,"hostname":"vm","msg":"express listening on 4001"}',
      pinoHttp(OK, '/ok', 200, 1796185484915),
      'Error: express kaboom',
      '    at /tmp/realapps/servers/express-pinohttp.js:14:40',
      '    at Layer.handleRequest (/tmp/realapps/node_modules/router/lib/layer.js:169:33)',
      '    at next (/tmp/realapps/node_modules/router/lib/route.js:163:13)',
      pinoHttp(BOOM, '/boom', 500, 1796185484924),
    ];
    both(lines, (r, lean) => {
      expect(r.groups.get(OK)!.totalLines, `lean ${lean}`).toBe(1);
      expect(r.groups.get(BOOM)!.totalLines).toBe(1);
      expect(r.rawLines).toBe(4);
      if (!lean) expect(r.groups.get(OK)!.logs).toEqual([]);
    });
  });
  it("indented lines right after a JSON row are not that row's headers (pino writes no continuation lines)", () => {
    const lines = [
      '{"level":30,"time":1796185461736,"pid":5132,"hostname":"vm","reqId":"req-9","req":{"method":"GET","url":"/up-refused-throw","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":34632},"msg":"incoming request"}',
      '  [cause]: Error: connect ECONNREFUSED 127.0.0.1:4199',
      '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {',
      "    code: 'ECONNREFUSED',",
      '{"level":30,"time":1796185461783,"pid":5132,"hostname":"vm","reqId":"req-9","res":{"statusCode":500},"responseTime":47.76161000000002,"msg":"request completed"}',
    ];
    both(lines, (r, lean) => {
      const g = r.groups.get('req-9')!;
      expect(g.totalLines, `lean ${lean}`).toBe(2);
      expect(r.rawLines).toBe(3);
      if (!lean) expect(g.request!.headers).toEqual([]);
    });
  });
});

describe('plain pino child loggers and Fastify custom request logging', () => {
  it('a pino child line with a top-level statusCode is the response, one with method and url the request', () => {
    const id = (n: number) => `c0a36345-dbfc-48d6-a3cf-91f10ee8969${n}`;
    const line = (n: number, t: number, fields: string, msg: string) =>
      `{"level":30,"time":17961855339${t},"pid":6167,"hostname":"vm","requestId":"${id(n)}",${fields},"msg":"${msg}"}`;
    const lines = [
      '{"level":30,"time":1796185532717,"pid":6167,"hostname":"vm","msg":"listening"}',
      line(1, 13, '"method":"GET","url":"/ok"', 'request start'),
      line(1, 16, '"statusCode":200', 'request done'),
      line(2, 17, '"method":"GET","url":"/missing"', 'request start'),
      line(2, 17, '"statusCode":404', 'request done'),
      line(3, 66, '"method":"GET","url":"/never"', 'request start'),
      // an outgoing call logged with an absolute URL is not the request's own row
      line(3, 67, '"method":"GET","url":"http://127.0.0.1:4100/hang"', 'calling backend'),
      // an app's own `status` word is no HTTP status
      line(3, 68, '"status":"waiting"', 'still waiting'),
    ];
    both(lines, (r) => {
      expect(r.count).toBe(3);
      expect(r.reusedIds).toBe(0);
      const ok = r.groups.get(id(1))!;
      expect([ok.label, ok.status, ok.method, ok.url]).toEqual(['ok', 200, 'GET', '/ok']);
      expect(r.groups.get(id(2))!.label).toBe('not-found');
      const never = r.groups.get(id(3))!;
      expect([never.label, never.method, never.url, never.totalLines]).toEqual(['ssr-code-error', 'GET', '/never', 3]);
    });
  });
  it('a later line with a method and a path (a call the handler made) is no second request', () => {
    const id = 'c0a36345-dbfc-48d6-a3cf-91f10ee8969f';
    const lines = [
      `{"level":30,"time":1796185533913,"pid":6167,"hostname":"vm","requestId":"${id}","method":"GET","url":"/ok","msg":"request start"}`,
      `{"level":30,"time":1796185533914,"pid":6167,"hostname":"vm","requestId":"${id}","method":"POST","url":"/internal/cache","msg":"cache write"}`,
      `{"level":30,"time":1796185533916,"pid":6167,"hostname":"vm","requestId":"${id}","statusCode":200,"msg":"request done"}`,
    ];
    both(lines, (r) => {
      expect([r.count, r.reusedIds]).toEqual([1, 0]);
      const g = r.groups.get(id)!;
      expect([g.label, g.method, g.url, g.totalLines]).toEqual(['ok', 'GET', '/ok', 3]);
    });
  });
  it("Fastify's documented onResponse hook line ({url, statusCode, durationMs}) answers the request", () => {
    const lines = [
      '{"level":30,"time":1796185792641,"pid":13094,"hostname":"vm","msg":"Server listening at http://127.0.0.1:4006"}',
      '{"level":30,"time":1796185793772,"pid":13094,"hostname":"vm","requestId":"1be076c5-9c3b-4da4-b943-3bec7e7d6936","url":"/boom","method":"GET","id":"1be076c5-9c3b-4da4-b943-3bec7e7d6936","msg":"received request"}',
      '{"level":30,"time":1796185793773,"pid":13094,"hostname":"vm","requestId":"1be076c5-9c3b-4da4-b943-3bec7e7d6936","url":"/boom","statusCode":500,"durationMs":1.1487210000000232,"msg":"request completed"}',
    ];
    both(lines, (r) => {
      const g = r.groups.get('1be076c5-9c3b-4da4-b943-3bec7e7d6936')!;
      expect([g.label, g.status, g.method, g.url, g.durationMs]).toEqual(['error', 500, 'GET', '/boom', 1.1487210000000232]);
    });
  });
});

describe("a backend's status an app logged inside a request its logger or the platform logs", () => {
  it("is no response: a Fastify handler that logged its backend's 503 and then hung never answered", () => {
    const lines = [
      '{"level":30,"time":1796190170337,"pid":25980,"hostname":"vm","reqId":"req-7","req":{"method":"GET","url":"/never-after-503","host":"127.0.0.1:4204","remoteAddress":"127.0.0.1","remotePort":53358},"msg":"incoming request"}',
      '{"level":30,"time":1796190170337,"pid":25980,"hostname":"vm","reqId":"req-7","method":"GET","url":"/unavail","msg":"calling backend"}',
      '{"level":30,"time":1796190170413,"pid":25980,"hostname":"vm","reqId":"req-7","statusCode":503,"durationMs":76,"msg":"backend answered"}',
      '{"level":30,"time":1796190170420,"pid":25980,"hostname":"vm","reqId":"req-8","req":{"method":"GET","url":"/fine","host":"127.0.0.1:4204"},"msg":"incoming request"}',
      '{"level":30,"time":1796190170421,"pid":25980,"hostname":"vm","reqId":"req-8","statusCode":200,"durationMs":3,"msg":"audit event sent"}',
      '{"level":30,"time":1796190170425,"pid":25980,"hostname":"vm","reqId":"req-8","res":{"statusCode":200},"responseTime":5.5,"msg":"request completed"}',
    ];
    both(lines, (r, lean) => {
      const hung = r.groups.get('req-7')!;
      expect([hung.label, hung.status, hung.url], `lean ${lean}`).toEqual(['ssr-code-error', undefined, 'http://127.0.0.1:4204/never-after-503']);
      if (!lean) expect(hung.logs.map((l) => l.msg)).toContain('backend answered');
      // the response record's own duration, not the audit call's
      const fine = r.groups.get('req-8')!;
      expect([fine.label, fine.status, fine.durationMs]).toEqual(['ok', 200, 5.5]);
    });
  });
  it("is no response when it comes before the platform's request row either (rows are not in time order)", () => {
    const id = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
    const lines = [
      `{"level":30,"time":1710186733625,"requestId":"${id}","statusCode":503,"msg":"cms answered"}`,
      `{"level":100,"time":1710186733600,"requestId":"${id}","data":{"method":"GET","path":"/p/1","host":"shop.example.com","headers":{}}}`,
      `{"level":102,"time":1710186733610,"requestId":"${id}","data":{"id":0,"method":"GET","protocol":"https:","host":"cms.example.org","port":443,"path":"/x","headers":{}}}`,
      `{"level":103,"time":1710186733625,"requestId":"${id}","data":{"id":0,"method":"GET","protocol":"https:","host":"cms.example.org","port":443,"path":"/x","headers":{},"statusCode":503,"statusMessage":"Service Unavailable","duration":15}}`,
    ];
    both(lines, (r) => {
      expect(r.groups.get(id)!.label).toBe('backend-error');
    });
  });
});

describe("an app's uuid field next to pino-http's req.id", () => {
  it('stays in the request of req.id: no request made up from a product UUID', () => {
    const product = '"uuid":"b9c8a1e2-0000-4000-8000-000000000001","price":10,"msg":"loaded product"}';
    const req = (id: string, port: number) =>
      `"req":{"id":"${id}","method":"GET","url":"/product/p1","query":{},"params":{},${HEADERS},"remoteAddress":"127.0.0.1","remotePort":${port}}`;
    const A = 'a4104319-97a2-40ec-a734-db01c507cbfd';
    const B = '97c5b092-eb6e-4b91-b73b-6838577d3539';
    const lines = [
      `{"level":30,"time":1796185908311,"pid":15025,"hostname":"vm",${req(A, 53978)},${product}`,
      pinoHttp(A, '/product/p1', 200, 1796185908317),
      `{"level":30,"time":1796185908321,"pid":15025,"hostname":"vm",${req(B, 54010)},${product}`,
      pinoHttp(B, '/product/p1', 200, 1796185908322),
    ];
    both(lines, (r) => {
      expect(r.count).toBe(2);
      expect(r.reusedIds).toBe(0);
      expect(r.groups.get(A)!.totalLines).toBe(2);
      expect(r.groups.get(B)!.totalLines).toBe(2);
    });
  });
});

describe('the error a Fastify/pino app logged for a failed request', () => {
  const STACK = 'TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13';
  const lines = [
    '{"level":30,"time":1796185461690,"pid":5132,"hostname":"vm","reqId":"req-3","req":{"method":"GET","url":"/boom","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":34574},"msg":"incoming request"}',
    '{"level":50,"time":1796185461691,"pid":5132,"hostname":"vm","reqId":"req-3","req":{"method":"GET","url":"/boom","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":34574},"res":{"statusCode":500},"err":{"type":"Error","message":"kaboom in handler","stack":"Error: kaboom in handler\\n    at Object.<anonymous> (/tmp/realapps/servers/fastify-app.js:8:38)"},"msg":"kaboom in handler"}',
    '{"level":30,"time":1796185461692,"pid":5132,"hostname":"vm","reqId":"req-3","res":{"statusCode":500},"responseTime":1.6602920000000267,"msg":"request completed"}',
    '{"level":30,"time":1796185461736,"pid":5132,"hostname":"vm","reqId":"req-9","req":{"method":"GET","url":"/up-refused-throw","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":34632},"msg":"incoming request"}',
    `{"level":50,"time":1796185461783,"pid":5132,"hostname":"vm","reqId":"req-9","req":{"method":"GET","url":"/up-refused-throw","host":"127.0.0.1:4000","remoteAddress":"127.0.0.1","remotePort":34632},"res":{"statusCode":500},"err":{"type":"TypeError","message":"fetch failed: connect ECONNREFUSED 127.0.0.1:4199","stack":"${STACK}"},"msg":"fetch failed"}`,
    '{"level":30,"time":1796185461783,"pid":5132,"hostname":"vm","reqId":"req-9","res":{"statusCode":500},"responseTime":47.76161000000002,"msg":"request completed"}',
  ];
  it('is named in the reasons, with what its error code means', () => {
    both(lines, (r) => {
      // where it was thrown: the app's own frame of the logged stack
      expect(r.groups.get('req-3')!.reasons).toEqual(['status 500', 'error logged: kaboom in handler at Object.<anonymous> (/tmp/realapps/servers/fastify-app.js:8:38)']);
      const refused = r.groups.get('req-9')!.reasons;
      expect(refused[1]).toMatch(/^error logged: TypeError: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:4199 \(ECONNREFUSED: connection refused/);
    });
  });
  it('is shown as an application line although it carries `res`', () => {
    const g = run(lines, false).groups.get('req-3')!;
    expect(g.logs).toEqual([{ time: 1796185461691, level: 'ERROR', msg: 'kaboom in handler' }]);
    expect(g.response!.status).toBe(500);
  });
});

describe("pino-http's one line per request (logged when it ended)", () => {
  const ID = '207fe085-e2c1-43c7-ba40-2f7f8275cdc3';
  const line =
    `{"level":30,"time":1796185485799,"pid":5626,"hostname":"vm","req":{"id":"${ID}","method":"GET","url":"/slow-then-ok","query":{},"params":{},"headers":{"host":"127.0.0.1:4001","connection":"keep-alive","accept":"*/*","user-agent":"node"},"remoteAddress":"127.0.0.1","remotePort":57398},` +
    `"res":{"statusCode":200,"headers":{"x-powered-by":"Express","x-request-id":"${ID}","content-type":"text/html; charset=utf-8"}},"responseTime":804,"msg":"request completed"}`;
  it('is stamped when the request began (time - responseTime), with the host of its Host header', () => {
    both([line], (r) => {
      const g = r.groups.get(ID)!;
      expect([g.firstTime, g.durationMs, g.url]).toEqual([1796185485799 - 804, 804, 'http://127.0.0.1:4001/slow-then-ok']);
    });
  });
  it('keeps the request headers and start time along with the response headers', () => {
    const g = run([line], false).groups.get(ID)!;
    expect(g.request!.headers).toContainEqual(['user-agent', 'node']);
    // the TUI's Request details row shows when it began
    expect(g.request!.time).toBe(1796185485799 - 804);
    expect(g.response!.headers).toContainEqual(['x-powered-by', 'Express']);
  });
});

describe("pino-http's req.log lines (each carries the whole `req`: express 5 + pino-http 11)", () => {
  const REQ = '"req":{"id":1,"method":"GET","url":"/ok","query":{},"params":{},"headers":{"host":"127.0.0.1:3402","user-agent":"curl/7.88.1","accept":"*/*","cookie":"session=abc"},"remoteAddress":"127.0.0.1","remotePort":46312}';
  const lines = [
    `{"level":30,"time":1796215297844,"pid":4407,"hostname":"vm",${REQ},"msg":"rendering page"}`,
    `{"level":30,"time":1796215297846,"pid":4407,"hostname":"vm",${REQ},"msg":"fetched product 12"}`,
    `{"level":30,"time":1796215297848,"pid":4407,"hostname":"vm",${REQ},"msg":"cache miss"}`,
    `{"level":30,"time":1796215297858,"pid":4407,"hostname":"vm",${REQ},"res":{"statusCode":200,"headers":{"x-powered-by":"Express"}},"responseTime":14,"msg":"request completed"}`,
  ];
  it('give the request its headers once (copy as curl repeated every header per app line)', () => {
    const g = run(lines, false).groups.get('1')!;
    expect(g.request!.headers).toEqual([['host', '127.0.0.1:3402'], ['user-agent', 'curl/7.88.1'], ['accept', '*/*'], ['cookie', 'session=abc']]);
  });
  it("are the app's own lines in its application log (they showed only as raw lines)", () => {
    const g = run(lines, false).groups.get('1')!;
    expect(g.logs.map((l) => l.msg)).toEqual(['rendering page', 'fetched product 12', 'cache miss']);
  });
});

describe('a restart whose lines name no process (pino base: null)', () => {
  it("plain pino: a request row after req-1's response is another run's req-1; a response with no duration stays", () => {
    const lines = [
      '{"level":30,"time":1796189436407,"requestId":"req-1","method":"GET","url":"/ok","msg":"request start"}',
      '{"level":30,"time":1796189436415,"requestId":"req-1","statusCode":200,"msg":"request done"}',
      '{"level":30,"time":1796189436420,"requestId":"req-2","method":"GET","url":"/cart","msg":"request start"}',
      // an app logging a backend's status, then its own: one request
      '{"level":30,"time":1796189436430,"requestId":"req-2","statusCode":503,"msg":"backend answered"}',
      '{"level":30,"time":1796189436440,"requestId":"req-2","statusCode":200,"msg":"request done"}',
      '{"level":30,"time":1796189437395,"msg":"listening"}',
      '{"level":30,"time":1796189438407,"requestId":"req-1","method":"GET","url":"/missing","msg":"request start"}',
      '{"level":30,"time":1796189438410,"requestId":"req-1","statusCode":404,"msg":"request done"}',
    ];
    both(lines, (r) => {
      expect([r.count, r.reusedIds]).toEqual([3, 1]);
    });
  });

  it("pino-http's numeric ids: a second 'request completed' that began after the first ended is another request; Fastify's error line and its completion stay one", () => {
    const lines = [
      // base: null: no pid or hostname on the lines
      pinoHttp('1', '/ok', 200, 1796189440852).replace('"pid":5626,"hostname":"vm",', ''),
      pinoHttp('1', '/missing', 404, 1796189443852).replace('"pid":5626,"hostname":"vm",', ''),
      '{"level":30,"time":1796185461762,"pid":5132,"hostname":"vm","reqId":"req-p","req":{"method":"GET","url":"/boom","host":"127.0.0.1:4000"},"msg":"incoming request"}',
      '{"level":50,"time":1796185461762,"pid":5132,"hostname":"vm","reqId":"req-p","req":{"method":"GET","url":"/boom","host":"127.0.0.1:4000"},"res":{"statusCode":500},"err":{"type":"Error","message":"kaboom"},"msg":"kaboom"}',
      '{"level":30,"time":1796185461765,"pid":5132,"hostname":"vm","reqId":"req-p","res":{"statusCode":500},"responseTime":2.8984929999999167,"msg":"request completed"}',
    ];
    both(lines, (r) => {
      expect([r.count, r.reusedIds]).toEqual([3, 1]);
      expect(r.groups.get('req-p')!.totalLines).toBe(3);
    });
  });

  it('a line naming its process that comes after the response (an audit line with a duration) stays in its request', () => {
    const lines = [
      '{"level":30,"time":1796189436407,"pid":7,"hostname":"vm","requestId":"req-1","method":"GET","url":"/ok","msg":"request start"}',
      '{"level":30,"time":1796189436415,"pid":7,"hostname":"vm","requestId":"req-1","statusCode":200,"msg":"request done"}',
      '{"level":30,"time":1796189436915,"pid":7,"hostname":"vm","requestId":"req-1","statusCode":200,"durationMs":3,"msg":"audit written"}',
    ];
    both(lines, (r) => {
      expect([r.count, r.reusedIds]).toEqual([1, 0]);
    });
  });
});

describe("reasons in an app's own words", () => {
  it('a request of pino lines only that never answered says no response was logged, not that a platform row is missing', () => {
    const lines = [
      '{"level":30,"time":1796189436407,"pid":7,"hostname":"vm","requestId":"req-9","method":"GET","url":"/never","msg":"request start"}',
      '{"level":30,"time":1796189436408,"pid":7,"hostname":"vm","requestId":"req-9","msg":"hanging"}',
    ];
    both(lines, (r) => {
      const g = r.groups.get('req-9')!;
      expect(g.label).toBe('ssr-code-error');
      expect(g.reasons[0]).toBe('no response logged (no "request completed" or status line: the handler never answered)');
    });
  });
});
