// Piped standard input, read to its end.
import type { LineSource, SourceStatus } from '../model.js';
import { LineSplitter } from './lines.js';

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
      for await (const chunk of this.input as AsyncIterable<Buffer | string>) {
        if (this.stopped) break;
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
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
      onStatus({ state: 'error', detail: `stdin: ${(err as Error).message}` });
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
