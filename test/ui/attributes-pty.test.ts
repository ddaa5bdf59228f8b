// Without colour the selection and the search's cursor must still be seen. `--no-color` drew no inverse and no bold
// at all (chalk reads the flag from argv), while NO_COLOR kept them: the selected row was only its `›`, and the
// prompt's cursor a bar. A dumb terminal (no attributes) gets the markers: `›`, `▶` and the `▏` bar.
import { describe, expect, it } from 'vitest';
import { selected, shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { TRIAGE_LOG } from './helpers/fixture.js';

const open = tuiOpener();
// eslint-disable-next-line no-control-regex
const SGR_COLOR = /\u001b\[(?:3[0-7]|9[0-7]|38;|4[0-7]|10[0-7])[0-9;]*m/;

describe('no colour', () => {
  for (const [how, args, env] of [
    ['--no-color', '--no-color', {}],
    ['NO_COLOR', '', { NO_COLOR: '1' }],
  ] as const) {
    it(`${how}: the selection and the search's cursor are inverse, and nothing is coloured`, async () => {
      const t = open(ssrtail(`${args} ${shellQuote(TRIAGE_LOG)}`), { env });
      await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'loaded');
      await t.press('j', 'j');
      const s = await t.waitForMarked((s) => /^⟦› /m.test(s), 'the selected row in inverse');
      expect(selected(s)).toMatch(/\/cart/);
      await t.press('/', ...'cart');
      await t.waitForMarked((s) => s.includes('/cart⟦ ⟧'), 'the cursor an inverse cell');
      expect(t.raw()).not.toMatch(SGR_COLOR);
    });
  }

  it('TERM=dumb: no attributes, and the selection, the detail cursor and the search cursor still show', async () => {
    // node-pty sets TERM from the terminal's name: set on the command line
    const t = open(`TERM=dumb ${ssrtail(shellQuote(TRIAGE_LOG))}`);
    await t.waitFor((s) => s.includes('12 requests') && s.includes('ended'), 'loaded');
    await t.press('j', 'j', '\t');
    await t.waitFor((s) => /^› .*\/cart/m.test(s) && /^▶/m.test(s), 'the selection marker, and the detail cursor');
    expect(t.marked().join('\n')).not.toContain('⟦');
    await t.press('\t', '/', ...'cart');
    await t.waitFor((s) => s.includes('/cart▏') && s.includes('1 match'), 'the search cursor as a bar');
    await t.press('\u001b[D', '\u001b[D');
    await t.waitFor((s) => s.includes('/ca▏rt'), 'the bar moved');
  });
});
