// Quoting, checked by real bash: each quoted word must come back byte for byte, and nothing in it may run.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commentText, printfFormat, shellQuote } from '../../src/curl/quote.js';
import { runBash, tempDir } from './helpers.js';

const dir = tempDir();
const pwned = path.join(dir, 'pwned');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOSTILE: string[] = [
  '',
  'plain',
  "it's",
  "''",
  "'\\''",
  `$(touch ${pwned})`,
  `\`touch ${pwned}\``,
  `"$(touch ${pwned})"`,
  '${HOME}',
  '$HOME $PATH',
  'a\nb',
  'a\r\nb',
  'tab\there',
  'esc\u001b[31mred\u001b[0m',
  'bell\u0007 del\u007f',
  'c1 \u0085 \u009b csi',
  'bidi \u202e evil \u2066',
  'zero\u200bwidth \ufeff bom',
  'line\u2028sep',
  'é à ü ß',
  '日本語',
  'emoji 😀👍🏽',
  '!',
  '!!',
  "!$ !-1 !foo ^a^b",
  '\\',
  '\\\\n',
  "\\'",
  '%s %d %%',
  '  spaces  ',
  '* ? [a-z] {a,b} ~',
  '; rm -rf / #',
  '| cat /etc/passwd &',
  '> out < in',
  "mix 'single' \"double\" `back` $(sub) \\ ! \n \t é 😀",
  'x'.repeat(100_000),
  "'".repeat(5000),
];

/** Deterministic strings from a hostile alphabet (no NUL: no argument can hold one). */
function fuzz(n: number): string[] {
  const alphabet = [..."abc '\"`$()\\!%{}[]*?~#;&|<>\n\r\t\u001b\u0001\u007f\u0085\u009bé😀\u202e\u200b\u2028 "];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
}

/** Each value printed by bash between separators; the output split back. */
async function throughBash(values: string[]): Promise<Buffer[]> {
  const script = values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join('\n') + '\n';
  const r = await runBash(script, { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < r.stdout.length; i++) {
    if (r.stdout[i] === 0) {
      parts.push(r.stdout.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

describe('shellQuote', () => {
  it('gives back every hostile value byte for byte and runs nothing', async () => {
    const out = await throughBash(HOSTILE);
    expect(out).toHaveLength(HOSTILE.length);
    HOSTILE.forEach((v, i) => expect(out[i]!.equals(Buffer.from(v, 'utf8')), JSON.stringify(v.slice(0, 60))).toBe(true));
    expect(fs.existsSync(pwned)).toBe(false);
  });

  it('gives back 500 fuzzed values', async () => {
    const values = fuzz(500);
    const out = await throughBash(values);
    values.forEach((v, i) => expect(out[i]!.toString('utf8')).toBe(v));
  });

  it('writes a lone surrogate as U+FFFD, the bytes any UTF-8 writer would send', async () => {
    const out = await throughBash(['a\ud800b']);
    expect(out[0]!.toString('utf8')).toBe('a\ufffdb');
  });

  it('keeps the quoted word printable: no control, bidi or zero-width character reaches the terminal', () => {
    for (const v of [...HOSTILE, ...fuzz(200)]) {
      const q = shellQuote(v);
      // eslint-disable-next-line no-control-regex
      expect(q).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    }
  });

  it('uses plain single quotes when it can, ANSI-C quoting when it must', () => {
    expect(shellQuote('a b $x `y`')).toBe("'a b $x `y`'");
    expect(shellQuote("it's")).toBe("$'it\\'s'");
    expect(shellQuote('a\nb!')).toBe("$'a\\nb\\x21'");
    expect(shellQuote('\u202e')).toBe("$'\\xe2\\x80\\xae'");
  });
});

describe('printfFormat', () => {
  it('prints bodies with NUL, backslashes and percent signs exactly (bash printf builtin)', async () => {
    const values = ['a\0b', '\0', '-leading dash', '%s%%\\n\\x41', 'é\0😀\0', `\0$(touch ${pwned})\0`, "'\0'", '\\0017'];
    const script = values.map((v) => `printf -- ${shellQuote(printfFormat(v))}; printf '\\1'`).join('\n') + '\n';
    const r = await runBash(script, { cwd: dir });
    expect(r.code).toBe(0);
    const parts = r.stdout.toString('latin1').split('\u0001').slice(0, -1);
    expect(parts.map((p) => Buffer.from(p, 'latin1').toString('utf8'))).toEqual(values);
    expect(fs.existsSync(pwned)).toBe(false);
  });
});

describe('commentText', () => {
  it('can never end the comment line', () => {
    const c = commentText('id\nrm -rf ~\r\u2028x\u001b]0;title\u0007');
    expect(c).not.toMatch(/[\n\r\u2028\u001b\u0007]/);
    expect(c).toContain('rm -rf ~');
  });
  it('bounds the length', () => {
    expect(commentText('x'.repeat(1000), 50)).toHaveLength(50);
  });
});
