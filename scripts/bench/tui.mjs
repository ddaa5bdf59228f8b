// TUI measurements for scripts/bench.mjs, through a real pseudo-terminal (node-pty):
// - first full screen: time from spawn until the last screenful of output holds a full list of request rows;
// - live feed: a WebSocket server on 127.0.0.1 streams the benchmark log at a fixed rate into `ssrtail --ws`,
//   and we measure how many lines per second the TUI takes in (from its own line counter) and the time from a
//   key press to the screen showing its effect (typing into the search prompt: each key adds a character that
//   must appear on screen).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import readline from 'node:readline';
import stripAnsi from 'strip-ansi';
import { WebSocketServer } from 'ws';

const COLS = 140;
const ROWS = 40;
/** a request row: a method then a URL or path */
const ROW_RE = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(https?:\/\/|\/)/;
/** rows needed on the last screen to call it full */
const FULL_ROWS = 15;

export function tuiReady(root) {
  return fs.existsSync(path.join(root, 'dist/ui/run.js'));
}

export async function wsReady(root, bin) {
  if (!fs.existsSync(path.join(root, 'dist/sources/ws.js'))) return false;
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
  return help.includes('--ws');
}

async function loadPty() {
  const mod = await import('node-pty');
  return mod.default ?? mod;
}

/** The last screenful of a terminal's output, as plain text lines (a cheap stand-in for a terminal emulator). */
function lastScreen(buf) {
  const text = stripAnsi(buf.slice(-COLS * ROWS * 8)).replace(/\r/g, '');
  return text.split('\n').slice(-ROWS);
}

function spawnTui(pty, root, bin, args) {
  return pty.spawn(process.execPath, [bin, ...args], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd: root,
    env: { ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '1' },
  });
}

function stop(p) {
  try {
    p.write('\x1b');
    p.write('q');
  } catch {
    /* gone */
  }
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      try {
        p.kill('SIGKILL');
      } catch {
        /* gone */
      }
      resolve();
    }, 3000);
    p.onExit(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** ms from start until a full list is on screen; undefined (with why) when it never comes within the timeout. */
export async function measureFirstScreen(root, bin, file, timeoutMs = 120_000) {
  const pty = await loadPty();
  const t0 = performance.now();
  const p = spawnTui(pty, root, bin, [file]);
  let buf = '';
  const res = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ why: `no full screen within ${timeoutMs / 1000}s` }), timeoutMs);
    p.onData((d) => {
      buf += d;
      if (buf.length > 1 << 22) buf = buf.slice(-(1 << 20));
      const rows = lastScreen(buf).filter((l) => ROW_RE.test(l)).length;
      if (rows >= FULL_ROWS) {
        clearTimeout(timer);
        resolve({ ms: performance.now() - t0 });
      }
    });
    p.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve({ why: `the TUI exited (${exitCode}) before a full screen: ${lastScreen(buf).join(' ').trim().slice(0, 200)}` });
    });
  });
  await stop(p);
  return res;
}

async function readLines(file, n) {
  const out = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const l of rl) {
    out.push(l);
    if (out.length >= n) break;
  }
  rl.close();
  return out;
}

/** the TUI's own count of lines read, from its header ("123,456 lines") */
function linesShown(buf) {
  const text = lastScreen(buf).join('\n');
  const m = /([\d][\d,.]*)\s*(k|K|M)?\s+lines\b/.exec(text);
  if (!m) return undefined;
  const n = parseFloat(m[1].replace(/,/g, ''));
  return m[2] === 'M' ? n * 1e6 : m[2] ? n * 1e3 : n;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
};

/**
 * Streams the log at `rate` lines/s over ws://127.0.0.1 into the TUI for `seconds`, pressing keys meanwhile.
 * Returns { takenPerSec, keyMedian, keyP95, samples, note, why }.
 */
export async function measureLive(root, bin, file, { rate, seconds }) {
  const lines = await readLines(file, rate * (seconds + 2));
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const port = wss.address().port;
  let sent = 0;
  let feeding;
  let maxBuffered = 0;
  const connected = new Promise((resolve) => {
    wss.on('connection', (ws) => {
      const t0 = performance.now();
      const tickMs = 10;
      feeding = setInterval(() => {
        const due = Math.min(lines.length, Math.floor(((performance.now() - t0) / 1000) * rate));
        if (due > sent && ws.readyState === ws.OPEN) {
          ws.send(lines.slice(sent, due).join('\n'));
          sent = due;
          maxBuffered = Math.max(maxBuffered, ws.bufferedAmount);
        }
      }, tickMs);
      resolve();
    });
  });
  const pty = await loadPty();
  const p = spawnTui(pty, root, bin, ['--ws', `ws://127.0.0.1:${port}`, '--no-reconnect']);
  let buf = '';
  let exited = false;
  const waiters = new Set();
  p.onData((d) => {
    buf += d;
    if (buf.length > 1 << 22) buf = buf.slice(-(1 << 20));
    for (const w of waiters) w(d);
  });
  p.onExit(() => (exited = true));
  const result = {};
  let lost = 0;
  try {
    const ok = await Promise.race([connected.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!ok) return { why: 'the TUI did not connect to the WebSocket within 10 s' };
    await sleep(2000);
    const c0 = linesShown(buf);
    const s0 = performance.now();

    // key press -> screen change: open the search prompt, then each key appends a character to the query, and
    // the sample ends when the whole query is drawn. (No backspace: under load Ink can read "\x7fc" as one
    // chunk and drop the backspace.) If a key gets lost, the query is re-read from the screen.
    p.write('/');
    await sleep(300);
    const lat = [];
    let query = 'Qz';
    p.write(query);
    await sleep(300);
    const alphabet = 'abcdefghijklmnopqrstuvwxy';
    const until = performance.now() + (seconds - 4) * 1000;
    for (let i = 0; performance.now() < until && !exited && query.length < 60; i++) {
      const want = query + alphabet[i % alphabet.length];
      const seen = new Promise((resolve) => {
        let acc = '';
        const start = performance.now();
        const t = setTimeout(() => {
          waiters.delete(w);
          resolve(undefined);
        }, 2000);
        const w = (d) => {
          acc = (acc + d).slice(-65536);
          if (stripAnsi(acc).includes(want)) {
            clearTimeout(t);
            waiters.delete(w);
            resolve(performance.now() - start);
          }
        };
        waiters.add(w);
      });
      p.write(want.slice(-1));
      const ms = await seen;
      if (ms === undefined) {
        lost++;
        lat.push(2000);
        const m = /\/(Qz[a-y]*)/.exec(lastScreen(buf).join('\n'));
        query = m ? m[1] : want;
      } else {
        lat.push(ms);
        query = want;
      }
      await sleep(150);
    }
    p.write('\x1b');
    await sleep(1500);
    const c1 = linesShown(buf);
    const s1 = performance.now();
    if (c0 !== undefined && c1 !== undefined && c1 > c0) result.takenPerSec = (c1 - c0) / ((s1 - s0) / 1000);
    else result.why = 'no "N lines" counter found on the TUI screen';
    if (lat.length) {
      result.keyMedian = pct(lat, 0.5);
      result.keyP95 = pct(lat, 0.95);
      result.samples = lat.length;
      result.note = `Live feed: ${sent.toLocaleString('en-US')} lines sent in ${seconds}s at ${rate.toLocaleString('en-US')}/s over ws://127.0.0.1 in messages of ~${Math.round(rate / 100)} lines; largest send buffer ${(maxBuffered / 1e6).toFixed(1)} MB. Key latency = typing into the search prompt (\`/\`, then one more character per sample) until the query with that character is drawn${lost ? `; ${lost} presses got no visible answer within 2 s (counted as 2 s)` : ''}.`;
    } else result.why = 'no key samples';
    return result;
  } finally {
    clearInterval(feeding);
    await stop(p);
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? +m[1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads a whole file in the TUI: ms until the header says "ended", the process's peak RSS (KiB) then, and the
 * peak RSS by the time the header showed half the file read (halfPeakRssKb): what the second half added.
 */
export async function measureTuiLoad(root, bin, file, extraArgs = [], timeoutMs = 600_000) {
  const pty = await loadPty();
  const t0 = performance.now();
  const p = spawnTui(pty, root, bin, [...extraArgs, file]);
  let buf = '';
  let peak = 0;
  let halfPeak;
  const poll = setInterval(() => (peak = Math.max(peak, vmHwmKb(p.pid) ?? 0)), 100);
  const res = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ why: `not loaded within ${timeoutMs / 1000}s` }), timeoutMs);
    // the screen is checked at most every 50 ms, and once more after the last output (the final frame)
    let pending;
    let endedAt;
    const check = () => {
      pending = undefined;
      const screen = lastScreen(buf).join('\n');
      const progress = /▏ (\d+)%/.exec(screen);
      if (halfPeak === undefined && progress && +progress[1] >= 50) halfPeak = vmHwmKb(p.pid);
      if (/■ ended/.test(screen)) {
        clearTimeout(timer);
        const requests = /([\d,]+) requests · ([\d,]+) lines/.exec(screen);
        resolve({ ms: (endedAt ?? performance.now()) - t0, header: requests?.[0] });
      }
    };
    p.onData((d) => {
      buf += d;
      if (buf.length > 1 << 22) buf = buf.slice(-(1 << 20));
      if (endedAt === undefined && d.includes('■ ended')) endedAt = performance.now();
      pending ??= setTimeout(check, 50);
    });
    p.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve({ why: `the TUI exited (${exitCode}) while loading` });
    });
  });
  peak = Math.max(peak, vmHwmKb(p.pid) ?? 0);
  clearInterval(poll);
  await stop(p);
  return { ...res, peakRssKb: peak, halfPeakRssKb: halfPeak };
}
