// The bundle's stand-in for @alcalzone/ansi-tokenize in Ink's frame building (src/ui/format/styled-chars.ts)
// must give the library's answers: compared here on styled lines like the UI's and random ones, whole and cut
// into the grids Ink composes (several writes per screen line, overlapping).
import * as lib from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '../../src/ui/format/styled-chars.js';

const chalk = new Chalk({ level: 3 });

/** a small deterministic generator (mulberry32) */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STYLES: ((s: string) => string)[] = [
  (s) => s,
  chalk.red,
  chalk.green.bold,
  chalk.dim,
  chalk.bold,
  (s) => chalk.bold(chalk.dim(s)),
  chalk.inverse,
  chalk.bgBlue.white,
  chalk.underline.yellow,
  chalk.italic,
  chalk.hex('#ff8800'),
  chalk.bgHex('#202020').cyan,
  chalk.ansi256(208),
  (s) => `\u001b]8;;https://example.com/x\u0007${s}\u001b]8;;\u0007`,
  (s) => chalk.red(`a${chalk.blue(s)}b`),
  (s) => `\u001b[1m${s}\u001b[0m`,
];
const TEXT = ['GET ', '/api/v1/items?id=7', ' · ', '539', ' in 12ms', '…', '▁▂▃', '日本', 'a🙂b', '  ', 'x', '›', 'é'];

function randomLine(r: () => number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) s += STYLES[Math.floor(r() * STYLES.length)]!(TEXT[Math.floor(r() * TEXT.length)]!);
  return s;
}

/** Ink's grid for one screen line: writes at offsets, later ones over earlier ones, then joined */
function compose(
  writes: { x: number; line: string }[],
  width: number,
  chars: (line: string) => lib.StyledChar[],
  toString: (c: lib.StyledChar[]) => string,
): string {
  const row: lib.StyledChar[] = Array.from({ length: width }, () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
  for (const w of writes) {
    let x = w.x;
    for (const c of chars(w.line)) {
      row[x] = c;
      x += c.fullWidth ? 2 : 1;
      if (c.fullWidth) row[x - 1] = { type: 'char', value: '', fullWidth: false, styles: c.styles };
    }
  }
  return toString(row.filter((c) => c !== undefined)).trimEnd();
}

describe('styled-chars (the bundle stand-in for @alcalzone/ansi-tokenize)', () => {
  it('gives the library answers on styled lines, whole', () => {
    const r = rng(42);
    for (let i = 0; i < 2000; i++) {
      const line = randomLine(r);
      const ours = styledCharsFromTokens(tokenize(line));
      const theirs = lib.styledCharsFromTokens(lib.tokenize(line));
      expect(ours).toEqual(theirs);
      expect(styledCharsToString(ours)).toBe(lib.styledCharsToString(theirs));
      expect(styledCharsToString(theirs)).toBe(lib.styledCharsToString(theirs));
    }
  });

  it('gives the library answers on screen lines composed of overlapping writes', () => {
    const r = rng(7);
    for (let i = 0; i < 1000; i++) {
      const writes = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({ x: Math.floor(r() * 30), line: randomLine(r) }));
      const ours = compose(writes, 80, (l) => styledCharsFromTokens(tokenize(l)), styledCharsToString);
      const theirs = compose(writes, 80, (l) => lib.styledCharsFromTokens(lib.tokenize(l)), lib.styledCharsToString);
      expect(ours).toBe(theirs);
    }
  });

  it('remembers a line across calls, and a long run of lines does not grow without bound', () => {
    const line = chalk.red('GET') + ' /x';
    expect(tokenize(line)).toBe(tokenize(line));
    expect(styledCharsFromTokens(tokenize(line))).toBe(styledCharsFromTokens(tokenize(line)));
    for (let i = 0; i < 5000; i++) tokenize(`line ${i}`);
    // dropped with the rest once the cache filled: a new array, equal to the old
    const again = tokenize(line);
    expect(again).toEqual(lib.tokenize(line));
  });

  it('keeps the library tokenize with an end character', () => {
    const line = `${chalk.red('abc')}def`;
    expect(tokenize(line, 2)).toEqual(lib.tokenize(line, 2));
  });

  it('ends a styled line with the codes that reset it, and an unstyled one with none', () => {
    expect(styledCharsToString(styledCharsFromTokens(tokenize(chalk.red('ab'))))).toBe('\u001b[31mab\u001b[39m');
    expect(styledCharsToString(styledCharsFromTokens(tokenize('ab')))).toBe('ab');
  });
});
