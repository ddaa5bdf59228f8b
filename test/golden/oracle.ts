// The golden tests' oracle: the labels the generator intended (X.expected.ndjson), compared with what ssrtail says.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';

export const SAMPLES = path.join(ROOT, 'samples');

export interface Labelled {
  requestId: string;
  label: string;
}

export function readNdjson(file: string): Labelled[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
}

/** Every sample log that has an oracle beside it, relative to samples/. */
export function sampleLogs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log') && fs.existsSync(p.replace(/\.log$/, '.expected.ndjson'))) out.push(path.relative(SAMPLES, p));
    }
  };
  walk(SAMPLES);
  return out.sort();
}

/**
 * Differences between ssrtail's groups and the oracle, one readable line each: a wrong label, a request lost
 * (no group), or a group the oracle does not know (a request split in two, or an ID misread). Empty = all match.
 */
export function diffLabels(got: Labelled[], expected: Labelled[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Labelled[]>();
  for (const g of got) byId.set(g.requestId, [...(byId.get(g.requestId) ?? []), g]);
  for (const e of expected) {
    const gs = byId.get(e.requestId);
    if (!gs) problems.push(`lost: ${e.requestId} (expected ${e.label})`);
    else if (gs.length > 1) problems.push(`split: ${e.requestId} into ${gs.length} groups (${gs.map((g) => g.label).join(', ')})`);
    else if (gs[0]!.label !== e.label) problems.push(`wrong: ${e.requestId} is ${gs[0]!.label}, expected ${e.label}`);
    byId.delete(e.requestId);
  }
  for (const [id, gs] of byId) problems.push(`unexpected group: ${id} (${gs.map((g) => g.label).join(', ')})`);
  return problems;
}
