// Bad input given to the real binary's TUI, in a pseudo-terminal: it says what is wrong instead of waiting for
// lines that cannot come, or hiding the remedy past the header's edge.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellQuote, tuiOpener, ssrtail } from './helpers/pty.js';
import { ROOT, tmpFile } from '../helpers/run-cli.js';

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

  it('says what a file it cannot read is, whole, where the requests would be (the header cuts it)', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples/busy.log'), 'utf8').split('\n').slice(0, 30).join('\n') + '\n';
    const utf16 = tmpFile('windows.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const bzip2 = path.join(ROOT, 'test/fixtures/compressed/three.log.bz2');
    const said = {
      [utf16]: 'windows.log: looks like UTF-16 text, which is not read: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)',
      [bzip2]: 'three.log.bz2: is compressed with bzip2, which is not read (only gzip is): decompress it first (bzcat FILE | ssrtail)',
    };
    // (the list's rows wrap the text, a long path mid-word (CI's checkout is deeper than ours): compared without
    // any white space)
    const flat = (s: string) => s.replace(/\s+/g, '');
    for (const [file, note] of Object.entries(said)) {
      const t = open(`${ssrtail(shellQuote(file))}; echo AFTER-$?`, { cols: 80, rows: 24 });
      const s = await t.waitFor((s) => s.includes('ended') && flat(s).includes(flat(note)), `the note on ${file}`, 10_000);
      // the header has room for the start of it only
      expect(s.split('\n')[0]).toMatch(/…/);
      t.send('q');
      await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
    }
  }, 40_000);
});
