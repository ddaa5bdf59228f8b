// How a followed file (follow.ts) is seen to have been truncated or rotated between two looks.
// Truncated: it is shorter than where we read to, or it was truncated and written again past that point, which
// its size does not show: the bytes just before the read offset (and its first bytes: templated lines can end
// alike, a file rarely starts alike) are kept as they were read, and a change in them gives it away.
// Rotated: the name now names another file (device and inode), or no file at all for now.
import fs from 'node:fs';

/** bytes kept of the file's start and of what is before the read offset */
const PRINT_BYTES = 64;
const EMPTY = Buffer.alloc(0);

/** The bytes of the open file that were read, kept to tell whether it is still the same file at the same place. */
export class FilePrint {
  /** the file's first bytes (at most PRINT_BYTES) */
  private head: Buffer = EMPTY;
  /** the last bytes read before the read offset (at most PRINT_BYTES) */
  private last: Buffer = EMPTY;

  /** Nothing read of the file is remembered (it is read from its start). */
  reset(): void {
    this.head = EMPTY;
    this.last = EMPTY;
  }

  /** A chunk was read at `at`; the read offset is now at its end. */
  noteRead(at: number, chunk: Buffer): void {
    if (at === 0) this.head = Buffer.from(chunk.subarray(0, Math.min(PRINT_BYTES, chunk.length)));
    if (chunk.length >= PRINT_BYTES) this.last = Buffer.from(chunk.subarray(chunk.length - PRINT_BYTES));
    else {
      const both = Buffer.concat([this.last, chunk]);
      this.last = both.subarray(Math.max(0, both.length - PRINT_BYTES));
    }
  }

  /** Reading starts at `offset` (--tail): the bytes before it are noted as if read. */
  async noteSkipped(fh: fs.promises.FileHandle, offset: number): Promise<void> {
    this.head = await bytesAt(fh, 0, Math.min(PRINT_BYTES, offset));
    this.last = await bytesAt(fh, Math.max(0, offset - PRINT_BYTES), Math.min(PRINT_BYTES, offset));
  }

  /** true when the file of `size` bytes was truncated since it was read up to `pos`: it is to be read again from its start. */
  async truncated(fh: fs.promises.FileHandle, size: number, pos: number): Promise<boolean> {
    return size < pos || (size > pos && (await this.rewritten(fh, pos)));
  }

  /** true when the first bytes or those before `pos` are not the ones read there: the file was truncated and written again. */
  private async rewritten(fh: fs.promises.FileHandle, pos: number): Promise<boolean> {
    return (await differs(fh, this.head, 0)) || (await differs(fh, this.last, pos - this.last.length));
  }
}

/** What the path names now, against the open file (dev, ino): the same file, another one (rotated), or none. */
export async function pathNow(name: string, open: { dev: number; ino: number }): Promise<'same' | 'other' | 'gone'> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(name);
  } catch {
    return 'gone';
  }
  return st.ino !== open.ino || st.dev !== open.dev ? 'other' : 'same';
}

async function differs(fh: fs.promises.FileHandle, was: Buffer, at: number): Promise<boolean> {
  if (was.length === 0) return false;
  const now = await bytesAt(fh, at, was.length);
  return now.length !== was.length || !now.equals(was);
}

/** Up to `length` bytes of the file from `at`. */
async function bytesAt(fh: fs.promises.FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, at);
  return buf.subarray(0, bytesRead);
}
