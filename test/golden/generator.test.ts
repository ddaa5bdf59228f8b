// The generator behind the samples and the benchmark: deterministic, exact line counts, every label and
// style, and the committed samples are exactly what it produces.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GEN_LABELS, JSON_STYLES, TEXT_STYLES, generate, sampleSpecs, writeLog } from '../../scripts/gen-log.mjs';
import { ROOT } from '../helpers/run-cli.js';
import { SAMPLES } from './oracle.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-gen-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const GEN = path.join(ROOT, 'scripts/gen-log.mjs');

describe('gen-log', () => {
  it('gives the same output for the same seed and a different one for another seed', () => {
    const a = generate({ seed: 5, requests: 200 });
    const b = generate({ seed: 5, requests: 200 });
    const c = generate({ seed: 6, requests: 200 });
    expect(a.text).toBe(b.text);
    expect(a.expected).toEqual(b.expected);
    expect(c.text).not.toBe(a.text);
  });

  it('writes exactly --lines lines and an oracle with one row per request', () => {
    const out = path.join(dir, 'n.log');
    const exp = path.join(dir, 'n.expected.ndjson');
    const r = spawnSync(process.execPath, [GEN, '--lines', '12345', '--seed', '3', '--out', out, '--expect', exp], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/12345 lines/);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').length - 1).toBe(12345);
    const rows = fs.readFileSync(exp, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { requestId: string; label: string });
    expect(new Set(rows.map((o) => o.requestId)).size).toBe(rows.length);
    for (const o of rows) expect(GEN_LABELS).toContain(o.label);
  });

  it('rejects bad options with one clear line', () => {
    for (const args of [['--lines', 'many', '--out', '/dev/null'], ['--format', 'xml', '--lines', '5', '--out', '/dev/null'], ['--labels', 'nope', '--lines', '5', '--out', '/dev/null'], ['--bogus']]) {
      const r = spawnSync(process.execPath, [GEN, ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^gen-log: /);
    }
  });

  it('uses every label and every style, and --format keeps to its family', () => {
    const mixed = generate({ seed: 9, requests: 1500 });
    expect(new Set(mixed.expected.map((e) => e.label))).toEqual(new Set(GEN_LABELS));
    expect(new Set(mixed.expected.map((e) => e.style))).toEqual(new Set([...JSON_STYLES, ...TEXT_STYLES, 'access']));
    const text = generate({ seed: 9, requests: 300, format: 'text' });
    for (const e of text.expected) expect([...TEXT_STYLES, 'access']).toContain(e.style);
    // only access records are JSON in a text log
    for (const line of text.text.split('\n')) if (line.startsWith('{')) expect(line).toMatch(/"(rid|uuid)":/);
    const json = generate({ seed: 9, requests: 300, format: 'json' });
    for (const line of json.text.split('\n').filter(Boolean)) expect(line.startsWith('{') || /^(START|END|REPORT) RequestId/.test(line)).toBe(true);
  });

  it('reproduces the committed samples byte for byte', () => {
    for (const { file, opts } of sampleSpecs()) {
      const out = path.join(dir, file.replace(/\//g, '_'));
      const exp = out + '.expected.ndjson';
      writeLog(opts, out, exp);
      const committed = path.join(SAMPLES, file);
      expect(fs.readFileSync(out, 'utf8'), file).toBe(fs.readFileSync(committed, 'utf8'));
      expect(fs.readFileSync(exp, 'utf8'), file).toBe(fs.readFileSync(committed.replace(/\.log$/, '.expected.ndjson'), 'utf8'));
    }
  });
});
