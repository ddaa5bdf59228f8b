// gzip on a stream that cannot be looked at first (stdin, a pipe given as a file): known by its first two bytes.
import zlib from 'node:zlib';

const asBuffer = (c: Buffer | string): Buffer => (typeof c === 'string' ? Buffer.from(c) : c);

/** The input as it comes, or decompressed when it starts with gzip's magic bytes (1f 8b). */
export async function* maybeGunzip(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  // the first read may bring a single byte (a slow pipe): read until two are in
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 2) {
    const n = await it.next();
    if (n.done) {
      if (head.length) yield head;
      return;
    }
    head = head.length ? Buffer.concat([head, asBuffer(n.value)]) : asBuffer(n.value);
  }
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield head;
    for (let n = await it.next(); !n.done; n = await it.next()) yield asBuffer(n.value);
    return;
  }
  const gunzip = zlib.createGunzip();
  const pump = async () => {
    try {
      gunzip.write(head);
      for (let n = await it.next(); !n.done; n = await it.next()) {
        if (gunzip.destroyed) return;
        if (!gunzip.write(asBuffer(n.value))) await new Promise((r) => gunzip.once('drain', r));
      }
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  };
  void pump();
  for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
}
