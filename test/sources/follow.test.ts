import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FollowSource, type FileGeneration } from '../../src/sources/follow.js';
import { collect, numbered, tempDir, waitFor } from './helpers.js';

const running: FollowSource[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.stop();
});

function follow(file: string, opts: ConstructorParameters<typeof FollowSource>[1] = {}) {
  const src = new FollowSource(file, { pollMs: 50, ...opts });
  running.push(src);
  return { src, c: collect(src) };
}

describe('FollowSource (tail -F)', () => {
  it('reads the existing content from the start, then lines as they are appended', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('old ', 1, 3).join('\n') + '\n');
    const { c } = follow(file);
    await waitFor(() => c.lines.length === 3, 'the existing lines');
    await waitFor(() => c.status?.state === 'live', 'live state');
    fs.appendFileSync(file, 'new 1\nnew 2\n');
    await waitFor(() => c.lines.length === 5, 'appended lines');
    expect(c.lines).toEqual(['old 1', 'old 2', 'old 3', 'new 1', 'new 2']);
    expect(c.ended).toBe(false);
  });

  it('holds a half-written line until its newline comes, however long that takes', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'first\n');
    const { c } = follow(file);
    await waitFor(() => c.lines.length === 1, 'first line');
    fs.appendFileSync(file, '09:00:00.000 part00000001 Request details: GET https://shop.exa');
    await waitFor(() => c.statuses.some((s) => /no newline yet/.test(s.detail ?? '')), 'the held line to be shown in the status');
    // longer than any timer a reader might flush a partial line on: a block-buffered writer is that slow
    await new Promise((r) => setTimeout(r, 1500));
    expect(c.lines).toEqual(['first']);
    fs.appendFileSync(file, 'mple.com/p/1\n');
    await waitFor(() => c.lines.length === 2, 'the completed line');
    expect(c.lines[1]).toBe('09:00:00.000 part00000001 Request details: GET https://shop.example.com/p/1');
    await waitFor(() => c.status?.detail === 'following', 'the status back to following');
  });

  it('keeps what happened to the file (truncated) in the status after a held line completes', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'first line of the old file\n');
    const { c } = follow(file);
    await waitFor(() => c.lines.length === 1, 'first line');
    fs.truncateSync(file, 0);
    fs.writeFileSync(file, 'x\n');
    await waitFor(() => /truncated/.test(c.status?.detail ?? ''), 'the truncation in the status');
    fs.appendFileSync(file, 'half a line');
    await waitFor(() => /no newline yet/.test(c.status?.detail ?? ''), 'the held line');
    fs.appendFileSync(file, '\n');
    await waitFor(() => c.lines.includes('half a line'), 'the completed line');
    await waitFor(() => /truncated/.test(c.status?.detail ?? ''), 'the truncation in the status again');
  });

  it('delivers a last line without newline when the source stops', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'a\nno newline at the end');
    const { src, c } = follow(file);
    await waitFor(() => c.lines.length === 1 && /no newline yet/.test(c.status?.detail ?? ''), 'the first line and the held one');
    src.stop();
    await c.done;
    expect(c.lines).toEqual(['a', 'no newline at the end']);
  });

  it('reads a file truncated and rewritten past the old end between two looks again from the start', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('old line ', 1, 5).join('\n') + '\n');
    const gens: FileGeneration[] = [];
    const { c } = follow(file, { onGeneration: (g) => gens.push(g) });
    await waitFor(() => c.lines.length === 5 && c.status?.state === 'live', 'the first content');
    // `cat new > app.log`: the size never looks smaller than what was read
    const fresh = numbered('new line ', 1, 30);
    fs.writeFileSync(file, fresh.join('\n') + '\n');
    await waitFor(() => c.lines.length === 35, 'every new line');
    expect(c.lines.slice(5)).toEqual(fresh);
    expect(gens.map((g) => g.reason)).toEqual(['opened', 'truncated']);
  });

  it('also when the new content ends alike where the old one ended (templated lines)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    const row = (p: string, i: number) => `09:00:00.000 ${p}${String(i).padStart(8, '0')} Response details: GET https://shop.example.com/p/${i} 200 OK`;
    const old = Array.from({ length: 5 }, (_, i) => row('old', i));
    fs.writeFileSync(file, old.join('\n') + '\n');
    const { c } = follow(file);
    await waitFor(() => c.lines.length === 5 && c.status?.state === 'live', 'the first content');
    // line 5 of the new file has the same last 64 bytes as line 5 of the old one, at the same offset
    const fresh = Array.from({ length: 30 }, (_, i) => row('new', i));
    fs.writeFileSync(file, fresh.join('\n') + '\n');
    await waitFor(() => c.lines.length === 35, 'every new line');
    expect(c.lines.slice(5)).toEqual(fresh);
  });

  it('reads a truncated file again from the start', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, numbered('before ', 1, 20).join('\n') + '\n');
    const gens: FileGeneration[] = [];
    const { c } = follow(file, { onGeneration: (g) => gens.push(g) });
    await waitFor(() => c.lines.length === 20, 'the first content');
    fs.truncateSync(file, 0);
    // shorter than before, so the size shrinks and the truncation is seen
    await waitFor(() => gens.length === 2, 'the truncation to be noticed');
    fs.appendFileSync(file, 'after 1\nafter 2\n');
    await waitFor(() => c.lines.length === 22, 'lines after truncation');
    expect(c.lines.slice(20)).toEqual(['after 1', 'after 2']);
    expect(gens.map((g) => g.reason)).toEqual(['opened', 'truncated']);
    expect(c.statuses.some((s) => /truncated/.test(s.detail ?? ''))).toBe(true);
  });

  it('follows a rotated file to the new one after reading the old one to its last line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'one 1\none 2\n');
    const gens: FileGeneration[] = [];
    const { c } = follow(file, { onGeneration: (g) => gens.push(g) });
    await waitFor(() => c.lines.length === 2, 'first file');
    // the writer still has the old file open: what it writes after the rename must not be lost
    const fd = fs.openSync(file, 'a');
    fs.renameSync(file, path.join(dir, 'app.log.1'));
    fs.writeSync(fd, 'one 3 (after rename)\n');
    fs.closeSync(fd);
    fs.writeFileSync(file, 'two 1\ntwo 2\n');
    await waitFor(() => c.lines.length === 5, 'the new file');
    expect(c.lines).toEqual(['one 1', 'one 2', 'one 3 (after rename)', 'two 1', 'two 2']);
    expect(gens.map((g) => g.reason)).toEqual(['opened', 'rotated']);
    expect(gens[0]!.ino).not.toBe(gens[1]!.ino);
    fs.appendFileSync(file, 'two 3\n');
    await waitFor(() => c.lines.length === 6, 'appends to the new file');
    expect(c.lines[5]).toBe('two 3');
  });

  it('waits for a file that does not exist yet, and says so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'later.log');
    const { c } = follow(file);
    await waitFor(() => c.status?.state === 'connecting', 'a waiting status');
    expect(c.status!.detail).toBe('waiting for the file to appear');
    fs.writeFileSync(file, 'hello\n');
    await waitFor(() => c.lines.length === 1, 'the line once the file exists');
    expect(c.lines).toEqual(['hello']);
  });

  it('works by polling alone (no fs.watch, as on a network filesystem), removal and re-creation included', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nfs.log');
    fs.writeFileSync(file, 'a\n');
    const { c } = follow(file, { watch: false, pollMs: 30 });
    await waitFor(() => c.lines.length === 1, 'first line');
    fs.unlinkSync(file);
    await waitFor(() => c.statuses.some((s) => /removed or renamed/.test(s.detail ?? '')), 'the removal to be noticed');
    fs.writeFileSync(file, 'b\n');
    await waitFor(() => c.lines.length === 2, 'the re-created file');
    expect(c.lines).toEqual(['a', 'b']);
    // removed, then a new file: it says so, not "rotated"
    expect(c.status?.detail).toBe('a new file appeared under that name: following it');
  });

  it('a name gone for a while and back on the same file (renamed back, a failed stat on NFS) is followed on, and said so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'a\n');
    const gens: FileGeneration[] = [];
    const { c } = follow(file, { watch: false, pollMs: 30, onGeneration: (g) => gens.push(g) });
    await waitFor(() => c.lines.length === 1, 'first line');
    fs.renameSync(file, path.join(dir, 'app.log.tmp'));
    await waitFor(() => /removed or renamed/.test(c.status?.detail ?? ''), 'the removal to be noticed');
    fs.renameSync(path.join(dir, 'app.log.tmp'), file);
    fs.appendFileSync(file, 'b\n');
    await waitFor(() => c.lines.length === 2, 'the line written after it came back');
    // it stayed "removed or renamed: waiting for a new file under that name" while following it
    await waitFor(() => c.status?.detail === 'back under its name: following it', 'the status to say it is back');
    // and a later rotation is one, not "a new file appeared"
    fs.renameSync(file, path.join(dir, 'app.log.1'));
    fs.writeFileSync(file, 'c\n');
    await waitFor(() => c.lines.length === 3, 'the rotated file');
    expect(gens.map((g) => g.reason)).toEqual(['opened', 'rotated']);
  });

  it('a directory is an error and ends the source', async () => {
    const dir = tempDir();
    const { c } = follow(dir);
    await c.done;
    expect(c.status?.state).toBe('error');
    expect(c.status?.detail).toMatch(/is a directory/);
  });

  it('stop() ends it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'x\n');
    const { src, c } = follow(file);
    await waitFor(() => c.lines.length === 1, 'the line');
    src.stop();
    await c.done;
    expect(c.ended).toBe(true);
  });

  it('reads a big file in bounded chunks, every line once and in order', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.log');
    const lines = numbered('line number ', 1, 60_000);
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
    const { c } = follow(file, { chunkBytes: 64 << 10 });
    await waitFor(() => c.lines.length >= 60_000, 'all lines', 15_000);
    expect(c.lines).toEqual(lines);
    expect(c.batches.length).toBeGreaterThan(5);
  }, 20_000);
});
