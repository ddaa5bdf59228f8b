// Bad input given to the real binary's TUI, in a pseudo-terminal: it says what is wrong instead of waiting for
// lines that cannot come, or hiding the remedy past the header's edge.
import { describe, expect, it } from 'vitest';
import { tuiOpener, ssrtail } from './helpers/pty.js';

const open = tuiOpener();

describe('ssrtail TUI on bad input', () => {
  it("refuses '-' when stdin is the terminal itself (it would wait for log lines forever)", async () => {
    const t = open(`${ssrtail('-')}; echo AFTER-$?`);
    const s = await t.waitFor((s) => s.includes('AFTER-'), 'the shell after ssrtail');
    expect(s).toContain('AFTER-2');
    expect(s.replace(/\s+/g, ' ')).toMatch(/'-' reads the log from stdin, and stdin is this terminal: pipe one in/);
    // piped, '-' is the pipe: the TUI opens on it
    const p = open(`printf '09:00:00.100 req-00000001 Request details: GET https://shop.example.com/a\\n' | ${ssrtail('-')}; echo AFTER-$?`);
    await p.waitFor((s) => s.includes('1 request') && s.includes('ended'), 'the piped line');
    p.send('q');
    await p.waitFor((s) => s.includes('AFTER-0'), 'quit');
  }, 30_000);
});
