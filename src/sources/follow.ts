// Following a file like `tail -F`: read what is there from the start (triage wants the whole
// story), then keep reading as it grows. A truncated file is read again from the start; a rotated
// file (renamed, a new one created under the name) is read to its last line, then the new file is
// followed from its start; a file that does not exist yet is waited for. A file truncated and rewritten
// past the old end between two looks is caught by the bytes just before the read offset, which change.
// A last line without its newline is held until the newline comes (a writer may flush half a line and the
// rest minutes later), and delivered when the file rotates, is truncated, or the source stops.
// Polling finds changes on every filesystem (NFS, SMB, overlay); fs.watch on the directory only
// wakes the poll early where the OS supports it.
// Here: the LineSource. The reading is follow-reader.ts (FileTail, also a reader of the merge), when the file is
// looked at again follow-wake.ts, how a truncated or rotated file is recognised follow-rotate-truncate.ts.
import type { LineSource, SourceStatus } from '../model.js';
import { FileTail } from './follow-reader.js';
import { StatusEmitter } from './status.js';

export interface FollowOptions {
  /** how often the file is checked without a watch event (ms) */
  pollMs?: number;
  chunkBytes?: number;
  /** use fs.watch to notice changes before the next poll */
  watch?: boolean;
  /** called before the first line of each file generation (opened, created, truncated, rotated) */
  onGeneration?: (g: FileGeneration) => void;
  /** --tail N: the file there at the start is read from its last N lines (`tail -n N -F`); later ones whole */
  tail?: number;
}

export interface FileGeneration {
  dev: number;
  ino: number;
  reason: 'opened' | 'created' | 'truncated' | 'rotated';
}

/** One followed file as a LineSource: never ends on its own (stop() ends it). */
export class FollowSource implements LineSource {
  readonly live = true;
  private tail: FileTail | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly opts: FollowOptions = {},
  ) {}

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    const status = new StatusEmitter(onStatus);
    const tail = (this.tail = new FileTail(this.name, this.opts));
    tail.onStatus = (s) => status.update(s);
    if (this.stopped) tail.close();
    while (!tail.done) {
      const lines = await tail.read();
      if (lines.length) onLines(lines);
      else if (!tail.done && !tail.ready) await tail.wait();
    }
    // stopped: a half-written last line still counts
    const held = tail.takeHeld();
    if (held.length) onLines(held);
    status.flush();
    status.dispose();
  }

  stop(): void {
    this.stopped = true;
    this.tail?.close();
  }
}
