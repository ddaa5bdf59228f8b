// A hint when a log is not UTF-8 text, told by its first bytes: every line of it would only read as unparsed.

const UTF16 = 'looks like UTF-16 text, which is not read: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)';
const BINARY = 'looks like a binary file, not a text log: its lines are kept as unparsed';
const CR_ONLY = "ends its lines with a carriage return alone (classic Mac), so it reads as one line: convert it first (tr '\\r' '\\n' < FILE > FILE.lf)";
const ZEROS = 'starts with zero bytes (as a log truncated under its writer leaves it: logrotate copytruncate): they are skipped';

/**
 * What an input's first bytes say of it, for the three readers (file.ts, reader.ts, stdin.ts): `hint` to say, and
 * `notRead` when nothing in it is read (UTF-16, compressed other than gzip: report mode exits 2). The splitter is told
 * when the input is no text at all (UTF-16, compressed, binary): its lines not being UTF-8 is then no news.
 */
export function sniffInput(first: Buffer, splitter: { notText: boolean }): { hint?: string; notRead: boolean } {
  const hint = encodingHint(first);
  splitter.notText = hint !== undefined && hint !== CR_ONLY && hint !== ZEROS;
  return { hint, notRead: hint === UTF16 || (hint !== undefined && hint.startsWith(PACKED_HEAD)) };
}

const PACKED_HEAD = 'is compressed with ';

/** Compressed files other than gzip (which is read): their magic bytes, and the command that decompresses them. */
const PACKED: { magic: (number | number[])[]; name: string; cat: string }[] = [
  // 'BZh', the block size '1'-'9', then a block's or the stream end's magic (so a text line starting 'BZh' is text)
  { magic: [0x42, 0x5a, 0x68, [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39], [0x31, 0x17], [0x41, 0x72], [0x59, 0x45], [0x26, 0x38], [0x53, 0x50], [0x59, 0x90]], name: 'bzip2', cat: 'bzcat FILE' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz', cat: 'xzcat FILE' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd', cat: 'zstdcat FILE' },
  { magic: [0x04, 0x22, 0x4d, 0x18], name: 'lz4', cat: 'lz4cat FILE' },
  { magic: [0x50, 0x4b, 0x03, 0x04], name: 'zip', cat: 'unzip -p FILE' },
];

/** A bzip2/xz/zstd/lz4/zip file, by its first bytes: what it is and how to read it, else undefined. */
function packedHint(head: Buffer): string | undefined {
  const p = PACKED.find((k) => head.length > k.magic.length && k.magic.every((b, i) => (typeof b === 'number' ? head[i] === b : b.includes(head[i]!))));
  return p && `${PACKED_HEAD}${p.name}, which is not read (only gzip is): decompress it first (${p.cat} | ssrtail)`;
}

/** UTF-16 (a byte order mark, or ASCII with every other byte NUL), compressed, binary (NUL bytes), or undefined for text. */
export function encodingHint(head: Buffer): string | undefined {
  if (head.length < 2) return undefined;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return UTF16;
  const packed = packedHint(head);
  if (packed) return packed;
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
