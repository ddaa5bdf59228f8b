// Indented lines under an application row (`INFO: ...`) are more of its message, not headers: spec §2b gives headers
// to request, upstream and response rows only. An object an app logs prints `  port: 3000,` lines.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';

const ID = '5814c3be-d04e-4c85-aa78-e755e30bd261';
const REQUEST = `09:00:00.100 ${ID} Request details: GET https://shop.example.com/p/1`;
const LINES = [
  REQUEST,
  '    Accept: */*',
  `09:00:00.200 ${ID} INFO: loaded config {`,
  '    port: 3000,',
  "    region: 'eu-west-1'",
  '    }',
  `09:00:00.300 ${ID} Response details: GET https://shop.example.com/p/1 200 OK`,
];

function read(lines: string[], lean = false): Pipeline {
  const p = new Pipeline({ lean, keepFinal: !lean });
  p.feed(lines);
  p.end();
  return p;
}

describe('indented lines under an application row', () => {
  it('are its message, not the edge request headers (copy as curl would send them)', () => {
    const g = read(LINES).groups()[0]!;
    expect(g.request?.headers).toEqual([['Accept', '*/*']]);
    expect(g.logs.map((l) => l.msg)).toEqual(['loaded config {', 'port: 3000,', "region: 'eu-west-1'", '}']);
    expect(g.totalLines).toBe(LINES.length);
  });

  it('are not dropped as the repeat of a request row logged twice before them (full and report mode)', () => {
    const twice = [REQUEST, '    Accept: */*', ...LINES];
    for (const lean of [false, true]) {
      const p = read(twice, lean);
      // the second request row and its header are the repeats, the app line's own lines are not
      expect(p.stats.duplicates).toBe(2);
      expect(p.stats.lines).toBe(twice.length);
      if (!lean) expect(p.groups()[0]!.logs).toHaveLength(4);
    }
  });
});
