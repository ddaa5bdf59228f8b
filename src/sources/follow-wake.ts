// When a followed file is looked at again (follow.ts): every pollMs, since polling finds changes on every
// filesystem (NFS, SMB, overlay); fs.watch on the file's directory only wakes the reader early where the
// OS supports it.
import fs from 'node:fs';
import path from 'node:path';

export class FileWake {
  /** there may be something to read: set by each wake, cleared by the reader when it found nothing */
  ready = true;
  private timer: NodeJS.Timeout | undefined;
  private watcher: fs.FSWatcher | undefined;
  private waiter: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    private readonly file: string,
    private readonly o: { pollMs: number; watch: boolean },
  ) {}

  /** Starts the polling and the watch (once). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.o.pollMs);
    if (!this.o.watch) return;
    const base = path.basename(this.file);
    try {
      this.watcher = fs.watch(path.dirname(path.resolve(this.file)), { persistent: false }, (_ev, f) => {
        if (!f || f.toString() === base) this.wake();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // no watch support here (or no directory yet): polling alone does the job
    }
  }

  /** Resolves at the next wake. */
  wait(): Promise<void> {
    if (!this.waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiter = { promise, resolve };
    }
    return this.waiter.promise;
  }

  wake(): void {
    this.ready = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  /** No more polling or watching; a waiting reader is woken (to see that it is closed). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    this.wake();
  }
}
