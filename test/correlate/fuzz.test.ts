// Random bytes and mutated real lines through the whole pipeline: no throw, no hang, every line accounted for.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { LineSplitter } from '../../src/sources/lines.js';
import type { RequestGroup } from '../../src/model.js';

const SEED_LINES = [
  `01:35:38.857 f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca GET https://shop.example.com/_next/data/abc/p/1.json`,
  `01:35:38.857 [f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca] Request details: GET https://shop.example.com/p/1`,
  `    Cookie: a=b`,
  `    Response Headers`,
  `01:35:39.479 f4bbb05f-d1d0-4ef9-8e5e-6a39a269efca Upstream Request: GET https://api.example.net/v1/pages/p/1 200 OK in 63ms`,
  `01:35:38.857  Response details: GET https://shop.example.com/p/1  200 OK`,
  `{"level":102,"time":1710186733620,"requestId":"3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e","data":{"id":0,"method":"GET","protocol":"http:","host":"192.192.1.1","port":80,"path":"/","headers":{"Accept":"*/*"}}}`,
  `{"level":103,"time":1710186733720,"requestId":"3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e","data":{"id":0,"statusCode":500,"duration":3,"headers":["a","b"]}}`,
  `{"level":30,"time":1710186733625,"requestId":"3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e","msg":"fetching product 123"}`,
  `{"request_id":"abc12345","level":101,"timestamp":1710186733.5,"source":"DRI","dri_data":{"statusCode":539,"headers":null}}`,
  `{"rid":"acc00001","code":"539","met":"GET","hh":"shop.example.com","url":"/p"}`,
  `{"uuid":"acc00002","status_code":502,"proxy_hard_error":"HARD_ERR_502_SSL_CONNECT_ERROR"}`,
  `{"level":30,"reqId":"req-1","req":{"method":"GET","url":"/x"},"msg":"incoming request"}`,
  `{"event":"upstream","requestId":"q1","method":"GET","url":"https://b/x","status":"abc","headers":42}`,
];

function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(line: string, r: () => number): string {
  const chars = [...line];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(r() * (chars.length + 1));
    const op = r();
    if (op < 0.3) chars.splice(pos, 1);
    else if (op < 0.6) chars.splice(pos, 0, String.fromCharCode(Math.floor(r() * 0x3000)));
    else if (op < 0.8) chars.splice(pos, Math.floor(r() * 10));
    else chars.splice(pos, 0, ...['{', '}', '"', ':', ' ', '\t', '[', ']', '\\', '\u001b[2J'][Math.floor(r() * 10)]!);
  }
  return chars.join('');
}

function account(lines: string[], live: boolean) {
  const p = new Pipeline({ live, maxGroups: 20 });
  const decided = new Map<RequestGroup, number>();
  p.onDecided = (g) => decided.set(g, (decided.get(g) ?? 0) + 1);
  for (let i = 0; i < lines.length; i += 7) p.feed(lines.slice(i, i + 7));
  p.tick(Date.now() + 10 * 60_000);
  p.end();
  let inGroups = 0;
  for (const [g, times] of decided) {
    expect(times).toBe(1);
    inGroups += g.totalLines;
  }
  expect(inGroups + p.stats.unattributed + p.stats.duplicates).toBe(lines.length);
  expect(p.stats.lines).toBe(lines.length);
  for (const g of p.groups()) expect(g.label).not.toBe('pending');
}

describe('fuzz', () => {
  it('survives mutated real lines, accounting for every line', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed);
      const lines: string[] = [];
      for (let i = 0; i < 300; i++) {
        const l = SEED_LINES[Math.floor(r() * SEED_LINES.length)]!;
        lines.push(r() < 0.6 ? mutate(l, r) : l);
      }
      account(lines, seed % 2 === 0);
    }
  });

  it('survives random bytes split into lines', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed * 97);
      const bytes = Buffer.alloc(20000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = r() < 0.05 ? 10 : Math.floor(r() * 256);
      const sp = new LineSplitter(4096);
      const lines: string[] = [];
      for (let i = 0; i < bytes.length; i += 333) lines.push(...sp.push(bytes.subarray(i, i + 333)));
      lines.push(...sp.flush());
      expect(lines.length).toBeGreaterThan(100);
      account(lines, false);
    }
  });
});

describe('line splitter', () => {
  it('splits across chunk borders, strips CR, keeps a half-written last line', () => {
    const sp = new LineSplitter();
    const out = [...sp.push(Buffer.from('ab')), ...sp.push(Buffer.from('c\r\nde')), ...sp.push(Buffer.from('f\n\ng')), ...sp.flush()];
    expect(out).toEqual(['abc', 'def', '', 'g']);
  });
  it('cuts an oversize line into pieces, losing no byte', () => {
    const sp = new LineSplitter(10);
    const out = [...sp.push(Buffer.from('0123456789abcdefghij-xyz\nok\n')), ...sp.flush()];
    expect(out.join('')).toBe('0123456789abcdefghij-xyzok');
    expect(out.at(-1)).toBe('ok');
    expect(sp.oversized).toBe(1);
  });
});
