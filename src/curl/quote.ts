// Bash quoting for text that came from a log (untrusted): whatever it holds, it becomes exactly one word,
// nothing in it is expanded ($(), backticks, $VAR, globs, history `!`), and the command stays printable.
//
// - Plain text: '…' (single quotes: bash takes everything inside literally).
// - Text with a single quote, a control character or an invisible/format character: ANSI-C quoting $'…',
//   with \\ and \' escaped, and each such character written as the \xHH escapes of its UTF-8 bytes
//   (locale-independent, unlike \u). `!` is written \x21 there: inside $'…' an interactive bash's history
//   expansion could otherwise see it after a \'.
// - Visible non-ASCII (é, emoji) is written as is (UTF-8): bash passes the bytes through untouched.
// - NUL cannot be part of a command-line argument at all: see printfFormat() for bodies that hold one.

/** Characters that are written as \xHH escapes: C0/C1 controls, DEL, format characters (bidi, zero-width),
 *  line/paragraph separators and lone surrogates. */
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
// eslint-disable-next-line no-control-regex
const ESCAPED_G = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function hexBytes(ch: string): string {
  let out = '';
  for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
  return out;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Quotes one word for bash. The result, pasted into bash, is exactly `s` as one argument (NUL excepted). */
export function shellQuote(s: string): string {
  if (!s.includes("'") && !ESCAPED.test(s)) return `'${s}'`;
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/!/g, '\\x21')
    .replace(ESCAPED_G, (ch) => NAMED[ch] ?? hexBytes(ch));
  return `$'${body}'`;
}

/**
 * A bash printf FORMAT that prints `s` exactly, NUL bytes included (`printf -- FORMAT`). Used with process
 * substitution for bodies that hold NUL or are too long for one argument (printf is a builtin: no length limit).
 */
export function printfFormat(s: string): string {
  // \ and % are printf's own escapes; NUL becomes \x00 (printf's \xHH takes at most two hex digits)
  return s.replace(/\\/g, '\\\\').replace(/%/g, '%%').replace(/\0/g, '\\x00');
}

/** One comment line: no control characters (a newline would end the comment and start a command), bounded length. */
export function commentText(s: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const one = s.replace(ESCAPED_G, '?');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
