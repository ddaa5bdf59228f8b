// `c` and `r` wired to the real curl feature: OSC 52 captured, a real re-run against a server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Pipeline } from '../../src/pipeline.js';
import { TuiStore } from '../../src/ui/store.js';
import { curlEffects } from '../../src/ui/curl-effects.js';
import { KEY, loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { tmpFile } from '../helpers/run-cli.js';
import path from 'node:path';
import { ROOT } from './helpers/fixture.js';

afterEach(() => cleanup());

let server: http.Server;
let port = 0;
const hits: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} key=${req.headers['x-api-key'] ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('c: copy as curl', () => {
  it('copies the suspect upstream call, masks secrets, says where it went and shows the command', async () => {
    const store = await loadedStore();
    const written: string[] = [];
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: (s) => written.push(s), clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('n', 'c');
    const f = await app.waitFor((f) => f.includes('copied as curl'), 'the command on screen');
    expect(f).toMatch(/upstream call 1 as curl \(1 secret\(s\) masked\): sent to the terminal's clipboard via OSC 52/);
    expect(f).toMatch(/curl .*https:\/\/origin\.example\.org\/api\/products\/42/);
    expect(f).not.toContain('SECRETAPIKEY000');
    expect(written).toHaveLength(1);
    const osc = written[0]!;
    expect(osc.startsWith('\u001b]52;c;') || osc.startsWith('\u001bPtmux;')).toBe(true);
    const copied = Buffer.from(/52;c;([A-Za-z0-9+/=]+)/.exec(osc)![1]!, 'base64').toString('utf8');
    expect(copied).toContain('origin.example.org/api/products/42');
    expect(copied).not.toContain('SECRETAPIKEY000');
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('copied as curl') && /allowlist-suspect ·/.test(f), 'back to the request');
  });

  it('on a backend-error, copies the call that answered >= 400 (the one its reasons name), not the first that went fine', async () => {
    const store = await loadedStore(path.join(ROOT, 'samples/busy.log'));
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: () => {}, clipboardTool: null });
    const app = renderApp(store, { effects, size: { columns: 120, rows: 40 } });
    await app.waitFor((f) => f.includes('500 requests'));
    // GET / called POST 192.192.1.1/health (200), POST api.example.net (200), then GET cms.example.org (502)
    await app.press('/', ...'b3f4307768ddea00f18e', KEY.enter);
    await app.waitFor((f) => f.includes('1 match'), 'the request');
    await app.press('c');
    const f = await app.waitFor((f) => f.includes('copied as curl'), 'the command on screen');
    expect(f).toMatch(/upstream call 3 as curl/);
    expect(f).toMatch(/curl 'https:\/\/cms\.example\.org\/content\/menu\?locale=en-GB'/);
  });

  it('copies the edge request when there is no upstream call', async () => {
    const store = await loadedStore();
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: () => {}, clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('G', 'c');
    await app.waitFor((f) => /edge request as curl/.test(f) && /curl .*shop\.example\.com\/about/.test(f), 'edge request');
  });
});

describe('y: copy the request ID', () => {
  it('copies the selected request ID alone and says so', async () => {
    const store = await loadedStore();
    const written: string[] = [];
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: (s) => written.push(s), clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('n', 'y');
    const f = await app.waitFor((f) => /request ID \S+ copied/.test(f), 'the copy reported');
    expect(f).toContain("request ID 22222222-aaaa-4bbb-8ccc-000000000539 copied: sent to the terminal's clipboard via OSC 52");
    expect(written).toHaveLength(1);
    expect(Buffer.from(/52;c;([A-Za-z0-9+/=]+)/.exec(written[0]!)![1]!, 'base64').toString('utf8')).toBe('22222222-aaaa-4bbb-8ccc-000000000539');
  });
});

describe("C: copy the request's lines", () => {
  it('copies every line of the selected request as logged, secrets masked, and says how many', async () => {
    const store = await loadedStore();
    const written: string[] = [];
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: (s) => written.push(s), clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('n', 'C');
    const f = await app.waitFor((f) => /request's \d+ lines copied/.test(f), 'the copy reported');
    expect(f).toMatch(/the request's 8 lines copied \(secrets masked in 1\): sent to the terminal's clipboard via OSC 52/);
    expect(written).toHaveLength(1);
    const copied = Buffer.from(/52;c;([A-Za-z0-9+/=]+)/.exec(written[0]!)![1]!, 'base64').toString('utf8');
    const lines = copied.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    // as logged, in order: the summary row, its detail rows, their indented headers, the access log record
    expect(lines[0]).toBe('2024-03-11T19:52:11.000Z 22222222-aaaa-4bbb-8ccc-000000000539 GET https://shop.example.com/p/42');
    expect(lines).toContain('    User-Agent: curl/8.0');
    expect(lines.some((l) => l.startsWith('{"rid": "22222222-aaaa-4bbb-8ccc-000000000539", "code": "539"'))).toBe(true);
    expect(copied).not.toContain('SECRETAPIKEY000');
    expect(lines.find((l) => l.includes('X-Api-Key'))).toMatch(/^ {4}X-Api-Key: \S/);
    // another request's lines are not in it
    expect(copied).not.toContain('11111111-aaaa');
  });

  it('says in the copied text when the request had more lines than were kept', async () => {
    const { RAW_PER_GROUP } = await import('../../src/correlate/apply.js');
    const lines = ['09:00:00.000 req-00000777 Request details: GET https://shop.example.com/big'];
    for (let i = 0; i < RAW_PER_GROUP + 5; i++) lines.push(`09:00:00.${String(1 + (i % 900)).padStart(3, '0')} req-00000777 INFO: step ${i}`);
    const store = await loadedStore(tmpFile('big.log', lines.join('\n') + '\n'));
    const written: string[] = [];
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: (s) => written.push(s), clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('1 request'));
    await app.press('C');
    await app.waitFor((f) => /request's \d+ lines copied \(6 more not kept\)/.test(f), 'the copy reported');
    const copied = Buffer.from(/52;c;([A-Za-z0-9+/=]+)/.exec(written[0]!)![1]!, 'base64').toString('utf8');
    expect(copied.trimEnd().split('\n').at(-1)).toBe('[… 6 more lines of this request not kept in memory]');
  });

  it('with --show-secrets copies the secrets too', async () => {
    const store = await loadedStore();
    const written: string[] = [];
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: true, writeTerminal: (s) => written.push(s), clipboardTool: null });
    const app = renderApp(store, { effects, showSecrets: true });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('g', 'C');
    await app.waitFor((f) => /request's \d+ lines copied/.test(f), 'the copy reported');
    const copied = Buffer.from(/52;c;([A-Za-z0-9+/=]+)/.exec(written[0]!)![1]!, 'base64').toString('utf8');
    expect(copied).toContain('Cookie: session=SECRETCOOKIE123');
    expect(copied).toContain('Authorization: Bearer SECRETTOKEN456');
  });
});

describe('r: re-run', () => {
  it('asks with method and URL, re-runs against the server and applies the verdict', async () => {
    const id = 'feedface-0000-4000-8000-000000000001';
    const lines = [
      `2024-03-11T19:52:10.000Z ${id} GET https://shop.example.com/p/1`,
      `2024-03-11T19:52:10.010Z ${id} Upstream Request: GET http://127.0.0.1:${port}/api/p/1`,
      '    X-Api-Key: k-123',
    ];
    const store = new TuiStore(new Pipeline({}), []);
    store.lines(lines, 0);
    await store.start();
    expect(store.pipeline.get(id)!.label).toBe('allowlist-suspect');
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: () => {}, clipboardTool: null, timeoutMs: 5000 });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('[ALLOW?]'));
    await app.press('r');
    let f = await app.waitFor((f) => f.includes('[y/n]'), 'the question');
    expect(f).toMatch(new RegExp(`re-run GET http://127\\.0\\.0\\.1:${port}/api/p/1 from this machine \\(127\\.0\\.0\\.1 is this machine`));
    // anything but y/n is ignored; n cancels without a request
    await app.press('j', 'n');
    await app.waitFor((f) => f.includes('cancelled'), 'cancelled');
    expect(hits).toHaveLength(0);
    await app.press('r', 'y');
    f = await app.waitFor((f) => /now allowlist-error/.test(f), 'the verdict', 15_000);
    expect(f).toMatch(/upstream 1 answered 200 OK/);
    expect(hits).toEqual(['GET /api/p/1 key=k-123']);
    f = await app.waitFor((f) => (selectedRow(f) ?? '').includes('[ALLOW!]'), 'the new label in the list');
    expect(f).toMatch(/allowlist-error/);
    expect(store.pipeline.stats.labels['allowlist-error']).toBe(1);
    expect(store.pipeline.stats.labels['allowlist-suspect']).toBe(0);
  }, 30_000);

  it('a call the edge got an answer for: says what the edge got, which may differ from here, and keeps the label', async () => {
    const id = 'feedface-0000-4000-8000-000000000404';
    const lines = [
      `2024-03-11T19:52:10.000Z ${id} GET https://shop.example.com/p/404`,
      `2024-03-11T19:52:10.010Z ${id} Upstream Request: GET http://127.0.0.1:${port}/api/p/404 404 Not Found in 5ms`,
      `2024-03-11T19:52:10.020Z ${id} Response details: GET https://shop.example.com/p/404 404 Not Found`,
    ];
    const store = new TuiStore(new Pipeline({}), []);
    store.lines(lines, 0);
    await store.start();
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: () => {}, clipboardTool: null, timeoutMs: 5000 });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('[404]'));
    await app.press('r');
    await app.waitFor((f) => f.includes('[y/n]'), 'the question');
    await app.press('y');
    // (the message may take two rows)
    const f = (await app.waitFor((f) => /label\s+stays\s+not-found/.test(f), 'the outcome', 15_000)).replace(/\n\s*/g, ' ');
    // not "as from the edge": here 200, there 404
    expect(f).toMatch(/upstream 1 answered 200 OK in \d+ ms, .* \(from the edge it answered 404 Not Found: label stays not-found\)/);
  }, 30_000);

  it('while the call runs, says what runs as a statement (was the question, with its "?", in parentheses)', async () => {
    const store = await loadedStore();
    const effects = {
      copyCurl: async () => '',
      copyLines: async () => '',
      copyId: async () => '',
      rerunPrompt: () => ({ prompt: 're-run GET https://origin.example.org/api/products/42 from this machine (real headers, 10 s timeout)? y/n', upstream: 0 }),
      rerun: () => new Promise<never>(() => {}),
    };
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('r');
    await app.waitFor((f) => f.includes('[y/n]'), 'the question');
    await app.press('y');
    const f = (await app.waitFor((f) => f.includes('re-running GET'), 'under way')).replace(/\n\s*/g, ' ');
    expect(f).toContain('re-running GET https://origin.example.org/api/products/42 from this machine (real headers, 10 s timeout)…');
    expect(f).not.toContain('timeout)?');
    // still said past the 6 s other messages stay for: the call may take its 10 s (was gone after 6 s)
    await new Promise((r) => setTimeout(r, 6500));
    expect(app.frame().replace(/\n\s*/g, ' ')).toContain('re-running GET');
  }, 20_000);

  it('clears the outcome like any message, also one that ends in a cut ID (only work under way stays)', async () => {
    const store = await loadedStore();
    const outcome = 'upstream 1 answered 200 OK in 12 ms (from the edge it answered 404: label stays not-found) · request 0123456789abcdef0123456789abcdef012345…';
    const effects = {
      copyCurl: async () => '',
      copyLines: async () => '',
      copyId: async () => '',
      rerunPrompt: () => ({ prompt: 're-run GET https://origin.example.org/api/products/42 from this machine (real headers, 10 s timeout)? y/n', upstream: 0 }),
      rerun: async () => ({ message: outcome }),
    };
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('r');
    await app.waitFor((f) => f.includes('[y/n]'), 'the question');
    await app.press('y');
    await app.waitFor((f) => f.replace(/\n\s*/g, ' ').includes('label stays not-found'), 'the outcome');
    await new Promise((r) => setTimeout(r, 6500));
    expect(app.frame()).not.toContain('label stays');
  }, 20_000);

  it('says when there is nothing to re-run', async () => {
    const store = await loadedStore();
    const effects = curlEffects({ pipeline: store.pipeline, showSecrets: false, writeTerminal: () => {}, clipboardTool: null });
    const app = renderApp(store, { effects });
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('G', 'r');
    await app.waitFor((f) => /no upstream calls to re-run/.test(f), 'nothing to re-run');
  });
});
