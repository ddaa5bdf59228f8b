// `since:` / `until:` in the `/` search: "what started failing at 19:52:15?" without paging through the list. The UI
// fixture has one request a second from 19:52:10 to 19:52:21 (dated, UTC).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp } from './helpers/ink.js';
import { SearchIndex, checkQuery } from '../../src/ui/state/search.js';
import { windowOf } from '../../src/ui/state/search-window.js';

afterEach(() => cleanup());

function paths(frame: string): string[] {
  return frame
    .split('\n')
    // the fixture's /evil path is long: the list cuts it
    .map((l) => / (?:GET|POST) +(\/[a-z?=.0-9/]*?)(?:\/…|\s)/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined);
}

describe('since: and until: in the search', () => {
  it('/since:T lists the requests that started from then on; e then keeps its failures', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', ...'since:19:52:18', KEY.enter);
    let f = await app.waitFor((f) => f.includes('search "since:19:52:18": 4 matches'), 'the last four');
    expect(paths(f)).toEqual(['/conn', '/json?x=1', '/evil', '/about']);
    await app.press('e');
    f = await app.waitFor((f) => f.includes('2 of 12 requests'), 'their failures');
    expect(paths(f)).toEqual(['/conn', '/json?x=1']);
  });

  it('until: closes the window, with words and field terms alike', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', ...'since:19:52:11 until:19:52:14 status:539', KEY.enter);
    const f = await app.waitFor((f) => f.includes('2 matches') && !f.includes('searching'), 'the 539s in the window');
    expect(paths(f)).toEqual(['/p/42', '/slow']);
  });

  it('a bound it cannot read is said in the status line and left out, as a bad field term is', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', ...'since:19:5');
    await app.waitFor((f) => f.includes('since:19:5: not a time (since:09:00:30'), 'half typed');
    await app.press(...'2:20');
    await app.waitFor((f) => f.includes('2 matches') && paths(f).join(' ') === '/evil /about', 'readable now');
  });

  it('reads the bounds as --since/--until do, and a date-and-time bound compares dated times', () => {
    expect(windowOf(['since:09:00', 'until:9:01:30.5']).window).toMatchObject({ since: { t: 9 * 3600e3, timeOfDay: true }, until: { t: (9 * 3600 + 90) * 1000 + 500 } });
    expect(windowOf(['since:10m'], Date.UTC(2024, 2, 11, 10)).window?.since).toMatchObject({ t: Date.UTC(2024, 2, 11, 9, 50), timeOfDay: false });
    expect(windowOf(['-since:09:00']).errors[0]).toContain('not left out');
    expect(windowOf(['until:']).errors[0]).toContain('needs a time');
    expect(checkQuery('since:09:00')).toEqual({ error: undefined, empty: false });
  });

  it('a moving bound (since:10m) is answered again when the clock moves: cached answers are per window', async () => {
    const groups = (await loadedStore()).pipeline.groups();
    const index = new SearchIndex();
    // the fixture's last request started 19:52:21Z on 2024-03-11: 10m before 20:02:20 keeps it, before 20:02:22 does not
    const at = (ms: number) => {
      const real = Date.now;
      Date.now = () => ms;
      try {
        return index.searchAll(groups, 'since:10m').size;
      } finally {
        Date.now = real;
      }
    };
    expect(at(Date.UTC(2024, 2, 11, 20, 2, 20))).toBe(2);
    expect(at(Date.UTC(2024, 2, 11, 20, 2, 22))).toBe(0);
  });
});
