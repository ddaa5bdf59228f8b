// `--tail N`: where the last N lines of a file begin, found by reading back from its end in blocks (never the
// whole file), so `ssrtail -f --tail 2000 big.log` opens at once on a file of gigabytes. Like `tail -n N`, a last
// line without its newline counts as a line, and the window starts right after a newline: never in half a line.
import fs from 'node:fs';

const BLOCK = 64 << 10;
const NL = 0x0a;

export interface TailStart {
  /** byte offset of the window's first line (0: the file holds N lines or fewer) */
  offset: number;
  /** the file's size when it was looked at */
  size: number;
  /** N */
  lines: number;
  /** the mean line length seen (the window and the file's first block), to estimate the window's line number */
  perLine?: number;
}

/** The byte offset of the last `n` lines of an open regular file (its size for n = 0). */
export async function tailStart(fh: fs.promises.FileHandle, n: number, blockBytes = BLOCK): Promise<TailStart> {
  const size = (await fh.stat()).size;
  if (n <= 0 || size === 0) return { offset: n <= 0 ? size : 0, size, lines: n };
  const buf = Buffer.allocUnsafe(Math.min(blockBytes, size));
  let end = size;
  let found = 0;
  while (end > 0) {
    const start = Math.max(0, end - buf.length);
    const { bytesRead } = await fh.read(buf, 0, end - start, start);
    if (bytesRead < end - start) break; // the file shrank meanwhile: read it from the start
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== NL) continue;
      // the newline that ends the last line starts no window: the last line is the one before it
      if (start + i === size - 1) continue;
      if (++found === n) {
        const offset = start + i + 1;
        return { offset, size, lines: n, perLine: await meanLine(fh, buf, offset, size - offset, n) };
      }
    }
    end = start;
  }
  return { offset: 0, size, lines: n };
}

/** Bytes per line over the window and the file's first block: logs of one kind are alike, and the two ends say more than one. */
async function meanLine(fh: fs.promises.FileHandle, buf: Buffer, before: number, bytes: number, lines: number): Promise<number> {
  const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, before), 0);
  let n = 0;
  for (let i = buf.indexOf(NL); i !== -1 && i < bytesRead; i = buf.indexOf(NL, i + 1)) n++;
  const last = n > 0 ? buf.lastIndexOf(NL, bytesRead - 1) + 1 : 0;
  return (bytes + last) / (lines + n);
}

/** The last `n` lines' offset of the file at `path` (see tailStart). */
export async function tailStartOf(path: string, n: number): Promise<TailStart> {
  const fh = await fs.promises.open(path, 'r');
  try {
    return await tailStart(fh, n);
  } finally {
    await fh.close();
  }
}

/**
 * What the status says when the window begins mid-file: requests whose first lines are before it are partial.
 * The line number is estimated from the window's mean line length (counting them would read the whole file).
 */
export function tailNote(t: TailStart): string | undefined {
  if (t.offset === 0) return undefined;
  if (t.lines === 0) return `--tail 0: began at the end (byte ${t.offset.toLocaleString('en-US')}): only new lines are read`;
  const perLine = t.perLine ?? (t.size - t.offset) / t.lines;
  const before = Math.max(1, Math.round(t.offset / perLine));
  return `--tail ${t.lines}: began mid-file at line ~${(before + 1).toLocaleString('en-US')} (byte ${t.offset.toLocaleString('en-US')}): requests already under way there are partial`;
}
