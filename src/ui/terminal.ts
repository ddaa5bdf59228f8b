// The terminal itself: where keys come from (the tty even when stdin is a pipe) and the alternate screen.
import fs from 'node:fs';
import tty from 'node:tty';

export const ENTER_ALT = '\u001b[?1049h';
export const LEAVE_ALT = '\u001b[?1049l';
const CLEAR_HOME = '\u001b[2J\u001b[H';
const SHOW_CURSOR = '\u001b[?25h';

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
