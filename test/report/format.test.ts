// Times as the report prints them: ISO 8601 for epoch times (the same text as Date's), HH:MM:SS.mmm otherwise.
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { fitUrl, formatTime } from '../../src/report/format.js';
import { padColumns } from '../../src/util/width.js';
import { TOD_LIMIT } from '../../src/parse/time.js';

describe('formatTime', () => {
  it('writes an epoch time exactly as Date#toISOString, whatever the order of the times', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // the smallest epoch time: below it, times of day (a day added per midnight passed)
    const times = [TOD_LIMIT, 1710147600000, 1710147600999, 1710147601000, 1710147600038.5, 1710147599999.9, 253402300799999, 253402300800000];
    for (let i = 0; i < 2000; i++) times.push(1710147600000 + Math.floor(rand() * 5000) + (i % 3 === 0 ? rand() : 0));
    for (let i = 0; i < 200; i++) times.push(TOD_LIMIT + rand() * 8e15);
    for (const t of times) expect(formatTime(t), String(t)).toBe(new Date(Math.trunc(t)).toISOString());
  });

  it('writes a time of day as HH:MM:SS.mmm, and the time part alone on request', () => {
    expect(formatTime(((9 * 60 + 5) * 60 + 7) * 1000 + 38)).toBe('09:05:07.038');
    expect(formatTime(1710147600038, false)).toBe('09:00:00.038');
    expect(formatTime(undefined)).toBe('');
    // a time of day past midnight (a day or more added): still on the clock face
    expect(formatTime(3 * 86_400_000 + ((23 * 60 + 59) * 60 + 59) * 1000 + 999)).toBe('23:59:59.999');
  });
});

describe('fitUrl', () => {
  it('cuts a long URL or path in the middle, keeping its host or first segment and its end', () => {
    expect(fitUrl('/_next/data/Bx81Kq2Lm/c/shoes.json?page=20', 23)).toBe('/_next/…es.json?page=20');
    expect(fitUrl('https://docs.example.org/_next/data/Bx81Kq2Lm/c/shoes.json?page=20', 40)).toBe('https://docs.example.org/…s.json?page=20');
    expect(fitUrl('/verylongsegmentwithoutslashes', 15)).toBe('/veryl…tslashes');
    for (const [u, w] of [['/a', 5], ['/short', 6]] as const) expect(fitUrl(u, w)).toBe(u);
    // wide characters count two columns, and the cut is in the middle still
    const wide = 'https://x.example/日本語/パス/ファイル/名前/とても/長い/パス/です?page=1';
    for (const w of [20, 33, 40]) {
      const cut = fitUrl(wide, w);
      expect(stringWidth(cut), cut).toBeLessThanOrEqual(w);
      expect(stringWidth(cut)).toBeGreaterThanOrEqual(w - 1);
      expect(cut).toMatch(/^https:\/\/.*….*page=1$/);
    }
    expect(padColumns('日本', 6)).toBe('日本  ');
    expect(fitUrl('/ü/very/long/path/with/ünïcode', 12)).toBe('/ü/…/ünïcode');
    const url = 'https://shop.example.com/c/outdoor/jackets?colour=green&size=xl&page=12345';
    for (const w of [12, 20, 33, 73]) expect(fitUrl(url, w)).toHaveLength(w);
    expect(fitUrl(url, 80)).toBe(url);
  });
});
