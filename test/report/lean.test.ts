// Report mode's lean pipeline (no headers, bodies, messages or raw lines kept; continuation lines only
// counted) must print exactly what the full pipeline the TUI uses would print, row for row.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/gen-log.mjs';
import { Pipeline } from '../../src/pipeline.js';
import { groupToNdjson } from '../../src/report/json.js';
import { ROOT } from '../helpers/run-cli.js';

function report(lines: string[], lean: boolean, batch = 97): { rows: string[]; stats: unknown } {
  const p = new Pipeline({ lean, keepFinal: !lean, live: false });
  const rows: string[] = [];
  p.onDecided = (g) => rows.push(groupToNdjson(g));
  for (let i = 0; i < lines.length; i += batch) p.feed(lines.slice(i, i + batch));
  p.end();
  const { groups, lines: n, rawLines, unattributed, duplicates, lateLines, reusedIds, labels } = p.stats;
  return { rows, stats: { groups, n, rawLines, unattributed, duplicates, lateLines, reusedIds, labels } };
}

function samples(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...samples(p));
    else if (e.name.endsWith('.log')) out.push(p);
  }
  return out;
}

describe('lean report pipeline', () => {
  it('prints the same rows and totals as the full pipeline for every bundled sample', () => {
    const files = samples(path.join(ROOT, 'samples'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      const full = report(lines, false);
      expect(full.rows.length, f).toBeGreaterThan(0);
      expect(report(lines, true), f).toEqual(full);
    }
  });

  it('the same for a generated log of every format and label', () => {
    const { text } = generate({ seed: 23, lines: 40_000, rate: 200 });
    const lines = text.split('\n');
    const full = report(lines, false, 1000);
    expect(full.rows.length).toBeGreaterThan(2000);
    expect(report(lines, true, 1000)).toEqual(full);
  });

  it('the same for indented lines that are not plain header lines', () => {
    const id = 'f8b3972e-1049-4d58-8005-04dc8375cc08';
    const lines = [
      '  header before any row: raw',
      `09:00:00.015 ${id} Request details: GET https://shop.example.com/a`,
      '    accept: text/html',
      '   \u00a0',
      '\t',
      '  \u001b[31m09:00:00.200 ' + id + ' Upstream Request: GET https://api.example.com/x 200 OK in 12ms\u001b[0m',
      `  09:00:00.300 ${id} Response details: 200 OK`,
      `  {"requestId":"${id}","level":101,"time":1710147600400,"data":{"statusCode":503}}`,
      '  Response Headers',
      '  x-cache: MISS',
      '  Body: {"a":1}',
      '  free text under the row',
      '  ✓ not ascii',
      `09:00:01.000 other-request-0001 GET https://shop.example.com/b`,
      '  cookie: a=b',
    ];
    const full = report(lines, false, 3);
    expect(full.rows.length).toBe(2);
    expect(report(lines, true, 3)).toEqual(full);
  });
});
