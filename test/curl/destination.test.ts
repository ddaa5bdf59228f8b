// Where a re-run goes, as the question before it says: the host's end always in sight, and an address of this
// machine or its network named as such (from here it reaches the user's own services, not the logging server's).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { localAddressNote, sendNotes, shownUrl } from '../../src/curl/destination.js';
import { createCurlEffects } from '../../src/curl/effects.js';
import { prepareRequest } from '../../src/curl/request.js';
import { Pipeline } from '../../src/pipeline.js';
import { TuiStore } from '../../src/ui/store.js';
import { curlEffects } from '../../src/ui/curl-effects.js';
import { renderApp } from '../ui/helpers/ink.js';

afterEach(() => cleanup());

const LONG_HOST = `cms.example.org.${'x'.repeat(40)}.${'y'.repeat(40)}.attacker.example`;

function loaded(lines: string[]): Pipeline {
  const p = new Pipeline({});
  p.feed(lines);
  p.end();
  return p;
}

describe('the re-run question', () => {
  it('names loopback, link-local and private addresses, and says nothing of a public host', () => {
    const note = (h: string) => localAddressNote(h);
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'api.localhost', '::1', '0.0.0.0']) expect(note(h), h).toMatch(/is this machine, not the server that logged the call/);
    for (const h of ['169.254.169.254', 'fe80::1']) expect(note(h), h).toMatch(/is link-local \(cloud metadata\)/);
    for (const h of ['10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', 'fd00::1']) expect(note(h), h).toMatch(/is a private address/);
    for (const h of ['cms.example.org', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', 'localhost.example.com']) expect(note(h), h).toBeUndefined();
    // a decimal or hex IPv4 is read as the URL parser reads it, so it is named too
    const p = prepareRequest({ method: 'GET', url: 'http://2130706433:2375/x', headers: [] });
    expect(p.ok && localAddressNote(p.req.hostname)).toMatch(/^127\.0\.0\.1 is this machine/);
  });

  it('words where a call goes and what goes as logged once, for the question, `ssrtail rerun` and the command', () => {
    const notes = (url: string, headers: Array<[string, string]>) => {
      const p = prepareRequest({ method: 'GET', url, headers });
      if (!p.ok) throw new Error(p.error);
      return { ...sendNotes(p.req), comment: p.req.notes };
    };
    expect(notes('https://cms.example.org/x', [['Authorization', 'Bearer abc.def']])).toEqual({ local: undefined, redacted: undefined, comment: [] });
    expect(notes('http://10.0.0.5/x?token=[Redacted]', [['Cookie', 'sid=***'], ['Accept', '***']])).toEqual({
      local: "10.0.0.5 is a private address: your network's, maybe not the server's that logged the call",
      redacted: 'URL, Cookie redacted in the log, sent as logged',
      comment: ['URL, Cookie redacted in the log, sent as logged: put the real values in to reproduce the call'],
    });
  });

  it("keeps a long host's end (its registered domain) and masks the URL's secrets", () => {
    const p = prepareRequest({ method: 'POST', url: `https://${LONG_HOST}/graphql?api_key=SECRETK&page=${'9'.repeat(80)}`, headers: [] });
    if (!p.ok) throw new Error(p.error);
    const shown = shownUrl(p.req);
    expect(shown).toMatch(/^https:\/\/cms\.example\.org\.…y+\.attacker\.example\/graphql\?api_key=MASKED&page=9+…$/);
    expect(shown.length).toBeLessThan(120);
  });

  it('on an 80-column screen, shows where the call goes (the host whole, or its end) and that 127.0.0.1 is this machine', async () => {
    const p = loaded([
      `09:00:00.001 req-dest-0001 Request details: GET https://shop.example.com/p/1`,
      `09:00:00.002 req-dest-0001 Upstream Request: POST https://${LONG_HOST}/v1/graphql`,
      `09:00:10.001 req-dest-0002 Request details: GET https://shop.example.com/p/2`,
      `09:00:10.002 req-dest-0002 Upstream Request: POST http://127.0.0.1:2375/containers/create`,
      '    Body: {"Image":"alpine"}',
    ]);
    expect(createCurlEffects({ showSecrets: false }).rerunPrompt(p.get('req-dest-0002')!)).toEqual({
      prompt: 're-run POST http://127.0.0.1:2375/containers/create from this machine (127.0.0.1 is this machine, not the server that logged the call; real headers, 10 s timeout)? y/n',
      upstream: 0,
    });
    const store = new TuiStore(p, []);
    await store.start();
    const effects = curlEffects({ pipeline: p, showSecrets: false, writeTerminal: () => {}, clipboardTool: null });
    const app = renderApp(store, { effects, size: { columns: 80, rows: 24 } });
    await app.waitFor((f) => f.includes('2 of 2 requests'));
    await app.press('r');
    let f = await app.waitFor((f) => f.includes('[y/n]'), 'the question');
    expect(f.replace(/\n +/g, '')).toContain('.attacker.example/v1/graphql from this machine');
    await app.press('n', 'j', 'r');
    f = await app.waitFor((f) => f.includes('[y/n]') && f.includes('2375'), 'the second question');
    expect(f.replace(/\n +/g, ' ')).toMatch(/127\.0\.0\.1 is this machine, not the server that logged the call; real headers, 10 s timeout\)\?/);
  });
});
