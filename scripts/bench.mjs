#!/usr/bin/env node
// `npm run bench`: generates a deterministic mixed log (default 1,000,000 lines, seed 7) into bench-data/ and
// measures, side by side: ssrtail report mode (wall, lines/s, MB/s, peak RSS, labels checked against the
// generator's oracle), `wc -l` (the floor), lnav headless when installed, peak RSS under a small --max-groups,
// the TUI's first full screen (1M-line file and a ~1 GB file), and the TUI under a 20,000 lines/s WebSocket
// feed (lines taken in per second, key press to screen change). Writes the table to BENCHMARKS.md.
//
//   npm run bench [-- --lines N] [--seed S] [--runs R] [--no-lnav] [--no-tui] [--no-live] [--no-big] [--out FILE]
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLog } from './gen-log.mjs';
import { measureFirstScreen, measureLive, measureTuiLoad, tuiReady, wsReady } from './bench/tui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/ssrtail.js');
const DATA = path.join(ROOT, 'bench-data');

function parseArgs(argv) {
  const o = { lines: 1_000_000, seed: 7, runs: 3, lnav: true, tui: true, live: true, big: true, out: path.join(ROOT, 'BENCHMARKS.md'), bigBytes: 1 << 30 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${a} needs a positive number`);
      return Math.floor(n);
    };
    if (a === '--lines') o.lines = num();
    else if (a === '--seed') o.seed = num();
    else if (a === '--runs') o.runs = num();
    else if (a === '--out') o.out = path.resolve(argv[++i] ?? 'BENCHMARKS.md');
    else if (a === '--no-lnav') o.lnav = false;
    else if (a === '--no-tui') o.tui = false;
    else if (a === '--no-live') o.live = false;
    else if (a === '--no-big') o.big = false;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

export function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: os.cpus().length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function generatorHash() {
  const h = crypto.createHash('sha1');
  const dir = path.join(ROOT, 'scripts');
  for (const f of ['gen-log.mjs', ...fs.readdirSync(path.join(dir, 'gen')).sort().map((x) => `gen/${x}`)]) h.update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

/** The benchmark input: regenerated only when missing or made by other options or another generator version. */
export function ensureLog(opts) {
  fs.mkdirSync(DATA, { recursive: true });
  const base = path.join(DATA, `mixed-${opts.lines}-seed${opts.seed}`);
  const file = `${base}.log`;
  const expect = opts.expect === false ? undefined : `${base}.expected.ndjson`;
  const meta = `${base}.meta.json`;
  const want = JSON.stringify({ lines: opts.lines, seed: opts.seed, rate: opts.rate ?? 200, gen: generatorHash() });
  const fresh = fs.existsSync(file) && fs.existsSync(meta) && fs.readFileSync(meta, 'utf8') === want && (!expect || fs.existsSync(expect));
  if (!fresh) {
    process.stderr.write(`bench: generating ${file} (${opts.lines} lines, seed ${opts.seed})...\n`);
    const t0 = performance.now();
    writeLog({ lines: opts.lines, seed: opts.seed, rate: opts.rate ?? 200, format: 'mixed' }, file, expect);
    fs.writeFileSync(meta, want);
    process.stderr.write(`bench: generated in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
  }
  return { file, expect, bytes: fs.statSync(file).size, lines: opts.lines, command: `npm run gen -- --lines ${opts.lines} --seed ${opts.seed} --rate ${opts.rate ?? 200} --out ${path.relative(ROOT, file)}` };
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command to its end: wall time (ms), peak RSS (KiB) from /usr/bin/time -v, else by polling /proc VmHWM. */
export function measure(cmd, args, { stdoutFile, env } = {}) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const argv = TIME ? ['-v', cmd, ...args] : args;
    const t0 = performance.now();
    const child = spawn(TIME ?? cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    let hwm = 0;
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const poll = TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, +m[1]);
          } catch {
            /* exited */
          }
        }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      if (typeof out === 'number') fs.closeSync(out);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const own = TIME ? stderr.split(/\n\s*Command being timed:/)[0] : stderr;
      resolve({ wallMs, peakRssKb: rss ? +rss[1] : hwm, code, stderr: own.trim() });
    });
  });
}

/**
 * Why the ~1 GiB log cannot be written now (undefined when it can, or already is): it and report mode's NDJSON
 * of it need about 1.3x its size on the disk that holds bench-data/.
 */
function roomForBigLog(lines, seed, bytes) {
  if (fs.existsSync(path.join(DATA, `mixed-${lines}-seed${seed}.log`))) return undefined;
  const st = fs.statfsSync(DATA);
  const free = st.bavail * st.bsize;
  const need = 1.3 * bytes;
  return free < need ? `${(free / 2 ** 20).toFixed(0)} MiB free on the disk of bench-data/, ~${(need / 2 ** 20).toFixed(0)} MiB needed (--no-big skips it)` : undefined;
}

/** Runs one part of the bench; a part that fails leaves a row saying so, and the rest of the table still gets written. */
async function section(row, what, fn) {
  try {
    await fn();
  } catch (e) {
    process.stderr.write(`bench: ${what} failed: ${e.message}\n`);
    row(what, `failed: ${e.message.split('\n')[0]}`, '', 'not measured');
  }
}

/** `runs` measurements of fn, one after the other. */
async function repeat(runs, fn) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await fn());
  return rs;
}

/** The fastest of `runs` measurements. */
async function fastest(runs, fn) {
  return (await repeat(runs, fn)).reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median of `runs` measurements, with every run's time. */
async function best(runs, fn) {
  const rs = await repeat(runs, fn);
  const m = median(rs.map((r) => r.wallMs));
  return { ...rs.find((r) => r.wallMs === m), runs: rs.map((r) => r.wallMs) };
}

/** Compares ssrtail's NDJSON with the generator's oracle: how many requests got the intended label. */
function checkLabels(ndjsonFile, expectFile) {
  const want = new Map();
  for (const l of fs.readFileSync(expectFile, 'utf8').split('\n')) {
    if (!l) continue;
    const o = JSON.parse(l);
    want.set(o.requestId, o.label);
  }
  let right = 0;
  let groups = 0;
  for (const l of fs.readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!l) continue;
    groups++;
    const o = JSON.parse(l);
    if (want.get(o.requestId) === o.label) right++;
  }
  return { right, expected: want.size, groups };
}

const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
/** Median time to the first full screen over `runs` starts of the TUI on `file`, and the text for the table. */
async function firstScreen(file, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await measureFirstScreen(ROOT, BIN, file);
    if (r.ms === undefined) return { text: `not reached: ${r.why}` };
    times.push(r.ms);
  }
  const ms = median(times);
  return { ms, text: `${fmtMs(ms)} (median of ${runs}: ${times.map(fmtMs).join(', ')})` };
}

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMiB = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const fmtPct = (x) => `${(x * 100).toFixed(0)}%`;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const m = machine();
  const input = ensureLog(o);
  const mb = input.bytes / 1e6;
  const rows = [];
  const notes = [];
  const row = (what, value, target = '', status = '') => rows.push({ what, value, target, status });
  const tmpOut = path.join(DATA, 'ssrtail-out.ndjson');

  // 1. ssrtail report mode, whole process
  process.stderr.write('bench: ssrtail --report --json ...\n');
  const ss = await best(o.runs, () => measure(process.execPath, [BIN, '--report', '--json', input.file], { stdoutFile: tmpOut }));
  if (ss.code !== 0) throw new Error(`ssrtail exited ${ss.code}: ${ss.stderr}`);
  const lps = input.lines / (ss.wallMs / 1000);
  const labels = checkLabels(tmpOut, input.expect);
  row('ssrtail `--report --json`: wall time', `${fmtMs(ss.wallMs)} (median of ${o.runs}: ${ss.runs.map(fmtMs).join(', ')})`);
  row('ssrtail: lines/s', fmtInt(lps), '>= 1,000,000', lps >= 1e6 ? 'met' : `missed: ${(1e6 / lps).toFixed(1)}x too slow`);
  row('ssrtail: MB/s', (mb / (ss.wallMs / 1000)).toFixed(1));
  row('ssrtail: peak RSS (default --max-groups 100000)', fmtMiB(ss.peakRssKb));
  row('ssrtail: labels equal to the generator\'s oracle', `${fmtInt(labels.right)} / ${fmtInt(labels.expected)} (${fmtInt(labels.groups)} groups printed)`, 'all', labels.right === labels.expected && labels.groups === labels.expected ? 'met' : 'missed');
  notes.push(`ssrtail's own summary: \`${ss.stderr.split('\n').filter((l) => l.startsWith('ssrtail:')).pop() ?? ''}\``);

  // 2. the same with two worker threads (--workers 2): each reads every line, owns half of the requests
  await section(row, 'ssrtail --workers 2', async () => {
    process.stderr.write('bench: ssrtail --report --json --workers 2 ...\n');
    const par = await best(o.runs, () => measure(process.execPath, [BIN, '--report', '--json', '--workers', '2', input.file], { stdoutFile: tmpOut }));
    if (par.code !== 0) throw new Error(`ssrtail --workers 2 exited ${par.code}: ${par.stderr}`);
    const parLabels = checkLabels(tmpOut, input.expect);
    row(
      'ssrtail `--report --json --workers 2`: wall time',
      `${fmtMs(par.wallMs)} (${fmtInt(input.lines / (par.wallMs / 1000))} lines/s, peak RSS ${fmtMiB(par.peakRssKb)}; labels right ${fmtInt(parLabels.right)} / ${fmtInt(parLabels.expected)})`,
      '',
      par.wallMs < ss.wallMs * 0.9 ? `pays: ${(ss.wallMs / par.wallMs).toFixed(2)}x` : `does not pay on ${m.cores} cores (${(ss.wallMs / par.wallMs).toFixed(2)}x)`,
    );
  });

  // 3. wc -l: the floor
  await section(row, 'wc -l', async () => {
    process.stderr.write('bench: wc -l ...\n');
    const wc = await best(o.runs, () => measure('wc', ['-l', input.file]));
    row('`wc -l`: wall time', `${fmtMs(wc.wallMs)} (${fmtInt(input.lines / (wc.wallMs / 1000))} lines/s, peak RSS ${fmtMiB(wc.peakRssKb)})`);
    row('ratio ssrtail / wc', `${(ss.wallMs / wc.wallMs).toFixed(1)}x`);
  });

  // 3b. the floor under any JavaScript reader: Node reading, splitting and JSON.parse-ing the same file, nothing
  // else; and two copies of it at once, to see what the second core gives
  await section(row, 'the Node floor', async () => {
    process.stderr.write('bench: the Node floor (read, split, JSON.parse only) ...\n');
    const FLOOR = path.join(ROOT, 'scripts/bench/floor.mjs');
    // the floor is what the machine can do: the fastest of 5 runs (noise only ever slows a run down)
    const split = await fastest(5, () => measure(process.execPath, [FLOOR, input.file, '--no-json']));
    const floor = await fastest(5, () => measure(process.execPath, [FLOOR, input.file]));
    const both = await fastest(5, async () => {
      const t0 = performance.now();
      await Promise.all([measure(process.execPath, [FLOOR, input.file]), measure(process.execPath, [FLOOR, input.file])]);
      return { wallMs: performance.now() - t0 };
    });
    const floorLps = input.lines / (floor.wallMs / 1000);
    row('Node floor, fastest of 5: read + split into line strings (scripts/bench/floor.mjs --no-json)', `${fmtMs(split.wallMs)} (${fmtInt(input.lines / (split.wallMs / 1000))} lines/s)`);
    row('Node floor, fastest of 5: read + split + `JSON.parse` of the JSON lines, nothing else', `${fmtMs(floor.wallMs)} (${fmtInt(floorLps)} lines/s)`, '', floorLps < 1e6 ? `the 1,000,000 lines/s target is ${(1e6 / floorLps).toFixed(1)}x beyond even this` : '');
    row('ratio ssrtail / Node floor', `${(ss.wallMs / floor.wallMs).toFixed(1)}x`);
    row('two copies of the Node floor at once, fastest of 5 (what the second core gives)', `${fmtMs(both.wallMs)} for both (${(2 * floor.wallMs / both.wallMs).toFixed(2)}x the work of one in ${fmtMs(floor.wallMs)})`);
  });

  // 4. lnav headless
  await section(row, 'lnav', async () => {
    const lnav = o.lnav ? which('lnav') : undefined;
    if (lnav) {
      process.stderr.write('bench: lnav (this one is slow) ...\n');
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lnav-'));
      const ver = spawnSync(lnav, ['-V'], { encoding: 'utf8' }).stdout.trim();
      const lnOut = path.join(DATA, 'lnav-out.txt');
      const ln = await measure(lnav, ['-n', '-c', ';SELECT count(*) FROM all_logs', input.file], { env: { HOME: home }, stdoutFile: lnOut });
      const counted = /(\d+)\s*$/.exec(fs.readFileSync(lnOut, 'utf8').trim())?.[1];
      notes.push(`lnav reported \`count(*) = ${counted ?? '?'}\` log messages for the ${fmtInt(input.lines)} lines: it indexes the lines of the one log format it detects and skips the rest, so its figure covers less work than ssrtail's.`);
      fs.rmSync(home, { recursive: true, force: true });
      row(`${ver || 'lnav'} \`-n -c ';SELECT count(*) FROM all_logs'\`: wall time`, `${fmtMs(ln.wallMs)} (peak RSS ${fmtMiB(ln.peakRssKb)})`);
      row('ratio ssrtail / lnav', `${(ss.wallMs / ln.wallMs).toFixed(3)}`, '<= 1.0', ss.wallMs <= ln.wallMs ? 'met' : `missed by ${((ss.wallMs / ln.wallMs - 1) * 100).toFixed(0)}%`);
    } else {
      row('lnav', o.lnav ? 'not installed' : 'skipped (--no-lnav)', '', '');
    }
  });

  // 5. TUI: first full screen, on this file and on a ~1 GB file
  await section(row, 'the TUI: first screen and memory', async () => {
    if (!o.tui) row('TUI first full screen', 'skipped (--no-tui)');
    else if (!tuiReady(ROOT)) row('TUI first full screen', 'not measured yet: TUI not ready', '< 0.5 s (1 GB file)');
    else {
      // one start-up varies by ±50 ms on this kind of machine: the median of 5 starts, each shown
      const FIRST_RUNS = 5;
      const floor = await firstScreen(path.join(ROOT, 'samples/busy.log'), FIRST_RUNS);
      row('TUI first full screen, samples/busy.log (500 requests: the start-up floor)', floor.text);
      const fs1 = await firstScreen(input.file, FIRST_RUNS);
      row(`TUI first full screen, ${fmtInt(input.lines)}-line file (${mb.toFixed(0)} MB)`, fs1.text);
      const lines = Math.ceil((o.bigBytes / input.bytes) * input.lines);
      const room = o.big ? roomForBigLog(lines, o.seed, o.bigBytes) : undefined;
      if (room) row('TUI first full screen and memory, ~1 GiB file', `skipped: ${room}`, '< 0.5 s', 'not measured');
      else if (o.big) {
        const big = ensureLog({ lines, seed: o.seed, expect: false });
        const gib = (big.bytes / 2 ** 30).toFixed(2);
        const fs2 = await firstScreen(big.file, FIRST_RUNS);
        const ok = fs2.ms !== undefined && fs2.ms < 500;
        row(`TUI first full screen, ${gib} GiB file (${fmtInt(lines)} lines)`, fs2.text, '< 0.5 s', ok ? 'met' : fs2.ms === undefined ? 'missed' : `missed by ${fmtMs(fs2.ms - 500)}`);

        // 5b. memory: report mode on 5x the input, and the TUI holding the whole 1 GB file with two caps
        process.stderr.write('bench: memory on the 1 GB file ...\n');
        const rep = await measure(process.execPath, [BIN, '--report', '--json', big.file], { stdoutFile: tmpOut });
        row(`ssrtail \`--report --json\`, ${gib} GiB file: peak RSS`, `${fmtMiB(rep.peakRssKb)} (vs ${fmtMiB(ss.peakRssKb)} on ${fmtInt(input.lines)} lines; wall ${fmtMs(rep.wallMs)}, ${fmtInt(lines / (rep.wallMs / 1000))} lines/s)`, 'bounded', rep.peakRssKb < ss.peakRssKb * 1.5 ? 'met: flat' : 'missed: grows with the input');
        const capSmall = 10_000;
        const full = await measureTuiLoad(ROOT, BIN, big.file);
        const small = await measureTuiLoad(ROOT, BIN, big.file, ['--max-groups', String(capSmall)]);
        const desc = (r) =>
          r.ms === undefined
            ? `not loaded: ${r.why}`
            : `${fmtMiB(r.peakRssKb)} (${r.halfPeakRssKb ? `${fmtMiB(r.halfPeakRssKb)} by half the file; ` : ''}loaded in ${fmtMs(r.ms)}; ${r.header ?? ''})`;
        // the cap is reached within the first fifth of the file: past it, memory should stay where it is
        const flat = (r) => (r.ms === undefined || !r.halfPeakRssKb ? 'missed' : r.peakRssKb <= r.halfPeakRssKb * 1.25 ? `met: the second half of the file adds ${fmtPct(r.peakRssKb / r.halfPeakRssKb - 1)}` : `missed: the second half of the file adds ${fmtPct(r.peakRssKb / r.halfPeakRssKb - 1)}`);
        row(`TUI holding the ${gib} GiB file, default \`--max-groups 100000\`: peak RSS`, desc(full), 'bounded by the cap', flat(full));
        row(`TUI holding the ${gib} GiB file, \`--max-groups ${capSmall}\`: peak RSS`, desc(small), 'bounded by the cap', small.ms !== undefined && full.ms !== undefined ? (small.peakRssKb < full.peakRssKb ? 'met: smaller cap, less memory' : 'missed: the cap does not lower memory') : 'missed');
      }
    }
  });

  // 6. TUI under a live 20,000 lines/s WebSocket feed
  await section(row, 'the TUI under a live feed', async () => {
    if (!o.live) row('TUI with a 20,000 lines/s live feed', 'skipped (--no-live)');
    else if (!tuiReady(ROOT) || !(await wsReady(ROOT, BIN))) row('TUI with a 20,000 lines/s live feed', `not measured yet: ${!tuiReady(ROOT) ? 'TUI' : 'ws source'} not ready`, 'keys < 50 ms p95');
    else {
      const live = await measureLive(ROOT, BIN, input.file, { rate: 20_000, seconds: 15 });
      row('live feed: lines/s taken in (sent 20,000/s)', live.takenPerSec === undefined ? `unknown: ${live.why}` : fmtInt(live.takenPerSec), '20,000', live.takenPerSec !== undefined && live.takenPerSec >= 19_000 ? 'met' : 'missed');
      const p95 = live.keyP95;
      row('live feed: key press to screen change, median / p95', live.keyMedian === undefined ? `unknown: ${live.why}` : `${fmtMs(live.keyMedian)} / ${fmtMs(p95)} (${live.samples} presses)`, '< 50 ms p95', p95 !== undefined && p95 < 50 ? 'met' : p95 === undefined ? 'missed' : `missed by ${fmtMs(p95 - 50)}`);
      if (live.note) notes.push(live.note);
    }
  });

  writeReport(o, m, input, rows, notes);
  process.stderr.write(`bench: wrote ${o.out}\n`);
}

function writeReport(o, m, input, rows, notes) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const cmd = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  const table = ['| measure | value | target | status |', '|---|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.value} | ${r.target} | ${r.status} |`)];
  const existing = fs.existsSync(o.out) ? fs.readFileSync(o.out, 'utf8') : '';
  const analysis = /<!-- analysis -->[\s\S]*$/.exec(existing)?.[0] ?? '<!-- analysis -->\n';
  const md = [
    '# Benchmarks',
    '',
    `Produced by \`${cmd}\` (scripts/bench.mjs) on ${date}.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM, ${m.os}; Node ${m.node}`,
    `- Input: \`${path.relative(ROOT, input.file)}\`: ${fmtInt(input.lines)} lines, ${(input.bytes / 1e6).toFixed(1)} MB, every format of the spec mixed, requests interleaved, every label (\`${input.command}\`)`,
    `- Whole process each time (start-up included), output to a file; wall time measured around the process, peak RSS from \`/usr/bin/time -v\`.`,
    '',
    ...table,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    analysis.trimEnd(),
    '',
  ].join('\n');
  fs.writeFileSync(o.out, md);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 2;
});
