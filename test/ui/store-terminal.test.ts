import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import type { LineSource, SourceStatus } from '../../src/model.js';
import { TuiStore } from '../../src/ui/store.js';
import { absoluteFrame, frameStream, Frames, openKeyboard } from '../../src/ui/terminal.js';

/** A source fed by the test, ending when told to. */
function manualSource(): LineSource & { push: (l: string[]) => void; finish: () => void } {
  let onLines: (l: string[]) => void = () => {};
  let done: () => void = () => {};
  return {
    name: 'manual',
    live: true,
    start(lines: (l: string[]) => void, status: (s: SourceStatus) => void) {
      onLines = lines;
      status({ state: 'live' });
      return new Promise<void>((r) => (done = r));
    },
    stop() {},
    push: (l) => onLines(l),
    finish: () => done(),
  };
}

const line = (i: number) => `2024-03-11T19:52:${String(i % 60).padStart(2, '0')}.000Z abcdefgh-${String(i).padStart(4, '0')} GET https://shop.example.com/${i}`;

describe('TuiStore', () => {
  it('buffers while paused, feeds on resume, and ends the pipeline only after the buffer is fed', async () => {
    const src = manualSource();
    const store = new TuiStore(new Pipeline({ live: true }), [src]);
    let changes = 0;
    store.subscribe(() => changes++);
    const started = store.start(0);
    src.push([line(1)]);
    store.setPaused(true);
    src.push([line(2), line(3)]);
    expect(store.buffered).toBe(2);
    expect(store.pipeline.stats.lines).toBe(1);
    src.finish();
    await started;
    expect(store.isEnded).toBe(false); // the buffered lines are not decided yet
    store.setPaused(false);
    expect(store.buffered).toBe(0);
    expect(store.pipeline.stats.lines).toBe(3);
    expect(store.isEnded).toBe(true);
    expect(store.pipeline.groups().every((g) => g.label !== 'pending')).toBe(true);
    expect(changes).toBeGreaterThan(3);
  });

  it('resumes by itself when the pause buffer is full: no line is dropped', async () => {
    const src = manualSource();
    const store = new TuiStore(new Pipeline({ live: true }), [src], 5);
    void store.start(0);
    store.setPaused(true);
    src.push([line(1), line(2), line(3)]);
    expect(store.isPaused).toBe(true);
    src.push([line(4), line(5), line(6)]);
    expect(store.isPaused).toBe(false);
    expect(store.notice).toMatch(/pause buffer full \(5 lines\): resumed/);
    expect(store.pipeline.stats.lines).toBe(6);
    src.finish();
  });

  it('keeps each source status', async () => {
    const src = manualSource();
    const store = new TuiStore(new Pipeline({ live: true }), [src]);
    expect(store.sourceViews[0]!.status.state).toBe('connecting');
    void store.start(0);
    expect(store.sourceViews[0]!.status.state).toBe('live');
    store.status(0, { state: 'retrying', detail: 'retrying in 4s' });
    expect(store.sourceViews[0]!.status.detail).toBe('retrying in 4s');
    src.finish();
  });
});

describe('terminal', () => {
  it('draws frames from the top-left corner instead of erasing lines upwards', () => {
    const erase = '\u001b[2K\u001b[1A\u001b[2K\u001b[1A\u001b[2K\u001b[G';
    expect(absoluteFrame(`${erase}line one\nline two\n`)).toBe('\u001b[Hline one\u001b[K\nline two\u001b[K\n\u001b[K\u001b[J');
    // other writes pass untouched
    expect(absoluteFrame('\u001b]52;c;aGk=\u0007')).toBe('\u001b]52;c;aGk=\u0007');
    expect(absoluteFrame('plain')).toBe('plain');
  });

  it('keeps the last frame, and writes nothing while held (suspended)', () => {
    const written: string[] = [];
    const out = { write: (s: string) => written.push(s) > 0, columns: 100 } as unknown as NodeJS.WriteStream;
    const frames = new Frames();
    const ink = frameStream(out, frames);
    ink.write('\u001b[?25l');
    ink.write('first\nframe\n');
    expect(frames.last).toBe('first\nframe\n');
    frames.held = true;
    let called = false;
    ink.write('\u001b[2K\u001b[1A\u001b[2K\u001b[Gsecond\n', () => (called = true));
    expect(called).toBe(true);
    expect(written).toEqual(['\u001b[?25l', 'first\nframe\n']);
    expect(frames.last).toBe('\u001b[Hsecond\u001b[K\n\u001b[K\u001b[J');
    expect(ink.columns).toBe(100);
  });

  it('says in one line why keys cannot be read', () => {
    const notTty = { isTTY: false } as NodeJS.ReadStream;
    const k = openKeyboard(notTty, path.join(os.tmpdir(), 'no-such-tty-' + process.pid));
    expect('error' in k && k.error).toMatch(/^no terminal to read keys from \(.*: ENOENT\)$/);
    const file = path.join(os.tmpdir(), `ssrtail-not-a-tty-${process.pid}`);
    fs.writeFileSync(file, '');
    try {
      const k2 = openKeyboard(notTty, file);
      expect('error' in k2 && k2.error).toMatch(/is not a terminal/);
    } finally {
      fs.unlinkSync(file);
    }
    const tty = { isTTY: true } as NodeJS.ReadStream;
    const k3 = openKeyboard(tty);
    expect('stdin' in k3 && k3.stdin).toBe(tty);
  });
});
