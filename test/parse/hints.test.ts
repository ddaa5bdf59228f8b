// A log ssrtail cannot group (pino-pretty output, a pretty-printed JSON document, an nginx access log) says what it looks like.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHint, hintNote } from '../../src/parse/hints.js';
import { ROOT, runCli, tmpFile } from '../helpers/run-cli.js';

const PRETTY = path.join(ROOT, 'test/fixtures/pino-pretty.log');

describe('hints for logs of shapes ssrtail does not read', () => {
  it('names pino-pretty output, pretty-printed JSON and nginx/Apache access logs, and nothing the parsers read', () => {
    expect(formatHint('[04:30:19.319] INFO (13666): incoming request')).toMatch(/pino-pretty/);
    expect(formatHint('[1710147600000] ERROR (13666 on web-1): kaboom')).toMatch(/pino-pretty/);
    expect(formatHint('[2024-03-11 09:00:00.000 +0000] WARN: slow')).toMatch(/pino-pretty/);
    expect(formatHint('{')).toMatch(/pretty-printed JSON/);
    expect(formatHint('  [  ')).toMatch(/pretty-printed JSON/);
    expect(formatHint('[{"requestId":"abc12345-1","msg":"x"},{"requestId":"abc12345-2","msg":"y"}]')).toMatch(/JSON array of records on one line.*jq -c/);
    expect(formatHint('[{"line":"x","timestamp":')).toMatch(/Loki\/Grafana document/);
    expect(formatHint('id,method,url,status')).toMatch(/CSV table/);
    expect(formatHint('GET /ok?token=x 200 1.789 ms - 2')).toMatch(/morgan's dev\/tiny\/short/);
    expect(formatHint('GET /missing 404 146 - 0.480 ms')).toMatch(/morgan's dev\/tiny\/short/);
    // morgan's dev format colours its lines, in a file too
    expect(formatHint('\u001b[0mGET /ok \u001b[32m200\u001b[0m 1.789 ms - 2\u001b[0m')).toMatch(/morgan's dev\/tiny\/short/);
    expect(formatHint('127.0.0.1 - GET /ok HTTP/1.1 200 2 - 1.789 ms')).toMatch(/morgan's dev\/tiny\/short/);
    expect(formatHint('"Time","Line","tsNs","labels","id"')).toMatch(/CSV table/);
    expect(formatHint('{"status": "error", "errorType": "bad_data", "error": "parse error"}')).toMatch(/Loki error response/);
    expect(formatHint('203.0.113.7 - - [11/Mar/2024:09:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.0"')).toMatch(/nginx\/Apache/);
    // Express's morgan with a request-id token first (what a request-id middleware and `morgan(':id :remote-addr ...')` write)
    expect(formatHint('e9b9929e-c9b7-4994-8ac4-ffd505aceceb 127.0.0.1 - - [02/Dec/2026:12:41:41 +0000] "GET /ok HTTP/1.1" 200 2 "-" "curl/7.88.1" - 1.789 ms')).toMatch(/morgan/);
    for (const line of ['09:00:00.000 req-0000001 GET https://shop.example.com/', '[pod/shop-1/shop] {"a":1}', '    Cookie: x', 'Error: kaboom', '']) {
      expect(formatHint(line), line).toBeUndefined();
    }
    // only when most lines went unparsed
    expect(hintNote({ lines: 10, rawLines: 4, formatHint: 'x' })).toBeUndefined();
    expect(hintNote({ lines: 10, rawLines: 6, formatHint: 'x' })).toBe('6 of 10 lines unparsed: x');
    expect(hintNote({ lines: 10, rawLines: 10 })).toBeUndefined();
  });

  it('says when lines were read but no line carries a request ID (pino without pino-http), file, pipe and --workers', async () => {
    const noId = tmpFile('no-id.log', Array.from({ length: 5 }, (_, i) => `{"level":30,"time":${1710147600000 + i},"pid":1,"hostname":"web-1","msg":"listening ${i}"}`).join('\n') + '\n');
    const said = /^ssrtail: no line carries a request ID, which ssrtail groups lines into requests by: log one on each line \(requestId, reqId, req\.id/m;
    for (const r of [await runCli(['--report', noId]), await runCli(['--json'], { shellPipeFrom: noId }), await runCli(['--json', '--workers', '2', noId])]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(said);
    }
    // not when a request came of the log, nor when its lines are unparsed (another note, or none), nor on no input
    expect(hintNote({ lines: 5, rawLines: 0, unattributed: 4, groups: 1 })).toBeUndefined();
    expect(hintNote({ lines: 5, rawLines: 5, unattributed: 5, groups: 0 })).toBeUndefined();
    expect(hintNote({ lines: 0, rawLines: 0, unattributed: 0, groups: 0 })).toBeUndefined();
    expect((await runCli(['--report', path.join(ROOT, 'samples/busy.log')])).stderr).not.toMatch(/no line carries/);
  });

  it('report mode says it after the totals, on stderr, also with --json and --workers', async () => {
    for (const args of [['--report'], ['--json'], ['--json', '--workers', '2']]) {
      const r = await runCli([...args, PRETTY]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^ssrtail: 30 of 30 lines unparsed: they look like pino-pretty output .*drop `\| pino-pretty`\)$/m);
    }
    const doc = tmpFile('doc.json', JSON.stringify({ requestId: 'req-0000001', msg: 'x' }, null, 2) + '\n');
    expect((await runCli(['--json', doc])).stderr).toMatch(/pretty-printed JSON document/);
    // a log that mostly reads says nothing of its few odd lines
    const mostly = tmpFile('ok.log', ['{', '09:00:00.000 req-0000001 GET https://shop.example.com/', '09:00:00.100 req-0000001 Response details: GET https://shop.example.com/ 200 OK', ''].join('\n'));
    expect((await runCli(['--json', mostly])).stderr).not.toMatch(/unparsed:/);
  });
});
