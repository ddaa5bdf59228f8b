// A hint when a log is not UTF-8 text, told by its first bytes: every line of it would only read as unparsed.

const UTF16 = 'looks like UTF-16 text, which is not read: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)';
const BINARY = 'looks like a binary file, not a text log: its lines are kept as unparsed';
const CR_ONLY = "ends its lines with a carriage return alone (classic Mac), so it reads as one line: convert it first (tr '\\r' '\\n' < FILE > FILE.lf)";
const ZEROS = 'starts with zero bytes (as a log truncated under its writer leaves it: logrotate copytruncate): they are skipped';

/** UTF-16 (a byte order mark, or ASCII with every other byte NUL), binary (NUL bytes), or undefined for text. */
export function encodingHint(head: Buffer): string | undefined {
  if (head.length < 2) return undefined;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return UTF16;
  const n = Math.min(head.length, 512);
  if (head.subarray(0, n).every((b) => b === 0)) return ZEROS;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  if (odd + even === 0) return mostlyNotText(head.subarray(0, n)) ? BINARY : crOnly(head) ? CR_ONLY : undefined;
  // ASCII written as UTF-16 without a byte order mark: a NUL in every other byte
  return Math.max(odd, even) >= (n / 2) * 0.8 && Math.min(odd, even) <= (n / 2) * 0.1 ? UTF16 : BINARY;
}

/** Control bytes (but tab, newline, carriage return, escape) and bytes that are not UTF-8: random or compressed data. */
function mostlyNotText(head: Buffer): boolean {
  let bad = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b) bad++;
  const text = head.toString('utf8');
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad > head.length / 10;
}

/** Lines ended by a carriage return alone: several of them, and no newline in the first bytes read. */
function crOnly(head: Buffer): boolean {
  if (head.includes(0x0a)) return false;
  const first = head.indexOf(0x0d);
  return first >= 0 && head.indexOf(0x0d, first + 1) > first + 1;
}
