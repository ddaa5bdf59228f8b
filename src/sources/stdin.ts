// Piped standard input, read to its end. gzip (`cat app.log.gz | ssrtail`) is known by its first bytes.
import type { LineSource, SourceStatus } from '../model.js';
import { maybeGunzip, PLAIN_AFTER_GZIP } from './gzip.js';
import { joinNotes, LineSplitter } from './lines.js';
import { sniffInput } from './sniff.js';
import { describeFsError } from './file.js';

export class StdinSource implements LineSource {
  readonly name = 'stdin';
  readonly live = true;
  private stopped = false;
  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {}

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    let bytesRead = 0;
    onStatus({ state: 'live', bytesRead });
    // `cat app.log.1.gz app.log |`: the plain text after the gzip data is read as lines, and said once
    let note: string | undefined;
    let notRead = false;
    // a line cut at the limit, or not UTF-8: said at once, with the other note
    const splitter: LineSplitter = new LineSplitter(undefined, () => onStatus({ state: 'live', bytesRead, detail: joinNotes(note, splitter.note()) }));
    const onPlainText = () => {
      note = PLAIN_AFTER_GZIP;
      onStatus({ state: 'live', bytesRead, detail: note });
    };
    try {
      for await (const buf of maybeGunzip(this.input as AsyncIterable<Buffer | string>, { onPlainText })) {
        if (this.stopped) break;
        if (bytesRead === 0) {
          // not UTF-8 text (UTF-16, binary): said once, from the first bytes
          const said = sniffInput(buf, splitter);
          notRead = said.notRead;
          if (said.hint) onStatus({ state: 'live', bytesRead, detail: (note = said.hint) });
        }
        bytesRead += buf.length;
        const lines = splitter.push(buf);
        if (lines.length) onLines(lines);
      }
      const last = splitter.flush();
      if (last.length) onLines(last);
      onStatus({ state: 'ended', bytesRead, detail: joinNotes(note, splitter.note()), ...(notRead ? { notRead } : {}) });
    } catch (err) {
      const last = splitter.flush();
      if (last.length) onLines(last);
      if (this.stopped) {
        // stop() closed the pipe under the reader: that is the end asked for, not an error
        onStatus({ state: 'ended', bytesRead });
        return;
      }
      const e = err as NodeJS.ErrnoException;
      const why = e.code?.startsWith('Z_') ? `starts like gzip but does not decompress (${e.message})` : e.message;
      onStatus({ state: 'error', detail: e.code === 'Z_BUF_ERROR' ? describeFsError(e, 'stdin') : `stdin: ${why}` });
    }
  }

  stop(): void {
    this.stopped = true;
    // a reader waiting for the next chunk would wait until the writer closes the pipe (SIGTERM from `timeout`
    // while `kubectl logs -f` goes on): close it from this end
    (this.input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}
