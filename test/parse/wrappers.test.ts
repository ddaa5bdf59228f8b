// Lines as kubectl, docker compose, Grafana and logcli save them, and lines Docker and CRI cut into pieces.
import { describe, expect, it } from 'vitest';
import { LineParser } from '../../src/parse/index.js';
import { PieceJoiner } from '../../src/parse/join.js';
import { Pipeline } from '../../src/pipeline.js';
import type { LogEvent } from '../../src/model.js';

const ID = 'w0000000-0000-4000-8000-000000000003';
const JSON_ROW = `{"level":101,"time":1710147600100,"requestId":"${ID}","data":{"statusCode":404,"statusMessage":"Not Found"}}`;
const TEXT_ROW = '09:00:00.100 req-0000001 Response details: GET https://shop.example.com/a 404 Not Found';

function parseAll(lines: string[]): LogEvent[] {
  const p = new LineParser();
  return lines.flatMap((l) => p.parse(l) ?? []);
}

const isJsonRow = (e: LogEvent) => e.kind === 'response' && e.status === 404 && e.requestId === ID;
const isTextRow = (e: LogEvent) => e.kind === 'response' && e.status === 404 && e.requestId === 'req-0000001';

describe('decorations of kubectl, docker compose, Grafana and logcli', () => {
  it('kubectl logs --timestamps and --prefix, alone and together, before JSON and text rows', () => {
    const stamp = '2024-03-11T09:00:00.123456789Z';
    const prefix = '[pod/shop-7d9f8-abcde/shop]';
    const ev = parseAll([
      `${stamp} ${JSON_ROW}`,
      `${stamp} ${TEXT_ROW}`,
      `${prefix} ${JSON_ROW}`,
      `${prefix} ${TEXT_ROW}`,
      `${prefix} ${stamp} ${JSON_ROW}`,
      '2024-03-11T10:00:00.123456789+01:00 ' + TEXT_ROW,
    ]);
    expect(ev.map((e, i) => (i % 2 ? isTextRow(e) : isJsonRow(e)))).toEqual([true, true, true, true, true, true]);
    expect(ev[0]!.raw).toBe(`${stamp} ${JSON_ROW}`);
    // a text row's own ISO time stays: a leading time is taken off only before a line the parsers know
    const own = parseAll([
      '2024-03-11T09:00:00.000Z req-0000002 Request details: GET https://shop.example.com/b',
      '2024-03-11T09:00:00.100Z [req-0000002] Response details: GET https://shop.example.com/b 200 OK',
      '2024-03-11T09:00:00.200Z INFO: ready',
    ]);
    expect(own.map((e) => [e.kind, e.requestId, e.time])).toEqual([
      ['request', 'req-0000002', Date.parse('2024-03-11T09:00:00.000Z')],
      ['response', 'req-0000002', Date.parse('2024-03-11T09:00:00.100Z')],
      ['log', undefined, Date.parse('2024-03-11T09:00:00.200Z')],
    ]);
  });

  it("kubelet's nanosecond time before an indented header keeps it the row's header", () => {
    const ev = parseAll([
      `2024-03-11T09:00:00.123456789Z ${TEXT_ROW}`,
      '2024-03-11T09:00:00.123456789Z     Content-Type: text/html',
    ]);
    expect(ev[1]).toMatchObject({ kind: 'header', requestId: 'req-0000001', headerName: 'Content-Type', headerValue: 'text/html' });
  });

  it('docker compose logs prefixes, padded, coloured, with --timestamps', () => {
    const ev = parseAll([
      `shop-1  | ${JSON_ROW}`,
      `shop-1  | ${TEXT_ROW}`,
      `\u001b[36mshop-web-1  |\u001b[0m ${JSON_ROW}`,
      `shop-1  | 2024-03-11T09:00:00.123456789Z ${TEXT_ROW}`,
    ]);
    expect(ev.map((e, i) => (i % 2 ? isTextRow(e) : isJsonRow(e)))).toEqual([true, true, true, true]);
  });

  it('Grafana\'s "Download logs" text, logcli query and logcli --output=jsonl', () => {
    const ev = parseAll([
      `2024-03-11 09:00:00.100\t${JSON_ROW}`,
      `2024-03-11 09:00:00.100\t${TEXT_ROW}`,
      `2024-03-11T09:00:00Z {app="shop", pod="shop-1"} ${JSON_ROW}`,
      `2024-03-11T09:00:00+01:00 {app="shop", msg="a } b"}    ${TEXT_ROW}`,
      JSON.stringify({ labels: { app: 'shop' }, line: JSON_ROW, timestamp: '2024-03-11T09:00:00.1Z' }),
      JSON.stringify({ labels: { app: 'shop' }, line: TEXT_ROW, timestamp: '2024-03-11T09:00:00.1Z' }),
    ]);
    expect(ev.map((e, i) => (i % 2 ? isTextRow(e) : isJsonRow(e)))).toEqual([true, true, true, true, true, true]);
  });

  it('journalctl (short, short-precise, short-iso, json) and syslog files', () => {
    const cursor = { __CURSOR: 's=1;i=2', __REALTIME_TIMESTAMP: '1710147600100000', _HOSTNAME: 'web-1', SYSLOG_IDENTIFIER: 'node' };
    const ev = parseAll([
      `Mar 11 09:00:00 web-1 node[4242]: ${JSON_ROW}`,
      `Mar 11 09:00:00 web-1 node[4242]: ${TEXT_ROW}`,
      `Mar 11 09:00:00.123456 web-1 shop.service[1]: ${JSON_ROW}`,
      `Mar  1 09:00:00 web-1 shop: ${TEXT_ROW}`,
      `2024-03-11T09:00:00+0000 web-1 node[4242]: ${JSON_ROW}`,
      `2024-03-11T09:00:00.123456+01:00 web-1 node[4242]: ${TEXT_ROW}`,
      JSON.stringify({ ...cursor, MESSAGE: JSON_ROW }),
      JSON.stringify({ ...cursor, MESSAGE: [...Buffer.from(TEXT_ROW)] }),
      // older systemd writes spaces around the colons
      JSON.stringify({ ...cursor, MESSAGE: JSON_ROW }, null, 1).replace(/\n\s*/g, ' ').replace(/":/g, '" :'),
      JSON.stringify({ ...cursor, MESSAGE: TEXT_ROW }, null, 1).replace(/\n\s*/g, ' ').replace(/":/g, '" :'),
    ]);
    expect(ev.map((e, i) => (i % 2 ? isTextRow(e) : isJsonRow(e)))).toEqual([true, true, true, true, true, true, true, true, true, true]);
    // the spec's own `<ISO time> <id> <LEVEL>: <message>` has syslog's shape: it stays a text row with its ID
    const own = parseAll(['2024-03-11T09:00:00.000Z req-0000002 INFO: 09:00:00.000 fetched', 'Mar 11 09:00:00 web-1 node[1]: Server listening']);
    expect(own[0]).toMatchObject({ kind: 'log', requestId: 'req-0000002', time: Date.parse('2024-03-11T09:00:00.000Z') });
    expect(own[1]!.raw).toBe('Mar 11 09:00:00 web-1 node[1]: Server listening');
  });

  it('journalctl -o short-iso keeps indented lines: headers under a text row, the console copy\'s detail rows', () => {
    const j = (line: string) => `2024-03-11T09:00:00+0000 web-1 node[42]: ${line}`;
    const ev = parseAll([
      j('09:00:00.100 req-0000001 Upstream Request: GET https://api.example.net/v1/p/1'),
      j('    authorization: Bearer abc'),
      j('09:00:00.337  GET https://docs.example.org/blog   20baf515-b6d2-4fdd-ab38-6ec8bf259689'),
      j('  09:00:00.569  Response details:  GET https://docs.example.org/blog  403 Forbidden'),
    ]);
    expect(ev[1]).toMatchObject({ kind: 'header', requestId: 'req-0000001', headerName: 'authorization', parentKind: 'upstream' });
    expect(ev[3]).toMatchObject({ kind: 'response', status: 403, requestId: '20baf515-b6d2-4fdd-ab38-6ec8bf259689' });
    // a service named like a level (`http[42]:`) is journald's identifier all the same: its pid says so
    const http = parseAll(['2024-03-11T09:00:00+0000 web-1 http[42]: 09:00:00.100 req-0000001 Response details: GET https://shop.example.com/a 404 Not Found']);
    expect(http[0]).toMatchObject({ kind: 'response', status: 404, requestId: 'req-0000001' });
  });

  it("a wrapper's time is the time of a line without one (CRI, kubectl --timestamps, logcli, Docker json-file); a line's own time wins", () => {
    const T = Date.parse('2024-03-11T09:00:00Z');
    const untimed = JSON.stringify({ event: 'response', requestId: 'req-0000009', status: 200 });
    const ev = parseAll([
      `2024-03-11T09:00:00.123456789Z stdout F ${untimed}`,
      '2024-03-11T09:00:00.250000000Z stderr F req-0000009 INFO: no time of its own',
      `2024-03-11T10:00:00.5+01:00 ${untimed}`,
      `2024-03-11T09:00:00.75Z {app="shop"} ${untimed}`,
      `2024-03-11T09:00:00.123456789Z stdout F ${JSON_ROW}`,
      JSON.stringify({ log: `${untimed}\n`, stream: 'stdout', time: '2024-03-11T09:00:01.000000500Z' }),
      JSON.stringify({ labels: { app: 'shop' }, line: untimed, timestamp: '2024-03-11T09:00:01.25Z' }),
      'Mar 11 09:00:01.5 web-1 node[1]: Server listening',
    ]);
    expect(ev.map((e) => e.time)).toEqual([T + 123.456, T + 250, T + 500, T + 750, 1710147600100, T + 1000, T + 1250, undefined]);
    expect(ev[7]!.kind).toBe('raw');
  });
});

describe('lines Docker and CRI cut into 16 KiB pieces', () => {
  // a response row past 16 KiB: an 8 KiB body in base64 and its headers
  const big = JSON.stringify({
    level: 101,
    time: 1710147600100,
    requestId: ID,
    data: { statusCode: 404, statusMessage: 'Not Found', body: Buffer.alloc(8192, '<p>hi</p>').toString('base64'), csp: 'x'.repeat(6000) },
  });
  const cut = (s: string) => Array.from({ length: Math.ceil(s.length / 16384) }, (_, i) => s.slice(i * 16384, (i + 1) * 16384));
  const docker = (log: string, stream = 'stdout') => JSON.stringify({ log, stream, time: '2024-03-11T09:00:00.100000000Z' });
  const cri = (tag: string, s: string, stream = 'stdout') => `2024-03-11T09:00:00.100000000Z ${stream} ${tag} ${s}`;

  it('joins Docker pieces (no trailing newline) and CRI P pieces up to F, another stream in between', () => {
    const pieces = cut(big);
    expect(pieces.length).toBeGreaterThan(1);
    const dockerLines = pieces.map((p, i) => docker(i === pieces.length - 1 ? p + '\n' : p));
    const criLines = pieces.map((p, i) => cri(i === pieces.length - 1 ? 'F' : 'P', p));
    // stderr writes a whole line while stdout's is in pieces
    dockerLines.splice(1, 0, docker(`${TEXT_ROW}\n`, 'stderr'));
    criLines.splice(1, 0, cri('F', TEXT_ROW, 'stderr'));
    for (const lines of [dockerLines, criLines]) {
      const ev = parseAll(lines);
      expect(ev.length).toBe(2);
      expect(isTextRow(ev[0]!)).toBe(true);
      expect(isJsonRow(ev[1]!)).toBe(true);
      expect(ev[1]).toMatchObject({ raw: big, lineNo: 1 });
    }
    // a short Docker record without a newline is a whole line (another tool's file in Docker's shape), not a piece
    const short = parseAll([docker(TEXT_ROW), docker(JSON_ROW)]);
    expect([isTextRow(short[0]!), isJsonRow(short[1]!)]).toEqual([true, true]);
  });

  it('a line whose last piece never comes is delivered when the input ends, and counted', () => {
    const p = new Pipeline();
    p.feed([cri('F', JSON_ROW.replace('"level":101', '"level":100')), cri('P', cut(big)[0]!)]);
    expect(p.stats.rawLines).toBe(0);
    p.end();
    expect(p.stats).toMatchObject({ lines: 2, rawLines: 1 });
    expect(p.get(ID)).toBeDefined();
  });

  it('lets a line go once it reaches the line limit, even if its pieces go on', () => {
    const j = new PieceJoiner(40_000);
    const piece = cri('P', 'y'.repeat(16384));
    const out = Array.from({ length: 6 }, (_, i) => j.take(piece, i + 1));
    expect(out.map((s) => s?.length)).toEqual([undefined, undefined, 3 * 16384, undefined, undefined, 3 * 16384]);
    expect(j.flush()).toEqual([]);
  });
});
