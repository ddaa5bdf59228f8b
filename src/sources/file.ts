// A whole file (or .gz), read once from start to end in large chunks.
import fs from 'node:fs';
import type { LineSource, SourceStatus } from '../model.js';
import { joinNotes, LineSplitter } from './lines.js';
import { sniffInput } from './sniff.js';
import { gunzip, maybeGunzip, PLAIN_AFTER_GZIP } from './gzip.js';
import { tailNote, tailStartOf } from './tail.js';

const CHUNK = 1 << 20;
/** the first read is small: the TUI's first screen needs a few hundred lines, not a megabyte of them */
const FIRST_CHUNK = 64 << 10;

export class FileSource implements LineSource {
  /** a pipe given as a file (a FIFO, `<(kubectl logs -f …)`, /dev/stdin) keeps coming like stdin: it is live */
  readonly live: boolean;
  private stopped = false;
  /** @param tail --tail N: only the last N lines of a regular, uncompressed file (the CLI refuses it for others) */
  constructor(
    readonly name: string,
    private readonly tail?: number,
  ) {
    this.live = isStream(name);
  }

  async start(onLines: (lines: string[]) => void, onStatus: (s: SourceStatus) => void): Promise<void> {
    // lines cut at the limit, or not UTF-8: said with the other notes
    const splitter = new LineSplitter();
    let bytesTotal = 0;
    // a pipe given as a file (`<(kubectl logs …)`, a FIFO, /dev/stdin) cannot seek: read it as a stream
    let seekable = true;
    try {
      const st = fs.statSync(this.name);
      bytesTotal = st.size;
      seekable = st.isFile();
    } catch (err) {
      onStatus({ state: 'error', detail: describeFsError(err, this.name) });
      return;
    }
    let bytesRead = 0;
    // plain text after the gzip data (`cat app.log.1.gz app.log > mixed.gz`) is read as lines, and said
    let note: string | undefined;
    // a pipe has no size to show progress against: it says 'live', and again only when there is news
    const detail = () => joinNotes(note, splitter.note());
    const loading = (): SourceStatus =>
      seekable ? { state: 'loading', bytesRead, bytesTotal, detail: detail() } : { state: 'live', bytesRead, detail: detail() };
    let said: string | undefined;
    const progress = () => {
      if (!seekable && said === detail()) return;
      said = detail();
      onStatus(loading());
    };
    const onPlainText = () => {
      note = PLAIN_AFTER_GZIP;
      progress();
    };
    // not UTF-8 text (UTF-16, binary): said once, from the first bytes read (decompressed)
    let sniffed = false;
    let notRead = false;
    const sniff = (first: Buffer) => {
      if (sniffed) return;
      sniffed = true;
      const said = sniffInput(first, splitter);
      notRead = said.notRead;
      if (said.hint) {
        note = said.hint;
        progress();
      }
    };
    onStatus(loading());
    try {
      const gz = isGzip(this.name);
      let start = 0;
      if (this.tail !== undefined && !gz && seekable) {
        const t = await tailStartOf(this.name, this.tail);
        start = bytesRead = t.offset;
        note = tailNote(t);
        progress();
      }
      if (!gz && seekable && bytesTotal - start > FIRST_CHUNK) {
        const head = await readHead(this.name, FIRST_CHUNK, start);
        start = bytesRead = start + head.length;
        sniff(head);
        const lines = splitter.push(head);
        if (lines.length) onLines(lines);
        progress();
      }
      const raw = fs.createReadStream(this.name, seekable ? { highWaterMark: CHUNK, start } : { highWaterMark: CHUNK });
      // a pipe cannot be looked at before it is read: gzip is told by its first bytes as they come
      const stream = gz ? gunzip(raw, { onPlainText }) : seekable ? raw : maybeGunzip(raw, { onPlainText });
      raw.on('data', (c) => (bytesRead += c.length));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (this.stopped) break;
        sniff(chunk);
        const lines = splitter.push(chunk);
        if (lines.length) onLines(lines);
        progress();
      }
      const last = splitter.flush();
      if (last.length) onLines(last);
      const end: SourceStatus = seekable ? { state: 'ended', bytesRead: bytesTotal, bytesTotal, detail: detail() } : { state: 'ended', bytesRead, detail: detail() };
      onStatus(notRead ? { ...end, notRead } : end);
    } catch (err) {
      const last = splitter.flush();
      if (last.length) onLines(last);
      onStatus({ state: 'error', detail: describeFsError(err, this.name) });
    }
  }

  stop(): void {
    this.stopped = true;
  }
}

async function readHead(path: string, bytes: number, position: number): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** What the path names, or undefined when there is nothing there (or it cannot be looked at). */
export function statOf(path: string): fs.Stats | undefined {
  try {
    return fs.statSync(path);
  } catch {
    return undefined;
  }
}

/** A path that names a pipe or a device (read as a stream, to its end), not a regular file or a directory. */
export function isStream(path: string): boolean {
  const st = statOf(path);
  return st !== undefined && !st.isFile() && !st.isDirectory();
}

/** gzip: by its name (`.gz`, any case), or by its first two bytes (1f 8b) when it is a regular file. */
export function isGzip(path: string): boolean {
  if (/\.gz$/i.test(path)) return true;
  let fd: number | undefined;
  try {
    if (!fs.statSync(path).isFile()) return false;
    fd = fs.openSync(path, 'r');
    const magic = Buffer.alloc(2);
    return fs.readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function describeFsError(err: unknown, name: string): string {
  const e = err as NodeJS.ErrnoException;
  // `ssrtail "$LOG"` with $LOG unset: a bare ': no such file' says nothing
  const path = name === '' ? "'' (an empty file name: a variable not set?)" : name;
  switch (e?.code) {
    case 'ENOENT':
      return `${path}: no such file`;
    case 'EACCES':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path}: is a directory`;
    case 'Z_DATA_ERROR':
      return `${path}: not a valid gzip file (${e.message})`;
    case 'Z_BUF_ERROR':
      // its lines up to the cut were read and are in the output: the file is partly read, not unread
      return `${path}: gzip data cut short (${e.message}): read up to the cut`;
    default:
      return `${path}: ${e?.message ?? String(err)}`;
  }
}

/** Checks up front that a file can be opened, so the CLI can exit 2 with one clear line. */
export function checkReadable(path: string): string | undefined {
  try {
    const st = fs.statSync(path);
    if (st.isDirectory()) return `${path}: is a directory`;
    // a pipe is only checked, not opened: opening blocks until a writer comes, and closing it again would
    // leave the writer with no reader (SIGPIPE)
    if (!st.isFile()) fs.accessSync(path, fs.constants.R_OK);
    else fs.closeSync(fs.openSync(path, 'r'));
    return undefined;
  } catch (err) {
    return describeFsError(err, path);
  }
}
