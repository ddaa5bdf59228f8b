// gzip, decoded member by member. Node's own Gunzip handles concatenated members, but when the bytes after a
// member are not another gzip header it fails with "incorrect header check" and drops the output of its last
// call (`cat app.log.1.gz app.log |` lost everything, a .gz with trailing garbage its last ~16 KB). Here each
// member's header is read by hand (RFC 1952), its deflate body inflated raw (a raw inflate stops at the end of
// the deflate data and says how many bytes it used), its trailer checked; what follows the last member is
// either zero bytes (padding, ignored as gzip does) or plain text, passed on as it is.
import zlib from 'node:zlib';

const asBuffer = (c: Buffer | string): Buffer => (typeof c === 'string' ? Buffer.from(c) : c);
const EMPTY = Buffer.alloc(0);

/** what a source's status says when plain text came after the gzip data */
export const PLAIN_AFTER_GZIP = 'plain text followed the gzip data';

export interface GunzipOptions {
  /** called once, before the first plain bytes, when bytes that are not gzip follow the last member */
  onPlainText?: () => void;
}

/** The input as it comes, or decompressed when it starts with gzip's magic bytes (1f 8b): stdin, a pipe given as a file. */
export async function* maybeGunzip(input: AsyncIterable<Buffer | string>, opts: GunzipOptions = {}): AsyncGenerator<Buffer> {
  const src = new Bytes(input);
  // the first read may bring a single byte (a slow pipe): read until two are in
  if (!(await src.fill(2)) || !src.startsWithMagic()) {
    try {
      for (let c = await src.chunk(); c; c = await src.chunk()) yield c;
    } finally {
      src.close();
    }
    return;
  }
  yield* members(src, opts);
}

/** Decompresses input known to be gzip (by name or first bytes): every member, then any plain text after them. */
export function gunzip(input: AsyncIterable<Buffer | string>, opts: GunzipOptions = {}): AsyncGenerator<Buffer> {
  return members(new Bytes(input), opts);
}

/** zlib's own error shape, so callers tell gzip trouble (code Z_...) from a read error */
function zError(message: string, code: 'Z_DATA_ERROR' | 'Z_BUF_ERROR' = 'Z_DATA_ERROR'): Error {
  return Object.assign(new Error(message), { code, errno: code === 'Z_DATA_ERROR' ? zlib.constants.Z_DATA_ERROR : zlib.constants.Z_BUF_ERROR });
}
const truncated = () => zError('unexpected end of file', 'Z_BUF_ERROR');

// zlib.crc32 came in Node 20.15: without it the trailer's length is still checked
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

async function* members(src: Bytes, opts: GunzipOptions): AsyncGenerator<Buffer> {
  try {
    yield* member(src);
    for (;;) {
      // after a member: zero bytes are padding; then another member, the end, or plain text
      await src.skipZeros();
      const two = await src.fill(2);
      if (two && src.startsWithMagic()) {
        yield* member(src);
        continue;
      }
      if (!src.buffered) return;
      // a lone 1f at the end: a member cut after its first byte, not text
      if (!two && src.startsWithMagic(1)) throw truncated();
      opts.onPlainText?.();
      for (let c = await src.chunk(); c; c = await src.chunk()) yield c;
      return;
    }
  } finally {
    src.close();
  }
}

/** One member: header, deflate body (yielded as it inflates), trailer. */
async function* member(src: Bytes): AsyncGenerator<Buffer> {
  await readHeader(src);
  let crc = 0;
  let size = 0;
  for await (const out of inflateRaw(src)) {
    if (crc32) crc = crc32(out, crc);
    size += out.length;
    yield out;
  }
  if (!(await src.fill(8))) throw truncated();
  const trailer = src.take(8);
  if (crc32 && trailer.readUInt32LE(0) !== crc >>> 0) throw zError('incorrect data check');
  if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw zError('incorrect length check');
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

/** Reads past a member's header (10 bytes and the optional fields its flags name), checking what zlib checks. */
async function readHeader(src: Bytes): Promise<void> {
  if (!(await src.fill(10))) {
    if (src.buffered >= 2 && !src.startsWithMagic()) throw zError('incorrect header check');
    throw truncated();
  }
  if (!src.startsWithMagic()) throw zError('incorrect header check');
  const fixed = src.take(10);
  if (fixed[2] !== 8) throw zError('unknown compression method');
  const flags = fixed[3]!;
  if (flags & 0xe0) throw zError('unknown header flags set');
  // the header CRC (FHCRC) covers every header byte before it
  let crc = flags & FHCRC && crc32 ? crc32(fixed) : 0;
  const seen = (b: Buffer) => {
    if (flags & FHCRC && crc32) crc = crc32(b, crc);
  };
  if (flags & FEXTRA) {
    if (!(await src.fill(2))) throw truncated();
    const xlen = src.take(2);
    seen(xlen);
    await src.skip(xlen.readUInt16LE(0), seen);
  }
  if (flags & FNAME) await src.skipPastNul(seen);
  if (flags & FCOMMENT) await src.skipPastNul(seen);
  if (flags & FHCRC) {
    if (!(await src.fill(2))) throw truncated();
    const want = src.take(2).readUInt16LE(0);
    if (crc32 && want !== (crc & 0xffff)) throw zError('header crc mismatch');
  }
}

/**
 * A deflate body, inflated as it streams: input goes in chunk by chunk (each write waits until zlib has taken
 * it, so output is read as it comes and memory stays bounded); a chunk zlib does not use up holds the end of the
 * deflate data, and its unused bytes go back to `src` for the trailer.
 */
async function* inflateRaw(src: Bytes): AsyncGenerator<Buffer> {
  const inf = zlib.createInflateRaw();
  let error: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const kick = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  inf.on('readable', kick);
  inf.on('end', () => {
    ended = true;
    kick();
  });
  // a write whose chunk fails is never called back: the error ends the wait instead
  let writeDone: (() => void) | undefined;
  inf.on('error', (err) => {
    error ??= err;
    writeDone?.();
    kick();
  });
  const written = (c: Buffer) =>
    new Promise<void>((resolve) => {
      writeDone = resolve;
      inf.write(c, () => resolve());
    });
  let stopped = false;
  const pump = (async () => {
    for (;;) {
      const c = await src.chunk();
      if (stopped) return;
      // the input ended: Z_FINISH says "unexpected end of file" unless the deflate data was complete
      if (!c) return void inf.end();
      const before = inf.bytesWritten;
      await written(c);
      if (error || stopped) return;
      const used = inf.bytesWritten - before;
      if (used < c.length) {
        src.unread(c.subarray(used));
        return void inf.end();
      }
    }
  })().catch((err: Error) => {
    // a read error (the file went away): passed on as it is
    error ??= err;
    inf.destroy();
    kick();
  });
  try {
    for (;;) {
      // everything zlib handed over is passed on before an error is reported
      for (let out = inf.read() as Buffer | null; out !== null; out = inf.read() as Buffer | null) yield out;
      if (error) throw error;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    await pump;
    if (error) throw error;
  } finally {
    // also when the reader stopped early: the pump feeds no more
    stopped = true;
    inf.destroy();
  }
}

/** The input's bytes with a cursor: the few a header needs looked at together, the rest passed on as they come. */
class Bytes {
  private buf: Buffer = EMPTY;
  private eof = false;
  private readonly it: AsyncIterator<Buffer | string>;

  constructor(input: AsyncIterable<Buffer | string>) {
    this.it = input[Symbol.asyncIterator]();
  }

  get buffered(): number {
    return this.buf.length;
  }

  /** the buffered bytes start with gzip's magic (its first byte only, when that is all there is to look at) */
  startsWithMagic(bytes = 2): boolean {
    return this.buf[0] === 0x1f && (bytes < 2 || this.buf[1] === 0x8b);
  }

  /** Reads until n bytes are buffered; false when the input ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.buf.length < n) {
      const c = await this.next();
      if (!c) return false;
      this.buf = this.buf.length ? Buffer.concat([this.buf, c]) : c;
    }
    return true;
  }

  /** n buffered bytes (fill first). */
  take(n: number): Buffer {
    const b = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return b;
  }

  /** What is buffered, else the next chunk of input; undefined at its end. */
  async chunk(): Promise<Buffer | undefined> {
    if (this.buf.length) return this.take(this.buf.length);
    return this.next();
  }

  /** Bytes read too far, put back in front. */
  unread(b: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([b, this.buf]) : b;
  }

  /** Skips n bytes (a header's extra field), chunk by chunk. */
  async skip(n: number, seen: (b: Buffer) => void): Promise<void> {
    while (n > 0) {
      const c = await this.chunk();
      if (!c) throw truncated();
      const part = c.subarray(0, n);
      seen(part);
      n -= part.length;
      if (part.length < c.length) this.unread(c.subarray(part.length));
    }
  }

  /** Skips a zero-terminated header field (file name, comment), however long, without holding it. */
  async skipPastNul(seen: (b: Buffer) => void): Promise<void> {
    for (;;) {
      const c = await this.chunk();
      if (!c) throw truncated();
      const nul = c.indexOf(0);
      if (nul === -1) {
        seen(c);
        continue;
      }
      seen(c.subarray(0, nul + 1));
      if (nul + 1 < c.length) this.unread(c.subarray(nul + 1));
      return;
    }
  }

  /** Skips zero bytes (padding after a member). */
  async skipZeros(): Promise<void> {
    for (;;) {
      const c = await this.chunk();
      if (!c) return;
      let i = 0;
      while (i < c.length && c[i] === 0) i++;
      if (i < c.length) return this.unread(c.subarray(i));
    }
  }

  close(): void {
    // a reader stopped early: let the input go (a file stream closes its descriptor)
    if (!this.eof) this.it.return?.().catch(() => {});
  }

  private async next(): Promise<Buffer | undefined> {
    if (this.eof) return undefined;
    const r = await this.it.next();
    if (r.done) {
      this.eof = true;
      return undefined;
    }
    return asBuffer(r.value);
  }
}
