// A request ID pasted into `/` with what it was copied with: the quotes and comma of a JSON line, the brackets of a
// chat message. It was 0 matches; it is found, and selected, as the ID typed alone is.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { SearchIndex } from '../../src/ui/state/search.js';
import { bareWord, pastedId } from '../../src/ui/state/search-words.js';

afterEach(() => cleanup());

describe('a pasted request ID with quotes, brackets or a comma', () => {
  it('is found and selected, also with its header or field name in front (x-request-id: …, "requestId":"…")', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    const pastes: Array<[string, RegExp]> = [
      ['"22222222-aaaa-4bbb-8ccc-000000000539",', /\/p\/42/],
      ['x-request-id: 33333333-aaaa-4bbb-8ccc-000000000003', /\/cart/],
      ['"requestId":"22222222-aaaa-4bbb-8ccc-000000000539",', /\/p\/42/],
    ];
    for (const [text, row] of pastes) {
      await app.press(KEY.escape, 'G', '/', text, KEY.enter);
      // (under load the frame can show the prompt still open, its search at 1 match: wait for Enter's kept search)
      const kept = `search "${text}": 1 match`;
      const f = await app.waitFor((f) => f.includes(kept) && row.test(selectedRow(f) ?? ''), text);
      expect(f).toContain(kept);
    }
  });

  it('takes a request-ID name off only: other words ending in a colon stay words', () => {
    expect(pastedId('X-Request-ID: abc-1')).toBe('abc-1');
    expect(pastedId('"request_id": "abc-1",')).toBe('abc-1');
    expect(pastedId('rid=abc-1')).toBe('abc-1');
    expect(pastedId('error: abc')).toBe('error: abc');
    expect(pastedId('paid: abc')).toBe('paid: abc');
  });

  it('strips only what wraps a word: a - in front stays, a word of quotes alone is kept', async () => {
    expect(bareWord('"abc",')).toBe('abc');
    expect(bareWord('<req-1>')).toBe('req-1');
    expect(bareWord("('req-1');")).toBe('req-1');
    expect(bareWord('-"robots"')).toBe('-robots');
    expect(bareWord('/p/42')).toBe('/p/42');
    expect(bareWord('""')).toBe('""');
    const groups = (await loadedStore()).pipeline.groups();
    const index = new SearchIndex();
    expect(index.searchAll(groups, '[33333333-aaaa-4bbb-8ccc-000000000003]').size).toBe(1);
    expect(index.searchAll(groups, '"cart" -"/p/42"').size).toBe(index.searchAll(groups, 'cart -/p/42').size);
  });
});
