// A request ID pasted into `/` with what it was copied with: the quotes and comma of a JSON line, the brackets of a
// chat message. It was 0 matches; it is found, and selected, as the ID typed alone is.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { SearchIndex, bareWord } from '../../src/ui/state/search.js';

afterEach(() => cleanup());

describe('a pasted request ID with quotes, brackets or a comma', () => {
  it('is found and selected', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('G', '/', '"22222222-aaaa-4bbb-8ccc-000000000539",', KEY.enter);
    const f = await app.waitFor((f) => f.includes('1 match'), 'found');
    expect(selectedRow(f)).toMatch(/\/p\/42/);
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
