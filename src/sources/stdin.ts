// Piped standard input, read to its end. gzip (`cat app.log.gz | ssrtail`) is known by its first bytes.
import zlib from 'node:zlib';
import type { LineSource, SourceStatus } from '../model.js';
import { LineSplitter } from './lines.js';

const asBuffer = (c: Buffer | string): Buffer => (typeof c === 'string' ? Buffer.from(c) : c);

/** The input as it comes, or decompressed when it starts with gzip's magic bytes. */
async function* maybeGunzip(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = asBuffer(first.value);
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
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

export class StdinSource implements LineSource {
  readonly name = 'stdin';
  readonly live = true;
  private stopped = false;
  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {}

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    const splitter = new LineSplitter();
    let bytesRead = 0;
    onStatus({ state: 'live', bytesRead });
    try {
      for await (const buf of maybeGunzip(this.input as AsyncIterable<Buffer | string>)) {
        if (this.stopped) break;
        bytesRead += buf.length;
        const lines = splitter.push(buf);
        if (lines.length) onLines(lines);
      }
      const last = splitter.flush();
      if (last.length) onLines(last);
      onStatus({ state: 'ended', bytesRead });
    } catch (err) {
      const last = splitter.flush();
      if (last.length) onLines(last);
      const e = err as NodeJS.ErrnoException;
      const why = e.code?.startsWith('Z_') ? `starts like gzip but does not decompress (${e.message})` : e.message;
      onStatus({ state: 'error', detail: `stdin: ${why}` });
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
