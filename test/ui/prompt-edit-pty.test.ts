// Editing the search in the middle of its text, in the real binary in a pseudo-terminal, with the bytes a terminal
// sends: ← and Home move the cursor (drawn as an inverse cell), typing goes in where it is, Delete takes the character
// under it, Backspace the one before, and the search runs again on each change.
import { describe, expect, it } from 'vitest';
import { selected, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';

const open = tuiOpener();
const LEFT = '\u001b[D';
const HOME = '\u001b[H';
const DELETE = '\u001b[3~';
const BACKSPACE = '\u007f';
const CTRL_LEFT = '\u001b[1;5D';

describe('the search line edits as readline does', () => {
  it('narrows when a term is put in front of the text, and a typo fixed mid-text', async () => {
    const t = open(ssrtail(shellQuote(TRIAGE_LOG)));
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    // a typo: status:5x (no such term) then x typed: 5 matches, the cursor at the end
    await t.press('/', ...'status:5xx');
    await t.waitForMarked((s) => s.includes('/status:5xx⟦ ⟧') && s.includes('5 matches'), 'the 5xx');
    // Home, then a term in front: the POST among them
    await t.press(HOME);
    await t.waitForMarked((s) => s.includes('/⟦s⟧tatus:5xx'), 'the cursor on the first character');
    await t.press(...'method:post ');
    let s = await t.waitForMarked((s) => s.includes('/method:post ⟦s⟧tatus:5xx') && s.includes('1 match'), 'narrowed to the POST');
    expect(selected(s)).toMatch(/POST/);
    // Ctrl+← back over a word, Delete and Backspace around the cursor: `method:post` becomes `method:get`
    await t.press(CTRL_LEFT, DELETE, DELETE, DELETE, DELETE);
    await t.waitForMarked((s) => s.includes('/method:⟦ ⟧status:5xx'), 'post deleted under the cursor');
    await t.press(...'get');
    s = await t.waitForMarked((s) => s.includes('/method:get⟦ ⟧status:5xx') && s.includes('4 matches') && !s.includes('searching'), 'the GETs that failed');
    expect(selected(s)).toMatch(/GET/);
    await t.press(LEFT, LEFT, LEFT, BACKSPACE);
    await t.waitForMarked((s) => s.includes('/method⟦g⟧et status:5xx'), 'Backspace took the colon before the cursor');
  });
});
