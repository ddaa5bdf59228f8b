// "Which pages 404 and who links to them?": `a` groups the listed requests by referer too (the access record's, else
// the request's Referer header), and Enter on one lists the requests that came from that page.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import path from 'node:path';
import { KEY, loadedStore, renderApp } from './helpers/ink.js';
import { ROOT } from './helpers/fixture.js';
import { keysOf } from '../../src/report/group-by.js';
import type { RequestGroup } from '../../src/model.js';

afterEach(() => cleanup());

describe('the groups view by referer', () => {
  it('8 then a a a: the 404s by the page that linked to them; Enter lists that page\'s', async () => {
    const app = renderApp(await loadedStore(path.join(ROOT, 'samples/busy.log')), { size: { columns: 120, rows: 40 } });
    await app.waitFor((f) => f.includes('500 requests'));
    await app.press('8', 'a', 'a', 'a');
    const f = await app.waitFor((f) => f.includes('32 listed requests by referer'), 'by referer');
    expect(f).toMatch(/REFERER +REQS FAIL/);
    // the access log's referer where there is one, the Referer header the browser sent where not
    expect(f).toMatch(/https:\/\/www\.google\.com\/ +3 +3 /);
    expect(f).toMatch(/\(no referer\) +22 +22 /);
    const rows = f.split('\n').filter((l) => /^[ ▶](\(no referer\)|https:)/.test(l));
    const at = rows.findIndex((l) => l.includes('www.google.com'));
    expect(at).toBeGreaterThan(0);
    await app.press(...Array(at).fill('j'), KEY.enter);
    const list = await app.waitFor((f) => f.includes('only referer https://www.google.com/'), 'its requests');
    // the list's rows (the detail pane's title and summary say [404] too)
    expect(list.split('\n').filter((l) => /^[› ] \d\d:\d\d:\d\d\.\d{3} \[404\]/.test(l))).toHaveLength(3);
  });

  it('keys a request by the access record\'s referer, else its Referer header, else (no referer)', () => {
    const g = (access?: string, header?: string) =>
      ({ access: access === undefined ? undefined : { referer: access }, request: { headers: header === undefined ? [] : [['Referer', header]] } }) as unknown as RequestGroup;
    expect(keysOf(g('https://a.example/x', 'https://b.example/'), 'referer')).toEqual(['https://a.example/x']);
    expect(keysOf(g('-', 'https://b.example/'), 'referer')).toEqual(['https://b.example/']);
    expect(keysOf(g(undefined, 'https://b.example/?token=abc123'), 'referer')).toEqual(['https://b.example/?token=MASKED']);
    expect(keysOf(g(''), 'referer')).toEqual(['(no referer)']);
    const lower = { request: { headers: [['referer', '  https://c.example/  ']] } } as unknown as RequestGroup;
    expect(keysOf(lower, 'referer')).toEqual(['https://c.example/']);
  });
});
