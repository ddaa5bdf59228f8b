// Field terms in the TUI: in the `/` search (with plain words), as --filter from the start, and the way to leave
// one label out of the failures. The UI fixture: 12 requests of every label, five of them answered 5xx.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, loadedStore, renderApp } from './helpers/ink.js';
import { parseFilter } from '../../src/filter/filter.js';
import { SearchRunner, type SearchState } from '../../src/ui/hooks/useSearch.js';

afterEach(() => cleanup());

/** The paths of the list's rows, in order. */
function paths(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => / (?:GET|POST) +(\/\S*)/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined);
}

describe('TUI field terms', () => {
  it('/ takes field terms with plain words, -term leaves out, through the same filter as --filter', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('/', ...'status:5xx');
    let f = await app.waitFor((f) => f.includes('5 matches') && !f.includes('searching'), 'the 5xx');
    expect(paths(f)).toEqual(['/p/42', '/slow', '/api/order', '/sni', '/conn']);
    await app.press(...' -label:timeout');
    f = await app.waitFor((f) => f.includes('4 matches') && !f.includes('searching'), 'the 5xx but the timeout');
    expect(paths(f)).toEqual(['/p/42', '/api/order', '/sni', '/conn']);
    // a plain word with them: fuzzy search as before, within the 5xx
    await app.press(...' order', KEY.enter);
    f = await app.waitFor((f) => f.includes('search "status:5xx -label:timeout order": 1 match'), 'mixed, accepted');
    expect(paths(f)).toEqual(['/api/order']);
  });

  it('upstatus: finds a call that failed whatever the request answered (a backend-error logs no status of its own)', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    // "every request that called the API and got a 5xx": status:5xx misses /cart, which has no response row
    await app.press('/', ...'up:api status:5xx', KEY.enter);
    const before = await app.waitFor((f) => f.includes('search "up:api status:5xx": 1 match'), 'status:5xx misses it');
    expect(paths(before)).toEqual(['/p/42']);
    await app.press('/', '\u0015', ...'up:api upstatus:5xx', KEY.enter);
    const f = await app.waitFor((f) => f.includes('search "up:api upstatus:5xx": 1 match'), 'the call that answered 503');
    expect(paths(f)).toEqual(['/cart']);
  });

  it('a term it cannot read is said in the status line, and searched without: the list stays as it was', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    const only = (f: string, ...want: string[]) => paths(f).join(' ') === want.join(' ');
    await app.press('/', ...'method:post');
    await app.waitFor((f) => f.includes('1 match') && only(f, '/api/order'), 'the POST');
    await app.press(...' stauts:500');
    await app.waitFor((f) => f.includes('unknown field "stauts" in "stauts:500" (did you mean status:?') && only(f, '/api/order'), 'the typo');
    // a term on its way (`status:` before its value): said, the results stay
    await app.press('\u0015', ...'method:post status:');
    await app.waitFor((f) => f.includes('status: needs a value') && only(f, '/api/order'), 'the half-typed term');
    await app.press(...'404');
    await app.waitFor((f) => f.includes('0 matches') && f.includes('nothing matches'), 'readable again: no POST answered 404');
    await app.press(KEY.backspace, KEY.backspace, ...'x');
    await app.waitFor((f) => f.includes('status:4x: a status is three digits') && only(f, '/api/order'), 'another bad value');
    await app.press(...'x', KEY.enter);
    await app.waitFor((f) => f.includes('search "method:post status:4xx": 0 matches'), 'accepted');
  });

  it('a bad term alone: said, and no request is hidden', async () => {
    const states: SearchState[] = [];
    const groups = (await loadedStore()).pipeline.groups();
    const runner = new SearchRunner(() => groups, (s) => states.push(s));
    runner.setQuery('stauts:539');
    expect(states.at(-1)).toMatchObject({ running: false, error: expect.stringContaining('did you mean status:?') });
    expect(states.at(-1)!.matches).toBeUndefined();
    // fixed, it searches; cleared, the error is gone with it
    runner.setQuery('status:539');
    await vi.waitFor(() => expect(states.at(-1)!.running).toBe(false));
    expect(states.at(-1)!.error).toBeUndefined();
    expect(states.at(-1)!.matches?.size).toBe(2);
    runner.setQuery('status:539 -lable:ok');
    expect(states.at(-1)).toMatchObject({ error: expect.stringContaining('did you mean label:?') });
    expect(states.at(-1)!.matches?.size).toBe(2);
    runner.setQuery('');
    expect(states.at(-1)).toEqual({ running: false, progress: 1 });
    runner.dispose();
  });

  it('--filter: the list starts filtered, the header says so, and the search narrows it further', async () => {
    const app = renderApp(await loadedStore(), { filter: parseFilter(['status:5xx', '-path:/slow']) });
    let f = await app.waitFor((f) => f.includes('12 requests'));
    expect(f).toMatch(/filter: status:5xx and -path:\/slow/);
    expect(f).toMatch(/4 of 12 requests/);
    expect(paths(f)).toEqual(['/p/42', '/api/order', '/sni', '/conn']);
    await app.press('/', ...'label:sni,upstream');
    f = await app.waitFor((f) => f.includes('2 matches') && !f.includes('searching'), 'narrowed');
    expect(paths(f)).toEqual(['/sni', '/conn']);
  });

  it('--filter that nothing matches says so', async () => {
    const app = renderApp(await loadedStore(), { filter: parseFilter(['host:docs']) });
    const f = await app.waitFor((f) => f.includes('12 requests'));
    expect(f).toMatch(/no request matches --filter host:docs \(of 12 in the input\)/);
  });

  it('e then 8 shows the 404s only and says how to hide them instead; /-label:not-found does', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('e', '8');
    let f = await app.waitFor((f) => f.includes('only not-found now'), 'the hint');
    expect(f).toMatch(/to hide it from the failures instead: \/-label:not-found/);
    expect(paths(f)).toEqual(['/nope']);
    await app.press('8', '/', ...'-label:not-found');
    f = await app.waitFor((f) => f.includes('-label:not-found▏  8 matches'), 'failures but the 404');
    expect(paths(f)).not.toContain('/nope');
    expect(paths(f)).toHaveLength(8);
    expect(f).toMatch(/failures only/);
  });
});
