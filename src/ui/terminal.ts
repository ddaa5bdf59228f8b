// The terminal itself: where keys come from (the tty even when stdin is a pipe) and the alternate screen.
import fs from 'node:fs';
import tty from 'node:tty';

export const ENTER_ALT = '\u001b[?1049h';
export const LEAVE_ALT = '\u001b[?1049l';
const CLEAR_HOME = '\u001b[2J\u001b[H';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

export type Keyboard = { stdin: NodeJS.ReadStream; close: () => void } | { error: string };

/** Keys come from stdin when it is a terminal, else from /dev/tty (data is being piped in). */
export function openKeyboard(stdin: NodeJS.ReadStream = process.stdin, ttyPath = '/dev/tty'): Keyboard {
  if (stdin.isTTY) return { stdin, close: () => {} };
  let fd: number;
  try {
    fd = fs.openSync(ttyPath, 'r');
  } catch (e) {
    return { error: `no terminal to read keys from (${ttyPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  try {
    if (!tty.isatty(fd)) {
      fs.closeSync(fd);
      return { error: `${ttyPath} is not a terminal` };
    }
    const stream = new tty.ReadStream(fd);
    return {
      stdin: stream as unknown as NodeJS.ReadStream,
      close: () => {
        try {
          stream.setRawMode(false);
        } catch {
          // the terminal may be gone
        }
        stream.destroy();
      },
    };
  } catch (e) {
    return { error: `cannot read keys from ${ttyPath}: ${(e as Error).message}` };
  }
}

export function enterScreen(out: NodeJS.WriteStream): void {
  out.write(ENTER_ALT + CLEAR_HOME);
}

/** Shows the cursor and leaves the alternate screen: the terminal is as it was before. */
export function leaveScreen(out: NodeJS.WriteStream): void {
  try {
    out.write(SHOW_CURSOR + LEAVE_ALT);
  } catch {
    // stdout closed: nothing to restore
  }
}

// Ink erases its previous frame by moving the cursor up line by line. Anything that moves the cursor
// behind its back (a stray write to the terminal) would shift every later frame. In the alternate
// screen we own the whole screen, so each frame is drawn from the top-left corner instead.
// eslint-disable-next-line no-control-regex
const ERASE_PREFIX = /^(?:\u001b\[2K|\u001b\[1A|\u001b\[G)+/;

/** Rewrites a frame write from "erase N lines up, then draw" to "home, draw, clear the rest". */
export function absoluteFrame(data: string): string {
  const m = ERASE_PREFIX.exec(data);
  if (!m || !m[0].includes('\u001b[2K')) return data;
  return '\u001b[H' + data.slice(m[0].length).replace(/\n/g, '\u001b[K\n') + '\u001b[K\u001b[J';
}

/** The frames Ink drew: the last one, to draw again on resume, and whether they are held back (suspended). */
export class Frames {
  last = '';
  held = false;
}

/**
 * process.stdout for Ink, with frames drawn from the top-left corner. Every frame is the whole screen, so the
 * last one is kept; while `frames.held` nothing is written (the terminal belongs to the shell).
 */
export function frameStream(out: NodeJS.WriteStream, frames = new Frames()): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]) => {
    let data = chunk;
    if (typeof chunk === 'string') {
      data = absoluteFrame(chunk);
      // the first frame has nothing to erase: it is drawn from where enterScreen left the cursor, the top-left corner
      if (data !== chunk || chunk.includes('\n')) frames.last = data as string;
    }
    if (frames.held) {
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }
    return (out.write as (...a: unknown[]) => boolean)(data, ...rest);
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * Ctrl-Z (and SIGTSTP from the shell or `kill -TSTP`): the terminal as it was before (main screen, cursor shown,
 * keys not raw), then the process stops. SIGCONT (`fg`): raw keys, the alternate screen and the last frame again,
 * and a new frame if the terminal changed size meanwhile.
 */
export function jobControl(out: NodeJS.WriteStream, keys: NodeJS.ReadStream, frames: Frames): { suspend: () => void; resume: () => void } {
  let raw = false;
  const setRaw = (on: boolean) => {
    try {
      keys.setRawMode(on);
    } catch {
      // the terminal may be gone
    }
  };
  return {
    suspend: () => {
      if (!frames.held) {
        frames.held = true;
        raw = keys.isRaw;
        if (raw) setRaw(false);
        leaveScreen(out);
      }
      // SIGSTOP, not SIGTSTP: the TUI listens to SIGTSTP (it lands here), and a process group without a shell
      // above it in the session ignores SIGTSTP
      process.kill(process.pid, 'SIGSTOP');
    },
    resume: () => {
      // a stop that did not go through suspend (SIGSTOP) left the keys raw, but the shell may have reset them
      if (frames.held ? raw : keys.isRaw) setRaw(true);
      frames.held = false;
      // the terminal may have changed size while stopped, and the SIGWINCH went to the shell in the foreground:
      // ask the terminal (getWindowSize() is Node's cached size; _refreshSize asks it and emits 'resize' on a change)
      const before = `${out.columns}x${out.rows}`;
      try {
        enterScreen(out);
        (out as unknown as { _refreshSize?: () => void })._refreshSize?.();
        // the same size: the last frame again (Ink draws nothing until something changes); a new size: Ink
        // draws a whole new frame on 'resize'
        if (`${out.columns}x${out.rows}` === before) out.write(HIDE_CURSOR + frames.last);
        else out.write(HIDE_CURSOR);
      } catch {
        // stdout closed
      }
    },
  };
}
