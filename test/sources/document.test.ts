// Saved Loki API results and Grafana's JSON download: one JSON document on one line, read as the lines it holds.
import { describe, expect, it } from 'vitest';
import { expandDocuments } from '../../src/sources/document.js';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const ID = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
const T0 = 1710147600000;
// a 539 whose upstream got no answer, and a healthy request, as the platform writes them (oldest first)
const LINES = [
  `{"level":100,"time":${T0},"requestId":"${ID}","data":{"method":"GET","path":"/p/1","host":"shop.example.com","protocol":"https:","headers":{}}}`,
  `{"level":102,"time":${T0 + 10},"requestId":"${ID}","data":{"id":0,"method":"GET","protocol":"https:","host":"origin.example.org","port":443,"path":"/api/p/1","headers":{}}}`,
  `${'09:00:01.000'} req-0000042 GET https://shop.example.com/ok`,
  `09:00:01.100 req-0000042 Response details: GET https://shop.example.com/ok 200 OK`,
];
const ns = (ms: number) => `${ms}000000`;
// the text rows' times of day are 09:00:01 UTC on the same day as T0
const TIMES = [T0, T0 + 10, T0 + 1000, T0 + 1100];

async function labelsOf(content: string): Promise<{ rows: Array<Record<string, unknown>>; stderr: string }> {
  const r = await runCli(['--json', tmpFile('saved.json', content)]);
  expect(r.code).toBe(0);
  return { rows: ndjson(r.stdout), stderr: r.stderr };
}

describe('saved Loki and Grafana documents', () => {
  it('the plain lines, for comparison', async () => {
    const { rows, stderr } = await labelsOf(LINES.join('\n') + '\n');
    expect(rows.map((r) => [r.requestId, r.label])).toEqual([
      [ID, 'allowlist-suspect'],
      ['req-0000042', 'ok'],
    ]);
    expect(stderr).toMatch(/^ssrtail: 2 requests, 4 lines$/m);
  });

  it("Loki's query_range response (newest first, two streams, values with metadata) gives the same requests", async () => {
    const doc = {
      status: 'success',
      data: {
        resultType: 'streams',
        encodingFlags: ['categorize-labels'],
        result: [
          { stream: { app: 'shop', pod: 'a' }, values: [[ns(TIMES[1]!), LINES[1], {}], [ns(TIMES[0]!), LINES[0], {}]] },
          { stream: { app: 'shop', pod: 'b' }, values: [[ns(TIMES[3]!), LINES[3]], [ns(TIMES[2]!), LINES[2]]] },
        ],
        stats: { summary: { totalLinesProcessed: 4 } },
      },
    };
    const { rows, stderr } = await labelsOf(JSON.stringify(doc) + '\n');
    expect(rows.map((r) => [r.requestId, r.label])).toEqual([
      [ID, 'allowlist-suspect'],
      ['req-0000042', 'ok'],
    ]);
    expect(stderr).toMatch(/^ssrtail: 2 requests, 4 lines$/m);
  });

  it("a query result a script saved with a space after each colon (Python's json.dump) is read too", async () => {
    const values = (i: number[]) => i.map((k) => [ns(TIMES[k]!), LINES[k]]);
    const spaced = (o: unknown) => JSON.stringify(o).replace(/":/g, '": ').replace(/,"/g, ', "');
    const doc = { status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'shop' }, values: values([3, 2, 1, 0]) }] } };
    const tail = { streams: [{ stream: { app: 'shop' }, values: values([0, 1, 2, 3]) }] };
    for (const text of [spaced(doc), spaced(tail)]) {
      expect(text.startsWith('{"s') && text.includes('": "')).toBe(true);
      const { rows, stderr } = await labelsOf(text + '\n');
      expect(rows.map((r) => [r.requestId, r.label])).toEqual([
        [ID, 'allowlist-suspect'],
        ['req-0000042', 'ok'],
      ]);
      expect(stderr).toMatch(/^ssrtail: 2 requests, 4 lines$/m);
    }
  });

  it("Grafana's JSON download (newest first) and Loki tail messages saved one per line", async () => {
    const grafana = [3, 2, 1, 0].map((i) => ({ line: LINES[i], timestamp: ns(TIMES[i]!), date: new Date(TIMES[i]!).toISOString(), fields: { app: 'shop' } }));
    const g = await labelsOf(JSON.stringify(grafana));
    expect(g.rows.map((r) => [r.requestId, r.label])).toEqual([
      [ID, 'allowlist-suspect'],
      ['req-0000042', 'ok'],
    ]);
    const tail = [0, 2, 1, 3].map((i) => JSON.stringify({ streams: [{ stream: { app: 'shop' }, values: [[ns(TIMES[i]!), LINES[i]]] }], dropped_entries: null }));
    const t = await labelsOf(tail.join('\n') + '\n');
    expect(t.rows.map((r) => r.label)).toEqual(['allowlist-suspect', 'ok']);
  });

  it('entries of the same time keep the order they were logged in (a newest-first result turned round), and a byte order mark before the document is no matter', () => {
    // a summary row and the header lines under it, all stamped with the row's millisecond
    const logged = ['09:00:00.000 req-0000077 Request details: GET https://shop.example.com/t', '    Accept: */*', '    X-Trace: 1'];
    const result = { status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [...logged].reverse().map((l) => [ns(T0), l]) }] } };
    expect(expandDocuments([JSON.stringify(result)])).toEqual(logged);
    expect(expandDocuments(['\ufeff' + JSON.stringify(result)])).toEqual(logged);
    const grafana = [...logged].reverse().map((l) => ({ line: l, timestamp: ns(T0), fields: {} }));
    expect(expandDocuments([JSON.stringify(grafana)])).toEqual(logged);
    // tail messages come oldest first already
    const tail = { streams: [{ stream: {}, values: logged.map((l) => [ns(T0), l]) }] };
    expect(expandDocuments([JSON.stringify(tail)])).toEqual(logged);
  });

  it('an entry of several lines gives each; anything else in the same shape stays one line, counted', () => {
    const multi = JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [['2', 'b1\nb2'], ['1', 'a']] }] } });
    expect(expandDocuments(['before', multi, 'after'])).toEqual(['before', 'a', 'b1', 'b2', 'after']);
    const others = [
      JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }),
      '[{"line":1}]',
      '{"status":"success", broken',
      '{"status":200,"requestId":"req-1"}',
    ];
    const same = expandDocuments(others);
    expect(same).toBe(others);
  });
});
