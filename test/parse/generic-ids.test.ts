// Generic event objects (spec §2c) with each request-ID key the spec lists: a failed upstream call's error `code`
// is read as such with every key, `rid` too (the older access log's ID key, whose records also carry a `code`).
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { GENERIC_ID_KEYS } from '../helpers/spec-model.js';

const ID = 'rq-12345678';
const T = Date.UTC(2024, 2, 11, 9, 0, 0);

function line(key: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...(key === 'req.id' ? { req: { id: ID } } : { [key]: ID }), ...fields });
}

describe('generic event objects with each request-ID key', () => {
  it.each(GENERIC_ID_KEYS)('%s: a call that failed with an error code makes the request an allowlist suspect', (key) => {
    const p = new Pipeline();
    p.feed([
      line(key, { event: 'request', time: T, method: 'GET', url: 'https://shop.example.com/p/1' }),
      line(key, { event: 'upstream', time: T + 10, method: 'GET', url: 'https://api.example.net/x', code: 'ECONNREFUSED' }),
    ]);
    p.end();
    const [g, ...rest] = p.groups();
    expect(rest).toEqual([]);
    expect([g!.requestId, g!.label, g!.upstreams.map((u) => u.errorCode)]).toEqual([ID, 'allowlist-suspect', ['ECONNREFUSED']]);
    expect(g!.reasons.join(' ')).toMatch(/failed with ECONNREFUSED/);
  });
});
