// Ctrl-Z and job control with the real binary in a pseudo-terminal: the terminal is given back (main screen,
// cursor shown, keys cooked) while the process is stopped, and taken again on SIGCONT / `fg`, at the new size.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYS, selected, shellQuote, ssrtail, tuiOpener, type Tui } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';
import { ENTER_ALT, LEAVE_ALT } from '../../src/ui/terminal.js';

const SHOW_CURSOR = '\u001b[?25h';
const open = tuiOpener();
const file = shellQuote(TRIAGE_LOG);

/** Waits (at most `ms`) until `pred` holds. */
async function until(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The process state letter from /proc (T: stopped). */
function procState(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
}

/** Whether the terminal the process writes to reads lines (icanon) or raw keys (-icanon). */
function cooked(pid: number): boolean {
  const tty = fs.readlinkSync(`/proc/${pid}/fd/2`);
  const modes = execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' });
  return /(^|\s)icanon(\s|$)/.test(modes);
}

const pidOf = (t: Tui) => Number(/PID=(\d+)/.exec(t.raw())![1]);

/**
 * Suspends with `stop` (Ctrl-Z, or a signal), checks the terminal is the shell's while stopped, resizes it,
 * sends SIGCONT and checks the TUI is back at the new size with its state, answering keys.
 */
async function suspendAndResume(t: Tui, pid: number, stop: () => void): Promise<void> {
  await t.press('n');
  await t.waitFor((s) => selected(s).includes('/p/42'), 'the 539 selected');
  expect(procState(pid)).not.toBe('T');
  expect(cooked(pid)).toBe(false);

  const before = t.raw().length;
  stop();
  await until(() => procState(pid) === 'T', 'the process stopped');
  await t.waitFor(() => t.buffer() === 'normal', 'the main screen');
  const whileStopped = t.raw().slice(before);
  expect(whileStopped).toContain(LEAVE_ALT);
  expect(whileStopped).toContain(SHOW_CURSOR);
  expect(whileStopped.lastIndexOf(ENTER_ALT)).toBeLessThan(whileStopped.lastIndexOf(LEAVE_ALT));
  expect(t.screen().join('\n')).toContain('PID=');
  expect(cooked(pid)).toBe(true);

  t.resize(80, 24);
  const stopped = t.raw().length;
  process.kill(pid, 'SIGCONT');
  await until(() => procState(pid) !== 'T', 'the process running again');
  // a frame at the new size (no line of the old one wrapped): the footer on row 23 of 24, the 539 still selected
  const s = await t.waitFor((s) => {
    const rows = s.split('\n');
    return rows[0]!.includes('12 requests') && /↑↓\/jk move/.test(rows[22] ?? '') && rows[23] === '' && selected(s) !== '';
  }, 'the 80x24 frame after SIGCONT');
  expect(t.raw().slice(stopped)).toContain(ENTER_ALT);
  expect(t.buffer()).toBe('alternate');
  expect(selected(s), s).toContain('/p/42');
  expect(cooked(pid)).toBe(false);
  await t.press('g');
  await t.waitFor((s) => !selected(s).includes('/p/42'), 'a key answered after the resume');
}

describe('suspending the TUI', () => {
  it('Ctrl-Z stops it with the terminal given back; SIGCONT redraws it at the new size; q exits 0', async () => {
    // exec: the pid printed is ssrtail's, and its stdin is the terminal
    const t = open(`printf 'PID=%s\\n' $$; exec ${ssrtail(file)}`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    const pid = pidOf(t);
    await suspendAndResume(t, pid, () => t.send(KEYS.ctrlZ));
    t.send('q');
    expect((await t.exited).exitCode).toBe(0);
    expect(t.buffer()).toBe('normal');
  }, 60_000);

  it('with data piped in (keys from /dev/tty), an outside SIGTSTP does the same; SIGTERM still restores after', async () => {
    // the shell says how it finds the terminal once ssrtail is gone
    const t = open(`cat ${file} | (printf 'PID=%s\\n' $BASHPID; exec ${ssrtail('')}); echo AFTER-$?; stty -a | grep -q -- -icanon && echo RAW || echo COOKED`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('stdin') && s.includes('ended'), 'piped data');
    const pid = pidOf(t);
    await suspendAndResume(t, pid, () => t.send(KEYS.ctrlZ));
    await suspendAndResume(t, pid, () => process.kill(pid, 'SIGTSTP'));
    process.kill(pid, 'SIGTERM');
    const s = await t.waitFor((s) => /AFTER-143\n(RAW|COOKED)/.test(s), 'exit 143 after SIGTERM');
    expect(s).toContain('COOKED');
    expect(t.buffer()).toBe('normal');
  }, 60_000);

  it('a job-control shell: Ctrl-Z shows the prompt, fg brings the TUI back, q returns to the shell', async () => {
    const t = open('PS1="PROMPT> " exec bash --norc --noprofile -i');
    await t.waitFor((s) => s.includes('PROMPT>'), 'the prompt');
    t.send(`${ssrtail(file)}\r`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    await t.press('n');
    await t.waitFor((s) => selected(s).includes('/p/42'), 'the 539 selected');
    t.send(KEYS.ctrlZ);
    await t.waitFor((s) => /Stopped/.test(s) && /PROMPT> $/m.test(s), 'the shell saying the job stopped');
    expect(t.buffer()).toBe('normal');
    // the terminal shrinks while the job is stopped: its SIGWINCH goes to the shell in the foreground, not to it
    t.resize(80, 24);
    t.send('fg\r');
    const s = await t.waitFor((s) => s.includes('12 requests') && selected(s).includes('/p/42'), 'the TUI back');
    expect(t.buffer()).toBe('alternate');
    expect(s).not.toContain('PROMPT>');
    // drawn for 80 columns: the detail's rule ends at the edge (a frame drawn for 100 wraps it onto the next row)
    await t.waitFor((s) => {
      const rows = s.split('\n');
      const rule = rows.findIndex((l) => l.startsWith('── [ALLOW?]'));
      return rule >= 0 && rows[rule + 1]!.startsWith(' [ALLOW?]');
    }, 'a frame drawn for 80x24');
    await t.press('g');
    await t.waitFor((s) => !selected(s).includes('/p/42'), 'a key answered after fg');
    t.send('q');
    await t.waitFor((s) => /PROMPT> $/m.test(s) && t.buffer() === 'normal', 'the prompt after q');
    t.send('echo STATUS-$?\r');
    await t.waitFor((s) => s.includes('STATUS-0'), 'exit status 0');
    t.send('exit\r');
    await t.exited;
  }, 60_000);
});
