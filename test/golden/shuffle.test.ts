// The same requests, shuffled and re-interleaved, must get the same labels: ssrtail may not depend on the
// order rows arrive in (rows of one request are not in time order, requests interleave, lines come late).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGroups } from '../../src/pipeline.js';
import { generate, JSON_STYLES, TEXT_STYLES, type GeneratedRequest } from '../../scripts/gen-log.mjs';
import { diffLabels } from './oracle.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-golden-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A seeded shuffle, independent of the generator's PRNG. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
function shuffle<T>(a: T[], rand: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Shuffles the blocks (a row with its header/body lines) of each request, then merges requests in random order. */
function reinterleave(requests: GeneratedRequest[], seed: number): string {
  const rand = rng(seed);
  const queues = requests.map((q) => shuffle(q.blocks.map((b) => b.lines), rand));
  const out: string[] = [];
  const live = queues.filter((q) => q.length > 0);
  while (live.length > 0) {
    const i = Math.floor(rand() * live.length);
    out.push(...live[i]!.shift()!);
    if (live[i]!.length === 0) live.splice(i, 1);
  }
  return out.join('\n') + '\n';
}

/** Splits a log file into units: a line with the indented lines under it (text headers stay with their row). */
function units(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && out.length > 0) out[out.length - 1]!.push(line);
    else out.push([line]);
  }
  return out;
}

async function labelsOf(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const p = await loadGroups([file]);
  return p.groups().map((g) => ({ requestId: g.requestId, label: g.label }));
}

describe('shuffled and re-interleaved input', () => {
  it.each([11, 12, 13])('seed %i: blocks shuffled within and across requests keep every label', async (seed) => {
    const gen = generate({ seed, requests: 400, rate: 30 });
    const inOrder = await labelsOf(`in-order-${seed}.log`, gen.text);
    expect(diffLabels(inOrder, gen.expected)).toEqual([]);
    const shuffled = reinterleave(gen.requests, seed * 7919);
    expect(shuffled).not.toBe(gen.text);
    expect(shuffled.split('\n').length).toBe(gen.text.split('\n').length);
    const got = await labelsOf(`shuffled-${seed}.log`, shuffled);
    expect(diffLabels(got, gen.expected)).toEqual([]);
    expect(diffLabels(got, inOrder)).toEqual([]);
  }, 60_000);

  it('every line of a generated log shuffled (headers kept under their row) keeps every label', async () => {
    // the console's own copy is left out: its detail rows carry no ID and must follow their summary
    const styles = [...JSON_STYLES, ...TEXT_STYLES.filter((s) => !s.startsWith('console-copy'))];
    const gen = generate({ seed: 21, requests: 500, rate: 50, styles });
    const shuffled = shuffle(units(gen.text), rng(99)).flat().join('\n') + '\n';
    expect(shuffled).not.toBe(gen.text);
    expect(diffLabels(await labelsOf('units.log', shuffled), gen.expected)).toEqual([]);
  }, 60_000);

  it('reversing the whole file keeps every label', async () => {
    const gen = generate({ seed: 22, requests: 300, rate: 40 });
    const reversed = gen.requests.map((q) => ({ ...q, blocks: [...q.blocks].reverse() })).reverse();
    const text = reversed.flatMap((q) => q.blocks.flatMap((b) => b.lines)).join('\n') + '\n';
    expect(diffLabels(await labelsOf('reversed.log', text), gen.expected)).toEqual([]);
  }, 60_000);
});
