import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import type { RequestGroup } from '../../src/model.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
const C = 'cccccccc-3333-4333-8333-333333333333';

function labels(p: Pipeline): Record<string, string> {
  return Object.fromEntries(p.groups().map((g) => [g.requestId, g.label]));
}
function whole(lines: string[], opts = {}): Pipeline {
  const p = new Pipeline(opts);
  p.feed(lines);
  p.end();
  return p;
}

// three requests: A ok, B allowlist-suspect, C backend-error; rows interleaved and out of time order
const LINES = [
  `10:00:00.000 ${A} GET https://shop.example.com/a`,
  `10:00:00.010 ${B} GET https://shop.example.com/b`,
  `10:00:00.020 ${A} Request details: GET https://shop.example.com/a`,
  `    Accept: text/html`,
  `10:00:00.030 ${C} Request details: GET https://shop.example.com/c`,
  `10:00:00.400 ${A} Response details: GET https://shop.example.com/a 200 OK`,
  `10:00:00.040 ${B} Upstream Request: GET https://api.example.net/b`,
  `    Authorization: Bearer xyz`,
  `10:00:00.500 ${A} Upstream Request: GET https://api.example.net/a1 200 OK in 20ms`,
  `10:00:00.600 ${A} Upstream Request: GET https://api.example.net/a2 304 Not Modified in 5ms`,
  `10:00:00.050 ${C} Upstream Request: GET https://api.example.net/c 500 Internal Server Error in 30ms`,
  `10:00:00.060 ${C} ERROR: TypeError: x is undefined`,
];

describe('grouping', () => {
  it('folds interleaved rows into one group per request with every upstream and header', () => {
    const p = whole(LINES);
    const gs = p.groups();
    expect(gs.map((g) => g.requestId)).toEqual([A, B, C]);
    expect(labels(p)).toEqual({ [A]: 'ok', [B]: 'allowlist-suspect', [C]: 'backend-error' });
    const a = p.get(A)!;
    expect(a.upstreams.map((u) => u.status)).toEqual([200, 304]);
    expect(a.request!.headers).toEqual([['Accept', 'text/html']]);
    expect(p.get(B)!.upstreams[0]!.headers).toEqual([['Authorization', 'Bearer xyz']]);
    expect(p.get(C)!.logs.map((l) => l.msg)).toEqual(['TypeError: x is undefined']);
    expect(p.stats.lines).toBe(LINES.length);
  });

  it('pairs JSON 102 and 103 by data.id whatever their order', () => {
    const t = 1710186733620;
    const l = (level: number, data: object, dt = 0) => JSON.stringify({ level, time: t + dt, requestId: A, data });
    const p = whole([
      l(103, { id: 1, method: 'GET', host: 'b.example', path: '/1', protocol: 'https:', statusCode: 200, duration: 3 }, 50),
      l(102, { id: 0, method: 'GET', host: 'a.example', path: '/0', protocol: 'https:' }),
      l(102, { id: 1, method: 'GET', host: 'b.example', path: '/1', protocol: 'https:' }),
      l(103, { id: 0, method: 'GET', host: 'a.example', path: '/0', protocol: 'https:', statusCode: 404 }, 60),
    ]);
    const g = p.get(A)!;
    expect(g.upstreams.map((u) => [u.id, u.url, u.status])).toEqual([
      ['0', 'https://a.example/0', 404],
      ['1', 'https://b.example/1', 200],
    ]);
    expect(g.label).toBe('backend-error');
  });

  it('gives the same labels to the same requests shuffled', () => {
    const rows: string[][] = [];
    for (const line of LINES) {
      if (line.startsWith(' ')) rows[rows.length - 1]!.push(line);
      else rows.push([line]);
    }
    const expected = labels(whole(LINES));
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...rows].sort(() => rnd() - 0.5).flat();
      expect(labels(whole(shuffled))).toEqual(expected);
    }
  });

  it('drops exact duplicate lines, counting them', () => {
    const p = whole([...LINES, LINES[0]!, LINES[5]!]);
    expect(p.stats.duplicates).toBe(2);
    expect(p.groups()).toHaveLength(3);
  });

  it('treats a request ID seen again long after as a new request', () => {
    const p = whole([
      `10:00:00.000 req-00000001 Request details: GET https://s/x`,
      `10:00:00.100 req-00000001 Response details: GET https://s/x 200 OK`,
      `11:00:00.000 req-00000001 Request details: GET https://s/y`,
    ]);
    expect(p.groups().map((g) => [g.url, g.label])).toEqual([
      ['https://s/x', 'ok'],
      ['https://s/y', 'ssr-code-error'],
    ]);
    expect(p.stats.reusedIds).toBe(1);
  });

  it('keeps lines without an ID, and raw lines, counted', () => {
    const p = whole([...LINES, 'garbage', '10:00:00.000 WARN: no id here']);
    expect(p.stats.rawLines).toBe(1);
    expect(p.stats.unattributed).toBe(2);
    expect(p.unattributed().map((r) => r.text)).toEqual(['garbage', '10:00:00.000 WARN: no id here']);
  });
});

describe('grace period and live input', () => {
  const base = Date.parse('2024-03-11T10:00:00Z');
  const at = (s: number) => new Date(base + s * 1000).toISOString();
  const live = (graceMs = 35_000) => new Pipeline({ live: true, graceMs });

  it('is pending until the stream clock passes the last line plus the grace', () => {
    const p = live();
    const decided: RequestGroup[] = [];
    p.onDecided = (g) => decided.push(g);
    p.feed([`${at(0)} ${B} Request details: GET https://s/b`, `${at(1)} ${B} Upstream Request: GET https://api/b`]);
    expect(p.get(B)!.label).toBe('pending');
    p.feed([`${at(30)} ${A} Request details: GET https://s/a`]);
    expect(p.get(B)!.label).toBe('pending');
    // one line stamped ahead does not move the clock alone (a skewed host): a second one confirms it
    p.feed([`${at(36.5)} ${C} Request details: GET https://s/c`]);
    expect(p.get(B)!.label).toBe('pending');
    p.feed([`${at(36.6)} ${C} Upstream Request: GET https://api/c`]);
    expect(p.get(B)!.label).toBe('allowlist-suspect');
    expect(decided.map((g) => g.requestId)).toEqual([B]);
  });

  it('decides a request with a plain response at once', () => {
    const p = live();
    const decided: string[] = [];
    p.onDecided = (g) => decided.push(g.label);
    p.feed([`${at(0)} ${A} Response details: GET https://s/a 200 OK`]);
    expect(decided).toEqual(['ok']);
  });

  it('waits the grace period for a 539 response, whose label depends on later upstream rows', () => {
    const p = live();
    p.feed([`${at(0)} ${A} Response details: GET https://s/a 539`]);
    expect(p.get(A)!.decided).toBe(false);
    p.feed([`${at(10)} ${A} Upstream Request: GET https://api/a`]);
    p.end();
    expect(p.get(A)!.label).toBe('allowlist-suspect');
  });

  it('decides on the wall clock when live input goes quiet', () => {
    const p = live(1000);
    p.feed([`${at(0)} ${B} Request details: GET https://s/b`]);
    p.tick(Date.now() + 500);
    expect(p.get(B)!.label).toBe('pending');
    p.tick(Date.now() + 5000);
    expect(p.get(B)!.label).toBe('ssr-code-error');
  });

  it('prints a request with a certain label once live input was quiet for the log delay, not the grace period', () => {
    const p = new Pipeline({ live: true, keepFinal: false, lean: true, settleMs: 15_000 });
    const printed: string[] = [];
    p.onDecided = (g) => printed.push(g.label);
    p.feed([`${at(0)} ${A} Request details: GET https://s/a`, `${at(0.1)} ${A} Response details: GET https://s/a 200 OK`]);
    p.tick(Date.now() + 5000);
    expect(printed).toEqual([]);
    p.tick(Date.now() + 16_000);
    expect(printed).toEqual(['ok']);
  });

  it("prints an app's own 502 (Fastify, a text row) after the log delay like a 500; with access logs in the input, or from the server JSON, a 502 waits the grace period", () => {
    const printedAfterQuiet = (lines: string[]) => {
      const p = new Pipeline({ live: true, keepFinal: false, lean: true, settleMs: 15_000 });
      const printed: string[] = [];
      p.onDecided = (g) => printed.push(`${g.status} ${g.label}`);
      p.feed(lines);
      p.tick(Date.now() + 16_000);
      return printed;
    };
    // fastify-cluster.log: /up-503 answered 502 in 113 ms
    const fastify = [
      '{"level":30,"time":1796185631711,"pid":8108,"hostname":"vm","reqId":"req-2","req":{"method":"GET","url":"/up-503","host":"127.0.0.1:4005","remoteAddress":"127.0.0.1","remotePort":36836},"msg":"incoming request"}',
      '{"level":30,"time":1796185631711,"pid":8108,"hostname":"vm","reqId":"req-2","upstream":{"method":"GET","url":"http://127.0.0.1:4100/unavail"},"msg":"calling upstream"}',
      '{"level":30,"time":1796185631820,"pid":8108,"hostname":"vm","reqId":"req-2","upstream":{"method":"GET","url":"http://127.0.0.1:4100/unavail","statusCode":503,"durationMs":109},"msg":"upstream responded"}',
      '{"level":30,"time":1796185631824,"pid":8108,"hostname":"vm","reqId":"req-2","res":{"statusCode":502},"responseTime":113.25293899999997,"msg":"request completed"}',
    ];
    expect(printedAfterQuiet(fastify)).toEqual(['502 error']);
    expect(printedAfterQuiet([`${at(0)} ${A} Request details: GET https://s/a`, `${at(0.1)} ${A} Response details: GET https://s/a 502 Bad Gateway`])).toEqual(['502 error']);
    // an access log in the input: this request's record, with its proxy_hard_error, may yet come
    const access = '{"uuid":"acc00001","status_code":200,"method":"GET","host":"shop.example.com","path":"/"}';
    expect(printedAfterQuiet([access, ...fastify])).toEqual([]);
    // the platform's own 502 row waits, as before
    const server = [
      `{"level":100,"time":1796185631711,"requestId":"${B}","data":{"method":"GET","path":"/","host":"shop.example.com"}}`,
      `{"level":101,"time":1796185631824,"requestId":"${B}","data":{"statusCode":502,"statusMessage":"Bad Gateway"}}`,
    ];
    expect(printedAfterQuiet(server)).toEqual([]);
  });

  it('gives a live replay, line by line, the labels of a whole read', () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `req-${String(i).padStart(6, '0')}`;
      const t = i * 2;
      lines.push(`${at(t)} ${id} Request details: GET https://s/${i}`);
      if (i % 3 !== 0) lines.push(`${at(t + 0.1)} ${id} Upstream Request: GET https://api/${i}${i % 5 === 0 ? ' 503 Service Unavailable in 9ms' : i % 7 === 0 ? '' : ' 200 OK in 9ms'}`);
      if (i % 4 !== 0) lines.push(`${at(t + 0.2)} ${id} Response details: GET https://s/${i} ${i % 11 === 0 ? 404 : i % 13 === 0 ? 539 : 200}`);
    }
    const expected = labels(whole(lines));
    const p = live();
    const printed = new Map<string, string>();
    p.onDecided = (g) => printed.set(g.requestId, g.label);
    for (const l of lines) p.feed([l]);
    p.end();
    expect(Object.fromEntries(printed)).toEqual(expected);
    expect(new Set(Object.values(expected)).size).toBeGreaterThanOrEqual(5);
  });
});

describe('bounded memory', () => {
  it('evicts the oldest finished groups past the cap, counting them, and still decides each once', () => {
    const p = new Pipeline({ maxGroups: 50 });
    const decided = new Set<string>();
    let twice = 0;
    p.onDecided = (g) => {
      if (decided.has(g.requestId)) twice++;
      decided.add(g.requestId);
    };
    const base = Date.parse('2024-03-11T10:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const t = new Date(base + i * 1000).toISOString();
      p.feed([`${t} req-${String(i).padStart(6, '0')} Response details: GET https://s/ 200 OK`]);
    }
    expect(p.stats.retained).toBeLessThanOrEqual(50);
    expect(p.groups().length).toBeLessThanOrEqual(50);
    expect(p.stats.evicted).toBe(2000 - p.stats.retained);
    p.end();
    expect(decided.size).toBe(2000);
    expect(twice).toBe(0);
    expect(p.stats.labels.ok).toBe(2000);
  });
});

describe('repeated lines that are not duplicates', () => {
  it('keeps identical header lines under two upstream rows, and identical log lines', () => {
    const p = whole([
      `09:00:00.000 req-00000001 Request details: GET https://shop.example.com/`,
      `09:00:00.010 req-00000001 Upstream Request: GET https://api.example.net/a 200 OK in 5ms`,
      `    accept: application/json`,
      `09:00:00.020 req-00000001 Upstream Request: GET https://api.example.net/b 200 OK in 5ms`,
      `    accept: application/json`,
      `09:00:00.025 req-00000001 INFO: retrying`,
      `09:00:00.025 req-00000001 INFO: retrying`,
      `09:00:00.030 req-00000001 Response details: GET https://shop.example.com/ 200 OK`,
    ]);
    const g = p.get('req-00000001')!;
    expect(g.upstreams.map((u) => u.headers)).toEqual([[['accept', 'application/json']], [['accept', 'application/json']]]);
    expect(g.logs).toHaveLength(2);
    expect(p.stats.duplicates).toBe(0);
  });
});

describe('lines without a request', () => {
  it('keeps the newest ones in order once the ring is full, counting all', () => {
    const p = new Pipeline({ maxUnattributed: 3 });
    p.feed(['one', 'two', 'three', 'four', 'five']);
    expect(p.unattributed().map((l) => l.text)).toEqual(['three', 'four', 'five']);
    expect(p.stats.unattributed).toBe(5);
  });
});

describe('two clocks', () => {
  it('places an access record’s epoch time on the times of day of its request (the day and zone they say)', () => {
    const id = 'ac454ba6ca0afb62c5d3c2a0546b1773b3f2eac5';
    const p = whole([
      `{"timestamp":1710147600.759,"rid":"${id}","code":"200","met":"GET","hh":"www.example-store.com","url":"/"}`,
      `09:00:00.110 [${id}] Request details: GET https://www.example-store.com/`,
      `09:00:00.726 [${id}] Response details: GET https://www.example-store.com/ 200 OK`,
    ]);
    const g = p.get(id)!;
    expect(g.label).toBe('ok');
    // the edge's record, stamped as the response left it, is the end: 09:00:00.759Z
    expect(g.durationMs).toBe(649);
    // one request says nothing of the others': its time stays the time of day it was logged with
    expect(g.firstTime).toBe(9 * 3_600_000 + 110);
  });
  it('uses the access time when it is the only one', () => {
    const p = whole([`{"timestamp":1710147600.5,"uuid":"acc00009","status_code":539}`]);
    expect(p.get('acc00009')!.firstTime).toBe(1710147600500);
    expect(p.get('acc00009')!.label).toBe('timeout');
  });
});

describe('bodies', () => {
  it('keeps the truncation mark and real length of a logged body for copy as curl', () => {
    const body = Buffer.from('{"q":1}').toString('base64');
    const p = whole([
      JSON.stringify({ level: 102, time: 1710186733620, requestId: A, data: { id: 0, method: 'POST', protocol: 'https:', host: 'api.example', path: '/', body, bodyLength: 9000, bodyTruncated: true } }),
    ]);
    const u = p.get(A)!.upstreams[0]!;
    expect(u).toMatchObject({ body: '{"q":1}', bodyTruncated: true, bodyLength: 9000 });
  });
});

describe('access record times', () => {
  it('count toward the duration when they are on the same clock as the server lines', () => {
    const id = '22222222-aaaa-4bbb-8ccc-000000000539';
    const p = whole([
      `2024-03-11T19:52:11.000Z ${id} Request details: GET https://shop.example.com/p/42`,
      `2024-03-11T19:52:11.020Z ${id} Upstream Request: GET https://origin.example.org/api/products/42`,
      `{"rid": "${id}", "code": "539", "met": "GET", "hh": "shop.example.com", "url": "/p/42", "timestamp": 1710186751.5}`,
    ]);
    expect(p.get(id)!.durationMs).toBe(20_500);
    expect(p.get(id)!.label).toBe('allowlist-suspect');
  });
});

describe('eviction under a long run', () => {
  it('never loses its place in the order list while evicting many groups in one batch', () => {
    const p = new Pipeline({ maxGroups: 100 });
    const base = Date.parse('2024-03-11T10:00:00Z');
    let decided = 0;
    p.onDecided = () => decided++;
    for (let b = 0; b < 20; b++) {
      const lines: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const n = b * 3000 + i;
        const t = new Date(base + n * 10).toISOString();
        lines.push(`${t} req-${String(n).padStart(7, '0')} Request details: GET https://s/${n}`);
        if (n % 2) lines.push(`${t} req-${String(n).padStart(7, '0')} Response details: GET https://s/${n} 200 OK`);
      }
      p.feed(lines);
      expect(p.stats.retained).toBeLessThanOrEqual(100);
    }
    p.end();
    expect(decided).toBe(60_000);
    expect(p.groups().length).toBeLessThanOrEqual(100);
    expect(p.stats.labels.ok).toBe(30_000);
    expect(p.stats.labels['ssr-code-error']).toBe(30_000);
  });
});

describe('durations', () => {
  it('a request whose lines share one millisecond took 0 ms (not "unknown"); one line alone ran at least 0 ms', () => {
    const p = new Pipeline();
    p.feed([
      '09:00:00.100 req-dddd0001 Request details: GET https://shop.example.com/a',
      '09:00:00.100 req-dddd0001 Response details: GET https://shop.example.com/a 200 OK',
      '09:00:00.200 req-dddd0002 Request details: GET https://shop.example.com/b',
    ]);
    p.end();
    expect(p.get('req-dddd0001')!.durationMs).toBe(0);
    expect(p.get('req-dddd0002')!.durationMs).toBe(0);
  });
});
