// Drives the real binary in a pseudo-terminal and reads its screen through a terminal emulator.
import { afterEach } from 'vitest';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { BIN, ROOT } from '../../helpers/run-cli.js';

export { BIN, ROOT };

export interface Tui {
  /** everything the program wrote, escape sequences included */
  raw(): string;
  /** the visible screen as text, one string per row (trailing spaces trimmed) */
  screen(): string[];
  /** 'alternate' while the TUI runs, 'normal' once it has left the alternate screen */
  buffer(): 'normal' | 'alternate';
  send(keys: string): void;
  /** sends keys one by one, waiting for the screen to change after each (or a short while) */
  press(...keys: string[]): Promise<void>;
  waitFor(pred: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** the screen with each run of inverse cells (the selection, a prompt's cursor) in ⟦ ⟧ */
  marked(): string[];
  /** waitFor on the marked screen */
  waitForMarked(pred: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  enter: '\r',
  tab: '\t',
  escape: '\u001b',
  ctrlC: '\u0003',
  ctrlZ: '\u001a',
  pageDown: '\u001b[6~',
};

/** The environment of the child: a real terminal type, and no CI markers (Ink draws nothing live in CI). */
function childEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k === 'NO_COLOR' || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  env.TERM = 'xterm-256color';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs `bash -c command` in a pty of cols x rows (so /dev/tty is the pty even when stdin is a pipe). */
export function startTui(command: string, o: { cols?: number; rows?: number; env?: Record<string, string | undefined> } = {}): Tui {
  const cols = o.cols ?? 100;
  const rows = o.rows ?? 30;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn('bash', ['--norc', '--noprofile', '-c', command], { name: 'xterm-256color', cols, rows, cwd: ROOT, env: childEnv(o.env ?? {}) });
  let raw = '';
  let pending = Promise.resolve();
  child.onData((d) => {
    raw += d;
    pending = pending.then(() => new Promise<void>((res) => term.write(d, res)));
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((res) => child.onExit((e) => res(e)));

  const screen = () => {
    const b = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < term.rows; i++) out.push(b.getLine(b.viewportY + i)?.translateToString(true) ?? '');
    return out;
  };
  const marked = () => {
    const b = term.buffer.active;
    const cell = b.getNullCell();
    const out: string[] = [];
    for (let i = 0; i < term.rows; i++) {
      const line = b.getLine(b.viewportY + i);
      let text = '';
      let inv = false;
      for (let x = 0; line && x < term.cols; x++) {
        line.getCell(x, cell);
        if (cell.getWidth() === 0) continue;
        const now = cell.isInverse() !== 0;
        if (now !== inv) text += now ? '⟦' : '⟧';
        inv = now;
        text += cell.getChars() || ' ';
      }
      out.push((inv ? text + '⟧' : text).replace(/ +$/, ''));
    }
    return out;
  };
  const waitOn = (view: () => string[]) => async (pred: (s: string) => boolean, what: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await pending;
      const s = view().join('\n');
      if (pred(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  const waitFor = waitOn(screen);
  return {
    raw: () => raw,
    screen,
    marked,
    waitForMarked: waitOn(marked),
    buffer: () => term.buffer.active.type,
    send: (k) => child.write(k),
    press: async (...keys) => {
      for (const k of keys) {
        await pending;
        const before = screen().join('\n');
        child.write(k);
        const until = Date.now() + 1500;
        while (Date.now() < until) {
          await new Promise((r) => setTimeout(r, 25));
          await pending;
          if (screen().join('\n') !== before) break;
        }
      }
    },
    waitFor,
    resize: (c, r) => {
      term.resize(c, r);
      child.resize(c, r);
    },
    kill: (signal) => child.kill(signal),
    exited,
  };
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command line running the built binary with `args` (already quoted for the shell). */
export const ssrtail = (args: string) => `node ${shellQuote(BIN)} ${args}`;

/** The screen's row holding the selection marker. */
export const selected = (s: string) => s.replace(/[⟦⟧]/g, '').split('\n').find((l) => l.startsWith('› ')) ?? '';

/** startTui for the tests of one file: what a test started is killed after it (call once, at the top level). */
export function tuiOpener(): typeof startTui {
  const running: Tui[] = [];
  afterEach(() => {
    for (const t of running.splice(0)) t.kill('SIGKILL');
  });
  return (command, o) => {
    const t = startTui(command, o);
    running.push(t);
    return t;
  };
}
