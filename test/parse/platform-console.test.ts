// The platform's own console output (spec §2a: levels 10-60 in the raw server log beside `wi` or `hid`/`sid` and
// `awsTag`, or `source: APPLICATION` in the real-time export) is the platform's, not an app's pino logger: a request
// with only such lines (Deep Request Inspection off) is missing its Response details row, as on the platform.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';

const ID = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
const T = 1710186733625;
// the spec's own example line (§2a)
const CONSOLE = `{"level":30,"time":${T},"awsTag":"userLogs","wi":"7c1e0f52-3b7d-4f7e-9a51-2f0c8d6b1a90","clientIp":"203.0.113.7","requestId":"${ID}","msg":"fetching product 123"}`;
const ACCESS_200 = JSON.stringify({ timestamp: (T + 300) / 1000, uuid: ID, status_code: 200, method: 'GET', host: 'shop.example.com', path: '/p/123', referer: '', proxy_hard_error: '' });

function group(lines: string[]) {
  const p = new Pipeline();
  p.feed(lines);
  p.end();
  expect(p.groups()).toHaveLength(1);
  return p.groups()[0]!;
}

describe("the platform's console lines", () => {
  it('a request with console lines only says its Response details row is missing, and what the access log says', () => {
    const g = group([CONSOLE, ACCESS_200]);
    expect(g.label).toBe('ssr-code-error');
    expect(g.appLogOnly).toBe(false);
    expect(g.reasons[0]).toMatch(/^no Response details row .*but the access log says 200/);
  });

  it("an error logged at level 50 is the request's logged error, in the raw log and in the real-time export", () => {
    const raw = CONSOLE.replace('"level":30', '"level":50').replace('fetching product 123', 'TypeError: Cannot read properties of undefined');
    const rtld = JSON.stringify({ request_id: ID, level: 50, timestamp: T / 1000, message: 'TypeError: Cannot read properties of undefined', source: 'APPLICATION' });
    for (const line of [raw, rtld]) {
      const g = group([line]);
      expect(g.label).toBe('ssr-code-error');
      expect(g.reasons).toContain('error logged: TypeError: Cannot read properties of undefined');
    }
  });

  it('a console line minutes after a finished request is not that request: the platform ends a request at 20 s', () => {
    const row = (level: number, dt: number, data: object) => JSON.stringify({ level, time: T + dt, wi: 'w', awsTag: 'userLogs', requestId: ID, data });
    const later = CONSOLE.replace(`"time":${T}`, `"time":${T + 120_000}`);
    const p = new Pipeline();
    p.feed([row(100, 0, { method: 'GET', path: '/p/1', host: 'shop.example.com', protocol: 'https:' }), row(101, 50, { statusCode: 200 }), later]);
    p.end();
    expect(p.groups().map((g) => g.label)).toEqual(['ok', 'ssr-code-error']);
  });
});
