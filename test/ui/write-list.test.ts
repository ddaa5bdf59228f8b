// `w`'s file: report mode's rows with why and next, secrets masked, no escape sequences; real files, real errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { triagePipeline } from './helpers/fixture.js';
import { Pipeline } from '../../src/pipeline.js';
import { defaultListPath, listText, resolveListPath, writeList } from '../../src/ui/write-list.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-write-'));
  dirs.push(d);
  return d;
}

describe('the list written out', () => {
  const groups = triagePipeline().groups();

  it('is the report table: a header, a row per request, why and next under failures', () => {
    const text = listText(groups);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^TIME +LABEL +STAT METHOD +URL +DURATION REQUEST ID$/);
    expect(text).toMatch(/allowlist-suspect +539 +GET +https:\/\/shop\.example\.com\/p\/42 +20\.5s\+ 22222222-aaaa-4bbb-8ccc-000000000539\n {4}why: +no Response details row/);
    expect(text).toMatch(/\n {4}next: Re-run the upstream call/);
    expect(lines.filter((l) => /^\S/.test(l) && !l.startsWith('TIME'))).toHaveLength(groups.length);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('holds no escape sequence or control character, and no secret', () => {
    // a request whose URL and logged error carry escape sequences and an API key
    const p = new Pipeline({});
    const url = 'https://shop.example.com/x\u001b]0;pwned\u0007?api_key=SECRETKEY123&q=\u001b[31mRED';
    p.feed([
      `2024-03-11T19:52:10.000Z dddddddd-aaaa-4bbb-8ccc-00000000000d GET ${url}`,
      `2024-03-11T19:52:10.010Z dddddddd-aaaa-4bbb-8ccc-00000000000d Upstream Request: GET ${url} 503 Service Unavailable in 5ms`,
      '2024-03-11T19:52:10.020Z dddddddd-aaaa-4bbb-8ccc-00000000000d ERROR: \u001b[2Jboom token=SECRETTOKEN456',
    ]);
    p.end();
    const text = listText([...p.groups(), ...groups]);
    expect(text).toMatch(/backend-error .*https:\/\/shop\.example\.com\/x\?api_key=MASKED&q=RED /);
    expect(text).toMatch(/why: +upstream GET https:\/\/shop\.example\.com\/x/);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).not.toMatch(/SECRET/);
  });

  it('writes a new file, refuses to write over one unless told, and overwrites when told', async () => {
    const file = path.join(tmpDir(), 'out.txt');
    expect(await writeList(file, groups.slice(0, 2), false)).toEqual({ written: 2 });
    expect(fs.readFileSync(file, 'utf8')).toBe(listText(groups.slice(0, 2)));
    expect(await writeList(file, groups, false)).toEqual({ exists: true });
    expect(fs.readFileSync(file, 'utf8')).toBe(listText(groups.slice(0, 2)));
    expect(await writeList(file, groups, true)).toEqual({ written: groups.length });
    expect(fs.readFileSync(file, 'utf8')).toBe(listText(groups));
  });

  it('says why it could not write, never throws', async () => {
    const dir = tmpDir();
    expect(await writeList(path.join(dir, 'no/such/dir/out.txt'), groups, false)).toEqual({ error: 'its folder does not exist (ENOENT)' });
    fs.writeFileSync(path.join(dir, 'plain'), 'x');
    expect(await writeList(path.join(dir, 'plain/out.txt'), groups, false)).toEqual({ error: 'a part of its path is not a folder (ENOTDIR)' });
    expect(await writeList(dir, groups, true)).toEqual({ error: 'it is a folder (EISDIR)' });
    // not asked whether to write over a folder: said at once
    expect(await writeList(dir, groups, false)).toEqual({ error: 'it is a folder (EISDIR)' });
  });

  it('a default name with the time, and paths resolved from the working directory or ~', () => {
    expect(defaultListPath(new Date(2024, 2, 11, 9, 5, 7))).toBe('./ssrtail-090507.txt');
    expect(resolveListPath(' ./a.txt ', '/work')).toBe('/work/a.txt');
    expect(resolveListPath('/tmp/b.txt', '/work')).toBe('/tmp/b.txt');
    expect(resolveListPath('~/c.txt', '/work')).toBe(path.join(os.homedir(), 'c.txt'));
  });
});
