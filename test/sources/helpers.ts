// Shared by the source tests: temp dirs, waiting for a condition, collecting what a source gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LineSource, SourceStatus } from '../../src/model.js';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-src-'));
}

/** Waits until cond() is true (polling), or fails with what it was waiting for. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Collected {
  lines: string[];
  batches: string[][];
  statuses: SourceStatus[];
  ended: boolean;
  done: Promise<void>;
  /** the last status */
  readonly status: SourceStatus | undefined;
}

export function collect(src: LineSource): Collected {
  const c = {
    lines: [] as string[],
    batches: [] as string[][],
    statuses: [] as SourceStatus[],
    ended: false,
    done: Promise.resolve(),
    get status() {
      return this.statuses[this.statuses.length - 1];
    },
  };
  c.done = src
    .start(
      (lines) => {
        c.batches.push(lines);
        for (const l of lines) c.lines.push(l);
      },
      (s) => c.statuses.push(s),
    )
    .then(() => {
      c.ended = true;
    });
  return c;
}

export function numbered(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${prefix}${i}`);
  return out;
}
