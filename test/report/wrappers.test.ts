// Saved logs in the shapes kubectl, docker compose, Grafana, logcli, Docker and CRI give them, through the binary.
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const id = (n: number) => `w0000000-0000-4000-8000-00000000000${n}`;
const request = (n: number) => `{"level":100,"time":1710147600000,"requestId":"${id(n)}","data":{"method":"GET","path":"/p/${n}","host":"shop.example.com","protocol":"https:"}}`;
const notFound = (n: number) => `{"level":101,"time":1710147600100,"requestId":"${id(n)}","data":{"statusCode":404,"statusMessage":"Not Found"}}`;

describe('wrapped and decorated lines through the binary', () => {
  it('kubectl --timestamps/--prefix, compose, Grafana, logcli and Docker/CRI lines cut at 16 KiB give the labels of the plain lines', async () => {
    // a legal 101 row past 16 KiB: an 8 KiB body in base64 and a long CSP header
    const big = (n: number) =>
      JSON.stringify({
        level: 101,
        time: 1710147600100,
        requestId: id(n),
        data: { statusCode: 404, statusMessage: 'Not Found', headers: { 'content-security-policy': 'x'.repeat(6000) }, body: Buffer.alloc(8192, '<p>hi</p>').toString('base64') },
      });
    const pieces = (s: string) => Array.from({ length: Math.ceil(s.length / 16384) }, (_, i) => s.slice(i * 16384, (i + 1) * 16384));
    const dockerPieces = pieces(big(7)).map((p, i, all) => JSON.stringify({ log: i === all.length - 1 ? p + '\n' : p, stream: 'stdout', time: '2024-03-11T09:00:00.1Z' }));
    const criPieces = pieces(big(8)).map((p, i, all) => `2024-03-11T09:00:00.100000000Z stdout ${i === all.length - 1 ? 'F' : 'P'} ${p}`);
    const lines = [
      `2024-03-11T09:00:00.123456789Z ${request(1)}`,
      `2024-03-11T09:00:00.223456789Z ${notFound(1)}`,
      `[pod/shop-7d9f8-abcde/shop] ${request(2)}`,
      `[pod/shop-7d9f8-abcde/shop] ${notFound(2)}`,
      `\u001b[36mshop-1  |\u001b[0m 09:00:00.000 dc-0000003 Request details: GET https://shop.example.com/a`,
      `\u001b[36mshop-1  |\u001b[0m 09:00:00.100 dc-0000003 Response details: GET https://shop.example.com/a 404 Not Found`,
      `2024-03-11 09:00:00.000\t${request(4)}`,
      `2024-03-11 09:00:00.100\t${notFound(4)}`,
      `2024-03-11T09:00:00Z {app="shop", pod="shop-1"} ${request(5)}`,
      `2024-03-11T09:00:00Z {app="shop", pod="shop-1"} ${notFound(5)}`,
      JSON.stringify({ labels: { app: 'shop' }, line: request(6), timestamp: '2024-03-11T09:00:00Z' }),
      JSON.stringify({ labels: { app: 'shop' }, line: notFound(6), timestamp: '2024-03-11T09:00:00.1Z' }),
      JSON.stringify({ log: request(7) + '\n', stream: 'stdout', time: '2024-03-11T09:00:00Z' }),
      ...dockerPieces,
      `2024-03-11T09:00:00.000000000Z stdout F ${request(8)}`,
      ...criPieces,
      // start-up lines: not requests
      '09:00:00.400 Server12 started',
      '09:00:00.403 127.0.0.1 connected',
    ];
    const f = tmpFile('wrapped.log', lines.join('\n') + '\n');
    const expected = [id(1), id(2), 'dc-0000003', id(4), id(5), id(6), id(7), id(8)].sort();
    for (const r of [await runCli(['--json', f]), await runCli(['--json', '--workers', '2', f]), await runCli(['--json'], { shellPipeFrom: f })]) {
      expect(r.code, r.stderr).toBe(0);
      const rows = ndjson(r.stdout);
      expect(rows.map((o) => o.requestId).sort()).toEqual(expected);
      expect(rows.every((o) => o.label === 'not-found'), r.stdout).toBe(true);
      expect(r.stderr).toMatch(new RegExp(`8 requests, ${lines.length} lines, 2 without request ID`));
      expect(r.stderr).not.toMatch(/unparsed/);
    }
  });

  it('a Docker/CRI line whose last piece never came is still shown and counted when the input ends', async () => {
    const f = tmpFile('cut.log', `2024-03-11T09:00:00.000000000Z stdout F ${request(1)}\n2024-03-11T09:00:00.1Z stdout P {"level":101,"requestId":"${id(1)}","da\n`);
    for (const r of [await runCli(['--json', f]), await runCli(['--json', '--workers', '2', f])]) {
      expect(r.stderr).toMatch(/1 request, 2 lines, 1 unparsed/);
      expect(ndjson(r.stdout).map((o) => o.requestId)).toEqual([id(1)]);
    }
  });
});
