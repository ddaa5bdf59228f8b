// `n` on live input (stern, `wrangler tail`): past the newest failure it waits for the next one to come instead of
// wrapping to the oldest (which also stopped following the newest). A file that has ended still wraps.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadedStore, renderApp, selectedRow } from './helpers/ink.js';
import { Pipeline } from '../../src/pipeline.js';
import { TuiStore } from '../../src/ui/store.js';
import type { LineSource, SourceStatus } from '../../src/model.js';

afterEach(() => cleanup());

const req = (n: number, status: string) => {
  const t = `2024-03-11T19:52:${String(10 + n).padStart(2, '0')}.000Z`;
  const id = `abcdefgh-000${n}`;
  const url = `https://shop.example.com/r${n}`;
  return [`${t} ${id} Request details: GET ${url}`, `${t} ${id} Response details: GET ${url} ${status}`];
};

function liveStore(): { store: TuiStore; feed: (lines: string[]) => void } {
  let feed: (lines: string[]) => void = () => {};
  const src = {
    name: 'stdin',
    live: true,
    start: (onLines: (l: string[]) => void, onStatus: (s: SourceStatus) => void) =>
      new Promise<void>(() => {
        onStatus({ state: 'live' });
        feed = onLines;
      }),
    stop: () => {},
  } as LineSource;
  const store = new TuiStore(new Pipeline({ live: true }), [src]);
  void store.start(0);
  return { store, feed: (l) => feed(l) };
}

describe('n on live input', () => {
  it('does not wrap past the newest failure: following stays on, and n takes the next failure once it comes', async () => {
    const { store, feed } = liveStore();
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('⇣ FOLLOW'), 'following');
    feed([...req(1, '200 OK'), ...req(2, '500 Internal Server Error'), ...req(3, '200 OK'), ...req(4, '500 Internal Server Error'), ...req(5, '200 OK')]);
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/r5'), 'the newest followed');
    await app.press('n');
    let f = await app.waitFor((f) => f.includes('no newer failure yet (live input)'), 'said');
    expect(selectedRow(f)).toMatch(/\/r5/);
    expect(f).toContain('⇣ FOLLOW');
    // back to the last failure, then the next one to come
    await app.press('N');
    f = await app.waitFor((f) => (selectedRow(f) ?? '').includes('/r4') && !f.includes('FOLLOW'), 'the last failure');
    feed([...req(6, '502 Bad Gateway'), ...req(7, '200 OK')]);
    await app.waitFor((f) => f.includes('/r7'), 'more came');
    await app.press('n');
    await app.waitFor((f) => (selectedRow(f) ?? '').includes('/r6'), 'the new failure');
    await app.press('n');
    f = await app.waitFor((f) => f.includes('no newer failure yet'), 'none newer again');
    expect(selectedRow(f)).toMatch(/\/r6/);
  });

  it('a file that has ended still wraps to the first failure', async () => {
    const app = renderApp(await loadedStore());
    await app.waitFor((f) => f.includes('12 requests'));
    await app.press('G', 'n');
    const f = await app.waitFor((f) => f.includes('wrapped to the first failure'), 'wrapped');
    expect(selectedRow(f)).toMatch(/\/p\/42/);
  });
});
