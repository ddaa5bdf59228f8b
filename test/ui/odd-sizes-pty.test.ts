// The smallest terminal the TUI draws on (40x12), in a real pseudo-terminal: a re-run's question made the frame a row
// taller than the screen, so the terminal scrolled and the header went off the top (and the panes under it mixed).
import { describe, expect, it } from 'vitest';
import { shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';

const open = tuiOpener();

describe('at 40x12', () => {
  it("asks a re-run's question inside the screen: the header stays on the first row", async () => {
    const t = open(ssrtail(shellQuote(TRIAGE_LOG)), { cols: 40, rows: 12 });
    await t.waitFor((s) => s.startsWith('ssrtail ') && s.includes('12 of 12'), 'loaded');
    await t.press('j', 'r');
    const s = await t.waitFor((s) => s.includes('[y/n]') && s.includes('y yes'), 'the question');
    const rows = s.split('\n');
    expect(rows[0]).toMatch(/^ssrtail /);
    expect(rows.find((r) => r.startsWith('› '))).toMatch(/\[ALLOW\?\] +539/);
    expect(rows.findIndex((r) => r.startsWith('y yes'))).toBe(10);
    t.send('n');
    await t.waitFor((s) => s.includes('cancelled') && s.split('\n')[0]!.startsWith('ssrtail '), 'answered');
  });
});
