// "Replaying a file live must give the labels of reading it whole" (spec §3, grace period): the busy sample and
// a larger generated log fed in small batches as live input; each request's label when it is decided (what
// `--report` prints on live input) must be the oracle's.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { generate } from '../../scripts/gen-log.mjs';
import { SAMPLES, diffLabels, readNdjson, type Labelled } from './oracle.js';

function replayLive(text: string, batch: number): { decided: Labelled[]; final: Labelled[] } {
  const p = new Pipeline({ live: true });
  const decided: Labelled[] = [];
  p.onDecided = (g) => decided.push({ requestId: g.requestId, label: g.label });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i += batch) p.feed(lines.slice(i, i + batch));
  p.end();
  return { decided, final: p.groups().map((g) => ({ requestId: g.requestId, label: g.label })) };
}

describe('live replay', () => {
  it('busy.log fed 7 lines at a time gives every request its label when decided', () => {
    const text = fs.readFileSync(path.join(SAMPLES, 'busy.log'), 'utf8');
    const { decided, final } = replayLive(text, 7);
    const oracle = readNdjson(path.join(SAMPLES, 'busy.expected.ndjson'));
    expect(decided.filter((d) => d.label === 'pending')).toEqual([]);
    expect(diffLabels(decided, oracle)).toEqual([]);
    expect(diffLabels(final, oracle)).toEqual([]);
  });

  it('a busier generated log (lines up to 14.5 s late) decides most requests before the input ends, all correctly', () => {
    const gen = generate({ seed: 31, requests: 3000, rate: 10 });
    const p = new Pipeline({ live: true });
    const decided: Labelled[] = [];
    let beforeEnd = 0;
    let ended = false;
    p.onDecided = (g) => {
      decided.push({ requestId: g.requestId, label: g.label });
      if (!ended) beforeEnd++;
    };
    const lines = gen.text.split('\n').filter((l) => l !== '');
    for (let i = 0; i < lines.length; i += 50) p.feed(lines.slice(i, i + 50));
    ended = true;
    p.end();
    expect(diffLabels(decided, gen.expected)).toEqual([]);
    // the grace period runs on the stream's own clock: all but the last ~35 s of requests are decided on the way
    expect(beforeEnd).toBeGreaterThan(gen.expected.length * 0.8);
  }, 60_000);
});
