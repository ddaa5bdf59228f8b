// The time a line comes with from outside it (a saved Loki/Grafana entry's, journald's) for a line without its own,
// entries that hold no line, and saved documents that are no log query result.
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const T0 = 1710147600000; // 2024-03-11T09:00:00Z
/** `ms` ms and `ns` ns after T0, in Loki's nanoseconds */
const at = (ms: number, ns = 0) => `${T0 + ms}${String(ns).padStart(6, '0')}`;
const REQ = (id: string) => JSON.stringify({ event: 'request', requestId: id, method: 'GET', url: `https://x.example/${id}` });
const RES = (id: string) => JSON.stringify({ event: 'response', requestId: id, status: 200 });

const loki = (values: unknown[]) => JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'shop' }, values }] } });

async function run(content: string): Promise<{ rows: Array<Record<string, unknown>>; stderr: string; code: number | null }> {
  const r = await runCli(['--json', tmpFile('saved.json', content + '\n')]);
  return { rows: ndjson(r.stdout), stderr: r.stderr, code: r.code };
}

describe('a saved entry gives its time to a line without one', () => {
  it('JSON lines without a time, in a Loki result (newest first) and a Grafana download: time and duration to the µs', async () => {
    const values = [[at(12, 468_912), RES('req-n0000001')], [at(0, 123_456), REQ('req-n0000001')]];
    const grafana = values.map(([ts, line]) => ({ line, timestamp: ts, fields: {} }));
    for (const doc of [loki(values), JSON.stringify(grafana)]) {
      const { rows, code } = await run(doc);
      expect(code).toBe(0);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ requestId: 'req-n0000001', label: 'ok', time: '2024-03-11T09:00:00.000Z', durationMs: 12.345 });
    }
  });

  it('text rows without a time are read as rows at their entry time; a line with its own time keeps it', async () => {
    const values = [
      [at(5000), '09:00:07.000 req-t0000002 Response details: GET https://x.example/t2 200 OK'],
      [at(4000), '09:00:06.500 req-t0000002 Request details: GET https://x.example/t2'],
      [at(250), 'req-t0000001 Response details: GET https://x.example/t1 200 OK'],
      [at(0), 'req-t0000001 Request details: GET https://x.example/t1'],
      [at(100), 'Server listening on :3000'],
    ];
    const { rows, stderr } = await run(loki(values));
    expect(rows.map((r) => [r.requestId, r.label, r.time, r.durationMs])).toEqual([
      ['req-t0000001', 'ok', '2024-03-11T09:00:00.000Z', 250],
      ['req-t0000002', 'ok', '09:00:06.500', 500],
    ]);
    // an untimed line with no request ID stays what it was: unparsed
    expect(stderr).toMatch(/^ssrtail: 2 requests, 5 lines, 1 unparsed$/m);
  });
});

describe('entries that hold no line, and documents that hold no log lines', () => {
  it('an entry with an unreadable timestamp is kept; entries with no line are counted and kept as unparsed lines', async () => {
    const values = [['notanumber', '09:00:00.000 req-zzzz0001 Request details: GET https://x.example/z'], [123, { a: 1 }], [at(0), null], 'str', []];
    const { rows, stderr } = await run(loki(values));
    expect(rows.map((r) => r.requestId)).toEqual(['req-zzzz0001']);
    expect(stderr).toMatch(/^ssrtail: 1 request, 5 lines, 4 unparsed, 4 malformed entries in saved Loki\/Grafana documents \(kept as unparsed lines\)$/m);
    // a Grafana element without a line too
    const g = await run(JSON.stringify([{ line: REQ('req-g0000001'), timestamp: at(0) }, { timestamp: at(1) }]));
    expect(g.rows.map((r) => r.requestId)).toEqual(['req-g0000001']);
    expect(g.stderr).toMatch(/1 unparsed, 1 malformed entry in saved/);
    // and in the table's totals
    const table = await runCli(['--report', tmpFile('saved.json', loki(values) + '\n')]);
    expect(table.stdout).toMatch(/^ {2}malformed entries +4 {2}entries of a saved Loki\/Grafana document with no line in them/m);
  });

  it('a Loki error response, a metric result, a result of no entries and a document cut short each say what they are', async () => {
    const error = await run('{"status":"error","errorType":"bad_data","error":"parse error at line 1, col 7: syntax error"}');
    expect(error.stderr).toMatch(/1 of 1 lines unparsed: it is a Loki error response, not a query result/);
    const matrix = await run(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { app: 'shop' }, values: [[1710147600, '3']] }] } }));
    expect(matrix.stderr).toMatch(/it is the result of a Loki metric query \(numbers, not log lines\)/);
    const empty = await run(JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [], stats: {} } }));
    expect(empty.stderr).toMatch(/^ssrtail: 0 requests, 1 line, 1 unparsed$/m);
    expect(empty.stderr).toMatch(/it is a Loki query result with no entries: the query matched no line in its time range/);
    const cut = await run(loki([[at(0), REQ('req-c0000001')]]).slice(0, 60));
    expect(cut.stderr).toMatch(/a saved Loki\/Grafana document that could not be read \(cut short, or not valid JSON\)/);
  });
});

describe("journald's time for a line without one", () => {
  it('short, short-precise, short-iso and -o json', async () => {
    const lines = [
      'Dec 02 09:00:00 web-1 node[42]: req-jjjj0001 Request details: GET https://x.example/j1',
      'Dec 02 09:00:01 web-1 node[42]: req-jjjj0001 Response details: GET https://x.example/j1 200 OK',
      'Dec  2 09:00:02.250000 web-1 node[42]: req-jjjj0002 Request details: GET https://x.example/j2',
      'Dec  2 09:00:02.500000 web-1 node[42]: req-jjjj0002 Response details: GET https://x.example/j2 200 OK',
      '2024-12-02T09:00:03.000000+0000 web-1 node[42]: req-jjjj0003 Request details: GET https://x.example/j3',
      '2024-12-02T09:00:03.125000+00:00 web-1 node[42]: req-jjjj0003 Response details: GET https://x.example/j3 200 OK',
      JSON.stringify({ __CURSOR: 's=1', __REALTIME_TIMESTAMP: '1733130004000000', _HOSTNAME: 'web-1', MESSAGE: 'req-jjjj0004 Request details: GET https://x.example/j4' }),
      JSON.stringify({ __CURSOR: 's=2', __REALTIME_TIMESTAMP: '1733130004040500', _HOSTNAME: 'web-1', MESSAGE: REQ('req-jjjj0005') }),
      JSON.stringify({ __CURSOR: 's=3', __REALTIME_TIMESTAMP: '1733130004100000', _HOSTNAME: 'web-1', MESSAGE: 'req-jjjj0004 Response details: GET https://x.example/j4 200 OK' }),
      // the spec's own `<ISO time> <id> <LEVEL>: ...` is still a text row with its own time
      '2024-12-02T09:00:05.000Z req-jjjj0004 INFO: done',
    ];
    const { rows, stderr } = await run(lines.join('\n'));
    expect(rows.map((r) => [r.requestId, r.label, r.time, r.durationMs])).toEqual([
      ['req-jjjj0001', 'ok', '09:00:00.000', 1000],
      ['req-jjjj0002', 'ok', '09:00:02.250', 250],
      ['req-jjjj0003', 'ok', '2024-12-02T09:00:03.000Z', 125],
      ['req-jjjj0004', 'ok', '2024-12-02T09:00:04.000Z', 1000],
      ['req-jjjj0005', 'ssr-code-error', '2024-12-02T09:00:04.040Z', 0],
    ]);
    expect(stderr).toMatch(/^ssrtail: 5 requests, 10 lines$/m);
  });
});
