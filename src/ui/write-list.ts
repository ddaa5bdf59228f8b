// `w`: the list written to a file as report mode's table (rows, then why and what next under each failure).
// No Ink here; the rows come from src/report/ (secrets masked unless --show-secrets, log text cleaned).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RequestGroup } from '../model.js';
import { pushRows, type RowOptions } from '../report/rows.js';
import { tableHeader } from '../report/table.js';
import { sanitize } from '../util/sanitize.js';

const ROWS: RowOptions = { json: false, table: { color: false, width: 0 }, details: true };

/** `./ssrtail-HHMMSS.txt`, the local time of day. */
export function defaultListPath(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `./ssrtail-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}.txt`;
}

/** The typed path made absolute (`~/` is the home directory). */
export function resolveListPath(text: string, cwd = process.cwd()): string {
  const t = text.trim();
  return path.resolve(cwd, t === '~' || t.startsWith('~/') ? path.join(os.homedir(), t.slice(1)) : t);
}

/** The file's text: the table's header, then each request's row with its why and next. */
export function listText(groups: readonly RequestGroup[]): string {
  const out = [tableHeader(ROWS.table)];
  for (const g of groups) pushRows(g, ROWS, out);
  // the rows are cleaned already: once more, so no escape sequence or control character can reach the file
  return out.map(sanitize).join('\n') + '\n';
}

const WHY: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the name is too long',
};

/** Why writing failed, in words (with the error's code). */
export function writeError(e: NodeJS.ErrnoException): string {
  const why = e.code ? WHY[e.code] : undefined;
  return why ? `${why} (${e.code})` : sanitize(e.message);
}

export type WriteOutcome = { written: number } | { exists: true } | { error: string };

/**
 * Writes `groups` to `file`. An existing file is left alone (`exists`) unless `overwrite`: a file made between the
 * question and the answer is not written over either. Never throws.
 */
export async function writeList(file: string, groups: readonly RequestGroup[], overwrite: boolean): Promise<WriteOutcome> {
  try {
    await fs.writeFile(file, listText(groups), { flag: overwrite ? 'w' : 'wx' });
    return { written: groups.length };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'EEXIST') return { error: writeError(err) };
    // a folder is no file to write over: say so now, not after a y
    const dir = await fs.stat(file).then((st) => st.isDirectory(), () => false);
    return dir ? { error: writeError({ ...err, code: 'EISDIR' }) } : { exists: true };
  }
}
