// LineSplitter's notes: over-long lines cut (each counted once, however it arrives), lines that are not UTF-8.
import { describe, expect, it } from 'vitest';
import { decodeLenient, LineSplitter } from '../../src/sources/lines.js';

describe('LineSplitter notes', () => {
  it('is called once per line cut, whole in one chunk, held across chunks, or cut at the end of input', () => {
    let cuts = 0;
    const sp = new LineSplitter(10, () => cuts++);
    const out: string[] = [];
    // one line in one chunk, 25 bytes: three pieces, one cut
    out.push(...sp.push(Buffer.from('0123456789abcdefghij-xyz!\nok\n')));
    expect(cuts).toBe(1);
    // one line of 40 bytes in 4-byte chunks: its pieces go while it is held, still one cut
    const long = 'L'.repeat(40);
    for (let i = 0; i < long.length; i += 4) out.push(...sp.push(Buffer.from(long.slice(i, i + 4))));
    out.push(...sp.push(Buffer.from('\n')));
    expect(cuts).toBe(2);
    // short lines cut nothing
    out.push(...sp.push(Buffer.from('short\nlines\n')));
    expect(cuts).toBe(2);
    // a last line without its newline, too long, given up at the end
    out.push(...sp.push(Buffer.from('x'.repeat(9))), ...sp.push(Buffer.from('y'.repeat(9))), ...sp.flush());
    expect(cuts).toBe(3);
    expect(sp.oversized).toBe(3);
    expect(out.join('')).toBe('0123456789abcdefghij-xyz!ok' + long + 'shortlines' + 'x'.repeat(9) + 'y'.repeat(9));
  });
  it('says how many lines were cut, nothing when none', () => {
    const sp = new LineSplitter(10);
    sp.push(Buffer.from('short\n'));
    expect(sp.note()).toBeUndefined();
    sp.push(Buffer.from('0123456789abcdef\n'));
    expect(sp.note()).toBe('a line longer than 10 bytes: cut into 10 bytes pieces, each read as a line of its own');
    sp.push(Buffer.from('0123456789abcdef\n0123456789abcdef\n'));
    expect(sp.note()).toMatch(/^3 lines longer than 10 bytes/);
    expect(new LineSplitter().note()).toBeUndefined();
  });
  it('reads a line that is not UTF-8 with its stray bytes as Latin-1, UTF-8 lines as UTF-8, and says so once', () => {
    let notes = 0;
    const sp = new LineSplitter(undefined, () => notes++);
    const latin1 = Buffer.from('09:00:00.100 req-00000001 INFO: caf\xe9 \xfcber\n', 'latin1');
    const utf8 = Buffer.from('09:00:00.200 req-00000001 INFO: café über 日本\n');
    // mixed in one line: UTF-8 é, then a Latin-1 é byte
    const mixed = Buffer.concat([Buffer.from('mixed: é '), Buffer.from([0xe9]), Buffer.from(' 日本\n')]);
    const out = sp.push(Buffer.concat([utf8, latin1, mixed, latin1]));
    expect(out).toEqual(['09:00:00.200 req-00000001 INFO: café über 日本', '09:00:00.100 req-00000001 INFO: café über', 'mixed: é é 日本', '09:00:00.100 req-00000001 INFO: café über']);
    expect(notes).toBe(1);
    expect(sp.notUtf8).toBe(3);
    expect(sp.note()).toMatch(/lines that are not UTF-8 text: their other bytes are read as Latin-1/);
    // a UTF-8 character split across two chunks is one character, and no note
    const clean = new LineSplitter();
    const bytes = Buffer.from('a é b\nnext é\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const lines = [...clean.push(bytes.subarray(0, cut)), ...clean.push(bytes.subarray(cut))];
      expect(lines).toEqual(['a é b', 'next é']);
    }
    expect(clean.note()).toBeUndefined();
  });
  it('decodes lenient: invalid, overlong and cut sequences byte by byte', () => {
    const b = Buffer.from([0x61, 0xc0, 0xaf, 0xe2, 0x82, 0x62, 0xf0, 0x9f, 0x98, 0x80, 0xff]);
    expect(decodeLenient(b, 0, b.length)).toBe('a\u00c0\u00af\u00e2\u0082b😀\u00ff');
  });
});
