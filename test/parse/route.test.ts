// Splitting the input between workers: the quick ID read must agree with the full parse, and the
// partitions together must give exactly what one reader gives: every line counted once, no request split.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { owns, partOf, quickJsonId } from '../../src/parse/route.js';
import { LineParser } from '../../src/parse/index.js';
import { Pipeline } from '../../src/pipeline.js';
import type { RequestGroup } from '../../src/model.js';
import { sumStats } from '../../src/report/parallel.js';
import { SAMPLES, sampleLogs } from '../golden/oracle.js';

describe('quickJsonId', () => {
  it('reads a top-level string ID under any alias', () => {
    expect(quickJsonId('{"level":102,"time":1,"requestId":"abc-1","data":{"id":0}}')).toBe('abc-1');
    expect(quickJsonId('{"request_id":"r-2","dri_data":{"method":"GET"}}')).toBe('r-2');
    expect(quickJsonId('{ "uuid" : "u-3" , "status_code": 200 }  ')).toBe('u-3');
    expect(quickJsonId('{"x-request-id":"x-4","msg":"hi"}')).toBe('x-4');
  });
  it('gives up (full parse) whenever it could disagree with JSON.parse', () => {
    // nested only: the full parse finds no top-level ID
    expect(quickJsonId('{"data":{"requestId":"n-1"},"msg":"x"}')).toBeUndefined();
    // two aliases: precedence decides
    expect(quickJsonId('{"uuid":"a","requestId":"b"}')).toBeUndefined();
    // a duplicated key: JSON.parse keeps the last
    expect(quickJsonId('{"requestId":"a","requestId":"b"}')).toBeUndefined();
    // not a string, escapes, empty
    expect(quickJsonId('{"requestId":42}')).toBeUndefined();
    expect(quickJsonId('{"requestId":null,"uuid":"u"}')).toBeUndefined();
    expect(quickJsonId('{"requestId":"a\\u0041"}')).toBeUndefined();
    expect(quickJsonId('{"requestId":""}')).toBeUndefined();
    // cut short: the last line of a file being written
    expect(quickJsonId('{"requestId":"a","data":{"meth')).toBeUndefined();
    // a key-like text inside a string is no key
    expect(quickJsonId('{"msg":"say \\"requestId\\":\\"q\\"","level":30}')).toBeUndefined();
    // after a nested object: unsure whether it is top level
    expect(quickJsonId('{"req":{"id":"p"},"requestId":"a"}')).toBeUndefined();
    expect(quickJsonId('{"tags":["requestId"],"requestId":"a"}')).toBeUndefined();
    // a second ID key after a nested object: the full parse picks requestId (found by a fuzzer: workers disagreed)
    expect(quickJsonId('{"rid":"aaab0002","data":{"x":1},"requestId":"bbbb0002","level":30,"msg":"hello"}')).toBeUndefined();
  });
  it("leaves rid/uuid to the full parse when a `req` object is there: pino-http's req.id wins over an app's uuid", () => {
    const line =
      '{"level":30,"time":1796185908311,"pid":15025,"hostname":"vm","uuid":"b9c8a1e2-0000-4000-8000-000000000001","req":{"id":"a4104319-97a2-40ec-a734-db01c507cbfd","method":"GET","url":"/product/p1"},"msg":"loaded product"}';
    expect(quickJsonId(line)).toBeUndefined();
    expect(new LineParser().parse(line)!.requestId).toBe('a4104319-97a2-40ec-a734-db01c507cbfd');
    // alone, they are still the request ID (spec §2c)
    expect(quickJsonId('{"level":30,"uuid":"u-3","msg":"hi"}')).toBe('u-3');
    expect(new LineParser().parse('{"level":30,"uuid":"u-3","msg":"hi"}')!.requestId).toBe('u-3');
  });
  it('takes no correlation or OpenTelemetry trace ID for a request ID (background work and sub-requests carry them too)', () => {
    const cases: Array<[string, string | undefined]> = [
      ['{"level":30,"time":1796185563234,"traceId":"1da11fac-978f-47ef-915a-84e133d95d84","msg":"cache warmed"}', undefined],
      ['{"level":30,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","msg":"x"}', undefined],
      ['{"level":30,"correlation_id":"c-000001","msg":"job done"}', undefined],
      ['{"level":30,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","reqId":"req-7","msg":"x"}', 'req-7'],
    ];
    for (const [line, id] of cases) {
      expect(new LineParser().parse(line)!.requestId, line).toBe(id);
      const q = quickJsonId(line);
      if (q !== undefined) expect(q, line).toBe(id);
    }
  });
  it('always agrees with the full parse on every JSON line of the samples', () => {
    let checked = 0;
    for (const rel of sampleLogs()) {
      const p = new LineParser();
      for (const line of fs.readFileSync(path.join(SAMPLES, rel), 'utf8').split('\n')) {
        const q = line.startsWith('{') ? quickJsonId(line) : undefined;
        const ev = p.parse(line);
        if (q !== undefined) {
          expect(ev?.requestId, line).toBe(q);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('partitions', () => {
  it('partOf is stable and spreads IDs evenly', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[partOf(`req-${i}-x`, 3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(partOf('abc', 4)).toBe(partOf('abc', 4));
    expect(owns({ index: 0, count: 2 }, undefined)).toBe(true);
    expect(owns({ index: 1, count: 2 }, '')).toBe(false);
  });

  const TRICKY = [
    // JSON rows of one request, the ID under different aliases and places
    '{"level":100,"time":1710147600000,"requestId":"t-1","data":{"method":"GET","path":"/a","host":"shop.example.com","headers":{"cookie":"s=1"}}}',
    '{"level":102,"time":1710147600010,"requestId":"t-1","data":{"id":0,"method":"GET","protocol":"https:","host":"api.example.net","path":"/x"}}',
    // indented lines after a JSON row are raw (JSON loggers write no continuation lines)
    '    accept: application/json',
    '{"data":{"requestId":"nested"},"msg":"an ID only inside: no request","level":30}',
    '{"uuid":"t-2","requestId":"t-1","level":103,"time":1710147600050,"data":{"id":0,"statusCode":200,"duration":40}}',
    '{"requestId":"t-1","level":101,"time":1710147600100,"data":{"statusCode":200,"statusMessage":"OK","duration":100}}',
    // cut short: the quick read sees an ID, the full parse fails; the next lines must still have one owner
    '{"requestId":"t-3","level":100,"time":1710147600200,"data":{"method":"GET","pa',
    '    x-trace: 1',
    '    more text',
    // ends like an object but is not valid JSON: the quick read is sure, the full parse fails
    '{"requestId":"t-8","level":100,"time":1710147600300,"data":{"method":"GET","path":"/x"}',
    '    x-trace: 2',
    '    body text',
    // text rows and the console copy with the ID on the summary only
    '2024-03-11T09:00:01.000Z t-4aaaa111 GET https://shop.example.com/b',
    '2024-03-11T09:00:01.001Z t-4aaaa111 Request details: GET https://shop.example.com/b',
    '    Request Headers',
    '    host: shop.example.com',
    '2024-03-11T09:00:02.000Z GET https://shop.example.com/c 539 c-5bbbb222',
    '2024-03-11T09:00:02.001Z Upstream Request: GET https://api.example.net/c',
    '2024-03-11T09:00:02.100Z Request details: GET https://shop.example.com/c',
    'garbage that fits no format',
    '{"log":"2024-03-11T09:00:03.000Z t-6cccc333 GET https://shop.example.com/d\\n","stream":"stdout"}',
    '{"requestId":"t-1","requestId":"t-7","level":30,"msg":"duplicate key: the last one wins"}',
    '[1,2,3]',
    '{"requestId":42,"level":30,"msg":"numeric ID"}',
  ];

  const sources: Array<[string, string[]]> = [
    ['tricky lines', TRICKY],
    ...sampleLogs().map((rel): [string, string[]] => [rel, fs.readFileSync(path.join(SAMPLES, rel), 'utf8').split('\n')]),
  ];

  it.each(sources)('%s: 2 and 3 partitions give what one reader gives, each line counted once', (_name, lines) => {
    const run = (partition?: { index: number; count: number }) => {
      const p = new Pipeline({ keepFinal: false, lean: true, partition });
      const decided: RequestGroup[] = [];
      p.onDecided = (g) => decided.push(g);
      for (let i = 0; i < lines.length; i += 97) p.feed(lines.slice(i, i + 97));
      p.end();
      return { decided, stats: p.stats };
    };
    const key = (g: RequestGroup) => JSON.stringify([g.requestId, g.firstTime, g.label, g.totalLines, g.status, g.upstreams.length, g.url]);
    const one = run();
    for (const count of [2, 3]) {
      const parts = Array.from({ length: count }, (_, index) => run({ index, count }));
      const got = parts.flatMap((p) => p.decided.map(key)).sort();
      expect(got).toEqual(one.decided.map(key).sort());
      const sum = sumStats(parts.map((p) => ({ ...p.stats })));
      for (const k of ['lines', 'rawLines', 'unattributed', 'groups', 'duplicates', 'reusedIds'] as const) expect(sum[k], k).toBe(one.stats[k]);
      expect(sum.labels).toEqual(one.stats.labels);
    }
  });
});
