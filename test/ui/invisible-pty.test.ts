// Invisible characters string-width and terminals measure differently, in the real binary's TUI: Hangul fillers
// (0 columns to string-width, 2 or 1 to terminals: the row was wider than measured, wrapped and scrolled the frame)
// and line separators (1 column to string-width, dropped by terminals: the row was shorter, its columns shifted), and
// lone surrogates from a JSON line's "\ud800" (0 columns to string-width, written as U+FFFD: the row wrapped).
import { describe, expect, it } from 'vitest';
import { shellQuote, ssrtail, tuiOpener } from './helpers/pty.js';
import { tmpFile } from '../helpers/run-cli.js';

const open = tuiOpener();

const row = (id: string, path: string, ms: number) => [
  JSON.stringify({ level: 100, time: 1710186733620 + ms, requestId: id, data: { method: 'GET', protocol: 'https:', host: 'shop.example.com', path, headers: {} } }),
  JSON.stringify({ level: 101, time: 1710186733630 + ms, requestId: id, data: { statusCode: 200, statusMessage: 'OK', headers: {} } }),
];

describe('invisible characters in a terminal', () => {
  it('keep every row one line wide with its columns in place', async () => {
    const f = tmpFile('invisible.log', [
      ...row('req-inv-00000001', `/p/fill${'\u3164'.repeat(30)}/end`, 0),
      ...row('req-inv-00000002', `/p/choseong${'\u115f'.repeat(30)}/end`, 1),
      ...row('req-inv-00000003', `/p/half${'\uffa0'.repeat(30)}/end`, 2),
      ...row('req-inv-00000004', `/p/sep${'\u2028\u2029'.repeat(15)}/end`, 3),
      // JSON.stringify writes a lone surrogate as its \ud800 escape: the line holds what a logger would
      ...row('req-inv-00000005', `/p/sur${'\ud800'.repeat(30)}/end`, 4),
    ].join('\n') + '\n');
    const t = open(ssrtail(shellQuote(f)), { cols: 120, rows: 30 });
    const s = await t.waitFor((s) => s.includes('5 of 5 requests'), 'the loaded file');
    const lines = s.split('\n');
    expect(lines[0]).toMatch(/^ssrtail \S*invisible\.log/);
    const head = lines.find((l) => l.includes('PATH'))!;
    const rows = lines.filter((l) => /\[OK\] +200 +GET +\/p\//.test(l));
    expect(rows).toHaveLength(5);
    // the duration ends under the DUR heading on every row
    for (const r of rows) expect(r.indexOf('10ms') + 4, r).toBe(head.indexOf('DUR') + 3);
  });
});
