import { describe, expect, it } from 'vitest';
import { LineQueue } from '../../src/sources/queue.js';
import { numbered } from './helpers.js';

function queue(max: number) {
  const got: string[] = [];
  let dropped = 0;
  const q = new LineQueue((lines) => got.push(...lines), (n) => (dropped += n), max);
  return { q, got, dropped: () => dropped };
}

describe('LineQueue', () => {
  it('delivers many small pushes as one batch on the next turn, in order', async () => {
    const { q, got } = queue(1000);
    for (let i = 0; i < 100; i++) q.push([`line ${i}`]);
    expect(got).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(numbered('line ', 0, 99));
  });

  it('drops the oldest waiting lines past its bound, and counts them', () => {
    const { q, got, dropped } = queue(100);
    q.push(numbered('a', 1, 80));
    q.push(numbered('b', 1, 80));
    q.flush();
    expect(dropped()).toBe(60);
    expect(got).toEqual([...numbered('a', 61, 80), ...numbered('b', 1, 80)]);
  });

  it('keeps one message bigger than the bound whole: it is in memory already', () => {
    const { q, got, dropped } = queue(100);
    const big = numbered('big ', 1, 250);
    q.push(big);
    q.flush();
    expect(dropped()).toBe(0);
    expect(got).toEqual(big);
  });

  it('a big message still pushes out what waited before it', () => {
    const { q, got, dropped } = queue(100);
    q.push(numbered('old ', 1, 50));
    q.push(numbered('big ', 1, 250));
    q.flush();
    expect(dropped()).toBe(50);
    expect(got).toEqual(numbered('big ', 1, 250));
  });
});
