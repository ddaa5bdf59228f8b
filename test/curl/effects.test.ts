// The TUI's `c` and `r`, without the TUI: what they copy, ask, send and conclude.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurlEffects } from '../../src/curl/effects.js';
import { newGroup } from '../../src/correlate/apply.js';
import type { Diagnosis, RequestGroup } from '../../src/model.js';
import { hangingServer, recordingServer, sentHeaders, type TestServer } from './helpers.js';

let rec: TestServer;
let hang: TestServer;
beforeAll(async () => {
  rec = await recordingServer();
  hang = await hangingServer();
});
afterAll(async () => {
  await Promise.all([rec.close(), hang.close()]);
});

function suspect(base: string): RequestGroup {
  return {
    ...newGroup(7, 'req-effects-1'),
    method: 'GET',
    url: 'https://shop.example.com/p',
    request: { method: 'GET', url: 'https://shop.example.com/p', headers: [['Cookie', 'sid=zzz']] },
    upstreams: [
      { id: '0', method: 'GET', url: `${base}/ok-first`, headers: [], responseHeaders: [], status: 200 },
      { id: '1', method: 'POST', url: `${base}/silent`, headers: [['Authorization', 'Bearer realtoken']], responseHeaders: [], body: 'b' },
    ],
    serverLines: 3,
    totalLines: 3,
    decided: true,
    version: 1,
    label: 'allowlist-suspect',
    reasons: ['no Response details row'],
    next: [],
  };
}

describe('createCurlEffects', () => {
  it('copies the chosen call (masked) to the terminal and shows the command', async () => {
    const writes: string[] = [];
    const shown: string[] = [];
    let secrets = false;
    const fx = createCurlEffects({ showSecrets: () => secrets, onCommand: (t) => shown.push(t), clipboard: { writeTerminal: (s) => writes.push(s), env: {}, tool: null } });
    const g = suspect(rec.base);
    const msg = await fx.copyCurl(g, g.upstreams[1]);
    expect(msg).toBe("upstream call 2 as curl (1 secret(s) masked): sent to the terminal's clipboard via OSC 52 (if the terminal allows it)");
    expect(shown[0]).toContain('Authorization: Bearer <masked: 9 chars>');
    const b64 = /52;c;([^\u0007]+)/.exec(writes[0]!)![1]!;
    expect(Buffer.from(b64, 'base64').toString()).toBe(shown[0] + '\n');
    secrets = true;
    await fx.copyCurl(g, g.upstreams[1]);
    expect(shown[1]).toContain('Authorization: Bearer realtoken');
    expect(await fx.copyCurl(g)).toMatch(/^edge request as curl/);
  });

  it('asks before a re-run, naming method and URL of the call the edge got no answer for', () => {
    const fx = createCurlEffects({ showSecrets: false });
    const ask = fx.rerunPrompt(suspect(rec.base));
    expect(ask).toEqual({ prompt: `re-run POST ${rec.base}/silent from this machine (127.0.0.1 is this machine, not the server that logged the call; real headers, 10 s timeout)? y/n`, upstream: 1 });
    expect(fx.rerunPrompt({ ...suspect(rec.base), upstreams: [] })).toEqual({ unavailable: 'this request has no upstream calls to re-run' });
  });

  it('re-runs with the real values and stores allowlist-error when it answers', async () => {
    const stored: Diagnosis[] = [];
    const fx = createCurlEffects({ showSecrets: false, setDiagnosis: (_g, d) => stored.push(d) });
    const before = rec.received.length;
    const o = await fx.rerun(suspect(rec.base), 1);
    expect(o.message).toMatch(/^upstream 2 answered 200 OK in \d+ ms, 8 B: now allowlist-error · request req-effects-1$/);
    expect(stored.map((d) => d.label)).toEqual(['allowlist-error']);
    expect(sentHeaders(rec.received[before]!)).toContainEqual(['Authorization', 'Bearer realtoken']);
  });

  it('stores bad-request when it hangs past the timeout', async () => {
    const stored: Diagnosis[] = [];
    const fx = createCurlEffects({ showSecrets: false, setDiagnosis: (_g, d) => stored.push(d), timeoutMs: 500 });
    const o = await fx.rerun(suspect(hang.base));
    expect(o.message).toMatch(/no answer within 0.5 s: now bad-request · request \S+$/);
    expect(stored[0]!.label).toBe('bad-request');
  });
});
