// Re-runs against loopback servers that answer, answer slowly, answer with errors, hang and refuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurl } from '../../src/curl/build.js';
import { rerunRequest, serverName, type RerunResult } from '../../src/curl/rerun.js';
import { prepareRequest, type LoggedRequest } from '../../src/curl/request.js';
import { hangingServer, recordingServer, refusedPort, runBash, sentHeaders, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
let ok: TestServer;
let slow: TestServer;
let forbidden: TestServer;
let hang: Awaited<ReturnType<typeof hangingServer>>;
let refused: number;

beforeAll(async () => {
  ok = await recordingServer({ body: 'x'.repeat(1234) });
  slow = await recordingServer({ delayMs: 1500 });
  forbidden = await recordingServer({ status: 403, body: 'no' });
  hang = await hangingServer();
  refused = await refusedPort();
  servers.push(ok, slow, forbidden, hang);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function expectOutcome<K extends RerunResult['outcome']>(r: RerunResult, k: K): asserts r is Extract<RerunResult, { outcome: K }> {
  expect(r.outcome, JSON.stringify(r)).toBe(k);
}

describe('rerunRequest', () => {
  it('reports status, time and size of an answer', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `${ok.base}/x`, headers: [] }, { timeoutMs: 10_000 });
    expectOutcome(r, 'answered');
    expect(r.status).toBe(200);
    expect(r.statusText).toBe('OK');
    expect(r.size).toBe(1234);
    expect(r.cut).toBe(false);
    expect(r.timeMs).toBeGreaterThanOrEqual(0);
  });

  it('counts a slow answer within the timeout as an answer', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `${slow.base}/slow`, headers: [] }, { timeoutMs: 15_000 });
    expectOutcome(r, 'answered');
    expect(r.timeMs).toBeGreaterThanOrEqual(1400);
  });

  it('an answer slower than the timeout is no answer', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `${slow.base}/slow`, headers: [] }, { timeoutMs: 300 });
    expectOutcome(r, 'timeout');
    expect(r.timeoutMs).toBe(300);
  });

  it('a server that never answers times out', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `${hang.base}/h`, headers: [] }, { timeoutMs: 500 });
    expectOutcome(r, 'timeout');
    expect(hang.connections()).toBeGreaterThan(0);
  });

  it('a refused connection fails with its code', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `http://127.0.0.1:${refused}/`, headers: [] }, { timeoutMs: 10_000 });
    expectOutcome(r, 'failed');
    expect(r.code).toBe('ECONNREFUSED');
  });

  it('a TLS handshake with a plain-HTTP server fails', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `https://127.0.0.1:${ok.port}/`, headers: [] }, { timeoutMs: 10_000 });
    expectOutcome(r, 'failed');
  });

  it('refuses what is not http or https, and what has no host', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1:70/', '/only/a/path', 'http://bad host/']) {
      const { req, result: r } = await rerunRequest({ method: 'GET', url, headers: [] });
      expectOutcome(r, 'invalid');
      expect(req).toBeUndefined();
    }
  });

  it('gives back the request it prepared and sent, so its notes need no second preparing', async () => {
    const logged: LoggedRequest = { method: 'GET', url: `${ok.base}/prepared?token=[Redacted]`, headers: [['Authorization', '***'], ['Connection', 'keep-alive']] };
    const { req, result } = await rerunRequest(logged, { timeoutMs: 10_000 });
    expectOutcome(result, 'answered');
    const p = prepareRequest(logged);
    expect(p.ok && req).toEqual(p.ok && p.req);
    expect(req).toMatchObject({ target: '/prepared?token=[Redacted]', redacted: ['URL', 'Authorization'], headers: [['Authorization', '***']] });
    expect(sentHeaders(ok.received.at(-1)!)).toContainEqual(['Authorization', '***']);
  });

  it('sends exactly what the curl command sends: real secret values, hostile values, body', async () => {
    const req: LoggedRequest = {
      method: 'POST',
      url: `${ok.base}/same?q=a b&e=é&s='$(x)'`,
      headers: [
        ['Cookie', 'sid=s3cr3t'],
        ['Authorization', 'Bearer abc'],
        ['X-Evil', `it's $(id) \`id\` é 😀 \\ !`],
        ['X-Dup', '1'],
        ['X-Dup', '2'],
        ['X-Cr', 'a\r\nb'],
        ['Host', 'virtual.example'],
        ['Content-Length', '1'],
        ['Content-Type', 'text/plain'],
      ],
      body: "body 'é' \n $(x)",
    };
    const { result: r } = await rerunRequest(req, { timeoutMs: 10_000 });
    expectOutcome(r, 'answered');
    const viaNode = ok.received.at(-1)!;
    const run = await runBash(buildCurl(req, { showSecrets: true }).text + '\n');
    expect(run.code, run.stderr).toBe(0);
    const viaCurl = ok.received.at(-1)!;
    expect(viaNode).not.toBe(viaCurl);
    expect(viaNode.method).toBe(viaCurl.method);
    expect(viaNode.url).toBe(viaCurl.url);
    expect(viaNode.body.equals(viaCurl.body)).toBe(true);
    // node adds Connection: close (hop-by-hop); curl sends Host first, node where it is logged
    const norm = (h: Array<[string, string]>) => h.filter(([n]) => n.toLowerCase() !== 'connection').sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1));
    expect(norm(viaNode.headers)).toEqual(norm(viaCurl.headers));
    expect(sentHeaders(viaNode)).toContainEqual(['Cookie', 'sid=s3cr3t']);
  });

  it('counts an error status as an answer', async () => {
    const { result: r } = await rerunRequest({ method: 'GET', url: `${forbidden.base}/`, headers: [] });
    expectOutcome(r, 'answered');
    expect(r.status).toBe(403);
  });
});

describe('serverName (SNI and the certificate check)', () => {
  const name = (url: string, headers: Array<[string, string]> = []) => {
    const p = prepareRequest({ method: 'GET', url, headers });
    if (!p.ok) throw new Error(p.error);
    return serverName(p.req);
  };
  it("is the logged Host header's name when it differs from the URL's host, else the URL's; none for an IP", () => {
    expect(name('https://10.0.0.5/x', [['host', 'Shop.example.com:8443']])).toBe('Shop.example.com');
    expect(name('https://10.0.0.5/x', [['HOST', '[::1]:8443']])).toBeUndefined();
    expect(name('https://10.0.0.5/x')).toBeUndefined();
    expect(name('https://api.example.net/x', [['Host', 'api.example.net']])).toBe('api.example.net');
    expect(name('https://api.example.net/x', [['Accept', '*/*']])).toBe('api.example.net');
  });
});
