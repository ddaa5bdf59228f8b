#!/usr/bin/env node
// Deterministic generator of realistic ssrtail input: interleaved requests in every format of the spec
// (shared/spec/log-formats.md §2), each request built from a scenario with its intended label (§3).
//
//   npm run gen -- --lines N --seed S --out FILE [--format mixed|text|json] [--expect FILE.expected.ndjson]
//                  [--requests N] [--labels ok,timeout,...] [--styles text,server-json,...] [--rate REQ_PER_S]
//   npm run gen -- --samples samples        regenerate the committed samples (see samples/README.md)
//
// Same options and seed => byte-identical output. --expect writes {requestId, label, style, variant} per
// request, from the scenario choice (never from running ssrtail): the oracle of the golden tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from './gen/random.mjs';
import { GEN_LABELS, LABEL_WEIGHTS, buildRequest } from './gen/scenarios.mjs';
import { JSON_STYLES, STYLE_WEIGHTS, TEXT_STYLES, makeId, renderRequest, tod } from './gen/render.mjs';

export { GEN_LABELS, JSON_STYLES, TEXT_STYLES };
export const DEFAULT_START = Date.UTC(2024, 2, 11, 9, 0, 0);

/** Lines that belong to no request: Lambda runtime lines, ID-less app output. */
function noiseLine(r, t, format) {
  const kinds = format === 'json' ? ['json', 'lambda'] : format === 'text' ? ['text', 'lambda'] : ['json', 'text', 'lambda'];
  const k = r.pick(kinds);
  if (k === 'json') return JSON.stringify({ level: 30, time: t, pid: 8, hostname: 'ip-10-0-3-17', msg: r.pick(['server listening on 0.0.0.0:3001', 'prerender cache warmed (412 entries)', 'revalidated /c/shoes']) });
  if (k === 'text') return `${tod(t)} INFO: ${r.pick(['revalidating /p/12', 'heap used 211 MB', 'config reloaded'])}`;
  const rid = r.uuid();
  return r.pick([`START RequestId: ${rid} Version: $LATEST`, `END RequestId: ${rid}`, `REPORT RequestId: ${rid}\tDuration: ${r.int(20, 19000)}.${r.int(10, 99)} ms\tBilled Duration: ${r.int(20, 19000)} ms\tMemory Size: 1024 MB\tMax Memory Used: ${r.int(120, 400)} MB`]);
}

function normalise(o) {
  const format = o.format ?? 'mixed';
  if (!['mixed', 'text', 'json'].includes(format)) throw new Error(`--format must be mixed, text or json (got "${format}")`);
  const labels = o.labels ?? GEN_LABELS;
  for (const l of labels) if (!GEN_LABELS.includes(l)) throw new Error(`unknown label "${l}" (known: ${GEN_LABELS.join(', ')})`);
  const all = format === 'text' ? TEXT_STYLES : format === 'json' ? JSON_STYLES : [...JSON_STYLES, ...TEXT_STYLES];
  const styles = o.styles ?? all;
  for (const s of styles) if (!all.includes(s)) throw new Error(`unknown style "${s}" for --format ${format} (known: ${all.join(', ')})`);
  return {
    seed: o.seed ?? 1,
    format,
    lines: o.lines,
    requests: o.requests,
    rate: o.rate ?? 20,
    start: o.start ?? DEFAULT_START,
    noise: o.noise ?? 0.01,
    labelWeights: LABEL_WEIGHTS.filter(([l]) => labels.includes(l)),
    styleWeights: styles.map((s) => [s, STYLE_WEIGHTS[s]]),
  };
}

/**
 * How late a line arrives after its timestamp: mostly at once, sometimes seconds, rarely up to the spec's 15 s
 * (kept just under it, so that a 539 stamped at 20 s still arrives inside the 35 s grace period).
 */
function delay(r) {
  const x = r.next();
  if (x < 0.75) return r.int(0, 300);
  if (x < 0.95) return r.int(300, 3000);
  return r.int(3000, 14500);
}

class Heap {
  a = [];
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p], x)) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && less(a[l + 1], a[l]) ? l + 1 : l;
        if (less(last, a[c])) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
  peek() {
    return this.a[0];
  }
  get size() {
    return this.a.length;
  }
}
const less = (x, y) => x.arrival < y.arrival || (x.arrival === y.arrival && x.seq < y.seq);

/**
 * Core loop. Calls emit(lines) with lines in arrival order and onRequest(info) once per request kept.
 * Stops at exactly o.lines lines (the rest filled with unattributed lines) or after o.requests requests.
 */
export function run(options, emit, onRequest) {
  const o = normalise(options);
  if (o.lines === undefined && o.requests === undefined) throw new Error('give --lines N or --requests N');
  const r = makeRng(o.seed);
  const heap = new Heap();
  const ids = new Set();
  let seq = 0;
  let blockSeq = 0;
  let written = 0;
  let queued = 0;
  let now = o.start;
  const flushBefore = (t) => {
    while (heap.size > 0 && heap.peek().arrival < t) {
      const b = heap.pop();
      emit(b.lines);
      written += b.lines.length;
    }
  };
  for (;;) {
    if (o.requests !== undefined && seq >= o.requests) break;
    now += Math.round(r.exp(1000 / o.rate)) + 1;
    flushBefore(now);
    const label = r.weighted(o.labelWeights);
    const q = buildRequest(r, seq + 1, now, label);
    const style = q.server ? r.weighted(o.styleWeights) : 'access';
    let id = makeId(r, style, seq + 1);
    // counters of different shapes can meet (Fastify's base-36 "req-1000" is request 46656): move on until unique
    for (let bump = 1; ids.has(id); bump++) id = makeId(r, style, seq + 1 + ids.size + bump);
    const blocks = renderRequest(r, q, id, style);
    if (r.chance(o.noise)) blocks.push({ t: now, lines: [noiseLine(r, now, o.format)] });
    const n = blocks.reduce((s, b) => s + b.lines.length, 0);
    if (o.lines !== undefined && queued + n > o.lines) break;
    ids.add(id);
    seq++;
    queued += n;
    for (const b of blocks) heap.push({ arrival: b.t + delay(r), seq: blockSeq++, lines: b.lines });
    onRequest?.({ requestId: id, label: q.label, style, variant: q.variant, blocks });
  }
  flushBefore(Infinity);
  if (o.lines !== undefined) {
    const fill = [];
    while (written + fill.length < o.lines) fill.push(noiseLine(r, now, o.format));
    if (fill.length) emit(fill);
    written += fill.length;
  }
  return { lines: written, requests: seq };
}

/** In memory, for tests and small samples: the log text, the oracle, and each request's blocks. */
export function generate(options) {
  const out = [];
  const requests = [];
  const res = run(options, (lines) => out.push(...lines), (req) => requests.push(req));
  return {
    text: out.length ? out.join('\n') + '\n' : '',
    expected: requests.map(({ requestId, label, style, variant }) => ({ requestId, label, style, variant })),
    requests,
    lines: res.lines,
  };
}

/** Streams to a file in big chunks (1M lines in a few seconds). */
export function writeLog(options, outPath, expectPath) {
  const fd = fs.openSync(outPath, 'w');
  let buf = '';
  const flush = () => {
    if (buf.length) fs.writeSync(fd, buf);
    buf = '';
  };
  const expected = expectPath ? [] : undefined;
  let res;
  try {
    res = run(
      options,
      (lines) => {
        for (const l of lines) buf += l + '\n';
        if (buf.length > 1 << 20) flush();
      },
      expected ? (q) => expected.push(JSON.stringify({ requestId: q.requestId, label: q.label, style: q.style, variant: q.variant })) : undefined,
    );
    flush();
  } finally {
    fs.closeSync(fd);
  }
  if (expectPath) fs.writeFileSync(expectPath, expected.length ? expected.join('\n') + '\n' : '');
  return res;
}

/** The committed samples: every label in both formats, one file per input style, and the busy mixed log. */
export function sampleSpecs() {
  const specs = [];
  GEN_LABELS.forEach((label, i) => {
    for (const format of label === 'timeout' ? ['json'] : ['text', 'json']) {
      specs.push({ file: `labels/${label}.${format}.log`, opts: { seed: 100 + i, requests: 5, labels: [label], format, rate: 0.5 } });
    }
  });
  [...JSON_STYLES, ...TEXT_STYLES].forEach((style, i) => {
    const format = TEXT_STYLES.includes(style) ? 'text' : 'json';
    specs.push({ file: `formats/${style}.log`, opts: { seed: 200 + i, requests: 12, styles: [style], format, rate: 1 } });
  });
  specs.push({ file: 'busy.log', opts: { seed: 42, requests: 500, format: 'mixed', rate: 8 } });
  return specs;
}

export function writeSamples(dir) {
  for (const { file, opts } of sampleSpecs()) {
    const out = path.join(dir, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const res = writeLog(opts, out, out.replace(/\.log$/, '.expected.ndjson'));
    process.stdout.write(`${out}: ${res.requests} requests, ${res.lines} lines\n`);
  }
}

function parseArgs(argv) {
  const o = {};
  let out;
  let expect;
  let samples;
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const int = (name, v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0 (got "${v}")`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    switch (a) {
      case '--lines': o.lines = Math.floor(int(a, v())); break;
      case '--requests': o.requests = Math.floor(int(a, v())); break;
      case '--seed': o.seed = Math.floor(int(a, v())); break;
      case '--rate': o.rate = int(a, v()) || 1; break;
      case '--format': o.format = v(); break;
      case '--labels': o.labels = list(v()); break;
      case '--styles': o.styles = list(v()); break;
      case '--noise': o.noise = int(a, v()); break;
      case '--out': out = v(); break;
      case '--expect': expect = v(); break;
      case '--samples': samples = v(); break;
      case '-h': case '--help':
        process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 10).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
        process.exit(0);
      default: throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  return { o, out, expect, samples };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { o, out, expect, samples } = parseArgs(process.argv.slice(2));
    if (samples) writeSamples(samples);
    else {
      if (!out) throw new Error('give --out FILE (see --help)');
      const t0 = process.hrtime.bigint();
      const res = writeLog(o, out, expect);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      process.stderr.write(`gen-log: ${res.lines} lines, ${res.requests} requests -> ${out} in ${(ms / 1000).toFixed(2)}s\n`);
    }
  } catch (e) {
    process.stderr.write(`gen-log: ${e.message}\n`);
    process.exitCode = 2;
  }
}
