// LineSplitter's cut of over-long lines: each such line is counted once (onCut), however it arrives.
import { describe, expect, it } from 'vitest';
import { cutNote, LineSplitter } from '../../src/sources/lines.js';

describe('LineSplitter onCut', () => {
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
    expect(cutNote(0)).toBeUndefined();
    expect(cutNote(1)).toBe('a line longer than 64 MiB: cut into 64 MiB pieces, each read as a line of its own');
    expect(cutNote(3)).toMatch(/^3 lines longer than 64 MiB/);
  });
});
