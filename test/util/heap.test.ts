// The heap guard: requests too big for Node's heap make the TUI's pipeline keep fewer of them instead of
// the process dying of "JavaScript heap out of memory". Real child processes with a small heap.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Correlator, MIN_MEMORY_CAP } from '../../src/correlate/correlator.js';
import { makeEvent } from '../../src/parse/event.js';
import { ROOT } from '../helpers/run-cli.js';

const CHILD = path.join(ROOT, 'test/util/heap-child.mjs');
const PIPELINE = pathToFileURL(path.join(ROOT, 'dist/pipeline.js')).href;

function feed(mode: 'guard' | 'none') {
  return spawnSync(process.execPath, ['--max-old-space-size=128', CHILD, PIPELINE, '20000', mode], { encoding: 'utf8', timeout: 120_000 });
}

describe('heap guard', () => {
  it('keeps fewer requests when they fill the heap, and finishes', () => {
    const r = feed('guard');
    expect(r.status, r.stderr.slice(0, 2000)).toBe(0);
    const s = JSON.parse(r.stdout) as { groups: number; retained: number; evicted: number; memoryCap?: number; maxRetained: number; shown: number };
    expect(s.groups).toBe(20000);
    expect(s.memoryCap).toBeGreaterThanOrEqual(MIN_MEMORY_CAP);
    expect(s.memoryCap).toBeLessThan(20000);
    expect(s.retained).toBeLessThanOrEqual(s.memoryCap!);
    expect(s.shown).toBe(s.retained);
    expect(s.evicted).toBe(s.groups - s.retained);
  }, 150_000);

  it('without it the same input ends the process (what the guard prevents)', () => {
    const r = feed('none');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/heap out of memory/);
  }, 150_000);
});

describe('Correlator.lowerCap', () => {
  const add = (c: Correlator, i: number, kind: 'request' | 'response') => {
    const ev = makeEvent({ raw: `${kind} ${i}`, lineNo: i, source: 0 }, kind, 'server-json', `req-${i}`, 1710147600000 + i);
    if (kind === 'response') ev.status = 200;
    c.add(ev);
  };

  it('evicts the oldest finished requests at once, never below its floor, and only lowers', () => {
    const c = new Correlator({ graceMs: 35_000, live: true, maxGroups: 100_000, quietLines: 50_000, keepFinal: true, lean: false });
    for (let i = 0; i < 3000; i++) {
      add(c, i, 'request');
      add(c, i, 'response');
    }
    c.settle();
    c.tick(Date.now() + 60_000, Date.now()); // quiet input: every request is final
    expect(c.stats.retained).toBe(3000);
    c.lowerCap(10);
    expect(c.stats.memoryCap).toBe(MIN_MEMORY_CAP);
    expect(c.stats.retained).toBe(MIN_MEMORY_CAP);
    expect(c.stats.evicted).toBe(2000);
    expect(c.groups()[0]!.requestId).toBe('req-2000');
    c.lowerCap(5000);
    expect(c.stats.memoryCap).toBe(MIN_MEMORY_CAP);
    // the lower cap holds for what comes next
    for (let i = 3000; i < 3100; i++) add(c, i, 'request');
    c.tick(Date.now() + 60_000, Date.now());
    c.settle();
    expect(c.stats.retained).toBe(MIN_MEMORY_CAP);
  });
});

describe('a request let go while memory is short', () => {
  it('loses its lines and headers but keeps its row, and is not copied or re-run half-empty', async () => {
    const { createCurlEffects } = await import('../../src/curl/effects.js');
    const c = new Correlator({ graceMs: 35_000, live: true, maxGroups: 100_000, quietLines: 50_000, keepFinal: true, lean: false });
    for (let i = 0; i < 1500; i++) {
      const ev = makeEvent({ raw: `row ${i}`, lineNo: i, source: 0 }, 'upstream', 'server-json', `req-${i}`, 1710147600000 + i);
      ev.method = 'GET';
      ev.url = `https://api.example.com/${i}`;
      ev.headers = [['authorization', 'Bearer x'.repeat(100)]];
      c.add(ev);
    }
    c.settle();
    c.tick(Date.now() + 60_000, Date.now());
    const first = c.groups()[0]!;
    const upstream = first.upstreams[0]!;
    expect(upstream.headers.length).toBe(1);
    c.lowerCap(1000);
    expect(first.shed).toBe(true);
    expect(first.raw).toEqual([]);
    expect(first.rawDropped).toBe(1);
    expect(first.upstreams[0]!.headers).toEqual([]);
    expect(first.upstreams[0]!.url).toBe('https://api.example.com/0');
    // whoever still holds the call it had keeps it whole
    expect(upstream.headers.length).toBe(1);
    expect(c.groups()[0]!.shed).toBeUndefined();
    const fx = createCurlEffects({ showSecrets: false, clipboard: { tool: null } });
    expect(await fx.copyCurl(first, first.upstreams[0])).toMatch(/let go from memory/);
    expect(fx.rerunPrompt(first)).toEqual({ unavailable: expect.stringMatching(/let go from memory/) });
  });
});
