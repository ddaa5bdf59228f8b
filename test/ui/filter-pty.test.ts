// --filter in the real binary's TUI, in a pseudo-terminal: the list starts filtered and the header says by what;
// the search narrows it with a field term.
import { describe, expect, it } from 'vitest';
import { KEYS, selected, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';

const open = tuiOpener();

describe('ssrtail --filter in a terminal', () => {
  it('starts filtered, says so in the header, and / narrows it with a field term', async () => {
    const t = open(`${ssrtail(`--filter 'status:5xx -path:/slow' ${shellQuote(TRIAGE_LOG)}`)}; echo AFTER-$?`);
    let s = await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'the loaded file');
    expect(s).toContain('filter: status:5xx -path:/slow');
    s = await t.waitFor((s) => s.includes('4 of 12 requests'), 'the 5xx but /slow');
    const rows = s.split('\n').filter((l) => / (?:GET|POST) +\//.test(l));
    expect(rows.map((l) => / (\/\S*)/.exec(l.slice(l.search(/ (?:GET|POST) /) + 5))?.[1])).toEqual(['/p/42', '/api/order', '/sni', '/conn']);
    await t.press('/', ...'up:origin');
    s = await t.waitForMarked((s) => s.includes('1 match') && s.includes('up:origin⟦ ⟧'), 'the request that called the origin');
    expect(selected(s)).toMatch(/\[ALLOW\?\] +539 +GET +\/p\/42/);
    await t.press(KEYS.enter);
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'the shell after quit');
  });
});
