import { describe, expect, it } from 'vitest';
import { headerRows, labelLines, sourceLine, stateSegs, type HeaderProps } from '../../src/ui/components/Header.js';
import { layout } from '../../src/ui/layout.js';
import { LABELS, type Label } from '../../src/model.js';
import { fitSegs, lineText } from '../../src/ui/format/segments.js';
import { describeState } from '../../src/sources/status.js';
import type { SourceStatus } from '../../src/model.js';

const shown = (status: SourceStatus) => lineText(stateSegs({ name: 'app.log', live: true, status }));

describe('the header: a source state', () => {
  it('says what happened to a followed file, not just "live"', () => {
    expect(shown({ state: 'live', detail: 'following' })).toBe('● live');
    expect(shown({ state: 'live', detail: 'removed or renamed: waiting for a new file under that name' })).toBe(
      '● live: removed or renamed: waiting for a new file under that name',
    );
    expect(shown({ state: 'live', detail: 'rotated: following the new file' })).toBe('● live: rotated: following the new file');
    expect(shown({ state: 'live', detail: 'connected' })).toBe('● live');
    expect(shown({ state: 'live' })).toBe('● live');
    expect(shown({ state: 'ended' })).toBe('■ ended');
    expect(shown({ state: 'ended', detail: 'plain text followed the gzip data' })).toBe('■ ended: plain text followed the gzip data');
  });

  it('does not say a state twice', () => {
    expect(shown({ state: 'retrying', detail: 'retrying in 0.9s: closed (code 4000)' })).toBe('◌ retrying in 0.9s: closed (code 4000)');
    expect(shown({ state: 'connecting', detail: 'attempt 2' })).toBe('◌ connecting: attempt 2');
    expect(describeState({ state: 'closed', detail: 'closed by the server: bye' })).toBe('closed by the server: bye');
    expect(describeState({ state: 'closed' })).toBe('closed');
  });

  it('counts dropped lines in red after the state', () => {
    const segs = stateSegs({ name: 'ws', live: true, status: { state: 'live', dropped: 1200 } });
    expect(lineText(segs)).toBe('● live (1,200 lines dropped)');
    expect(segs[1]!.color).toBe('red');
  });
});

describe('the header: totals per label', () => {
  const counts = Object.fromEntries(LABELS.map((l) => [l, l === 'ok' ? 12_345 : 27])) as Record<Label, number>;
  it('keeps every filter key in sight at 80 columns: two lines when one cannot hold them', () => {
    const lines = labelLines(counts, [], true, 80).map(lineText);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    const all = lines.join(' ');
    for (const key of ['1:', '2:', '3:', '4:', '5:', '6:', '7:', '8:', '9:', '0:OK 12,345']) expect(all).toContain(key);
    expect(all).toContain('[e] failures only');
    expect(headerRows(counts, false, 80)).toBe(4);
    // a wide screen: one line
    expect(labelLines(counts, [], false, 200)).toHaveLength(1);
    expect(headerRows(counts, false, 200)).toBe(3);
  });
  it('keeps every total on a narrow screen (40 columns): the keys give way, not the counts (8:40… lost 404, ERR and OK)', () => {
    const busy = { ...counts, 'sni-error': 19, 'upstream-connection-error': 22, pending: 0, 'allowlist-suspect': 23, 'backend-error': 22, 'ssr-code-error': 22, timeout: 19, 'not-found': 32, error: 34, ok: 307, 'allowlist-error': 0, 'bad-request': 0 } as Record<Label, number>;
    for (const width of [40, 45, 50]) {
      const lines = labelLines(busy, [], false, width).map(lineText);
      expect(lines.length).toBe(2);
      expect(lines.every((l) => l.length <= width), `at ${width}: ${JSON.stringify(lines)}`).toBe(true);
      const all = lines.join(' ');
      for (const total of ['SNI 19', '531 22', 'ALLOW? 23', 'BACKEND 22', 'SSR 22', 'TIMEOUT 19', '404 32', 'ERR 34', 'OK 307']) expect(all, `at ${width}`).toContain(total);
    }
    // where two lines hold them, the keys stay
    expect(labelLines(busy, [], false, 60).map(lineText).join(' ')).toContain('8:404 32');
  });
  it("puts `[e] failures only` on the second line when the totals fill the first (was cut at the edge at 100 columns)", () => {
    const busy = { ...counts, 'upstream-connection-error': 22, pending: 0, ok: 307 } as Record<Label, number>;
    for (const width of [80, 90, 100, 110, 120, 140]) {
      const lines = labelLines(busy, [], true, width).map(lineText);
      expect(lines.every((l) => l.length <= width), `at ${width}: ${JSON.stringify(lines)}`).toBe(true);
      expect(lines.join(' ')).toContain('[e] failures only');
      expect(headerRows(busy, true, width)).toBe(2 + lines.length);
    }
  });
  it('takes the fourth header row from the detail pane, not the list', () => {
    const three = layout({ columns: 80, rows: 24 }, 3);
    const four = layout({ columns: 80, rows: 24 }, 4);
    expect(four.listRows).toBe(three.listRows);
    expect(four.detailRows).toBe(three.detailRows - 1);
    expect(four.headerRows + four.listRows + four.detailRows).toBe(three.headerRows + three.listRows + three.detailRows);
  });
});

describe('zoom', () => {
  it('gives the focused pane the screen, the other two rows', () => {
    const both = layout({ columns: 80, rows: 24 }, 3);
    const list = layout({ columns: 80, rows: 24 }, 3, 'list');
    const detail = layout({ columns: 80, rows: 24 }, 3, 'detail');
    const body = both.listRows + both.detailRows;
    expect(list.listRows + list.detailRows).toBe(body);
    expect(detail.listRows + detail.detailRows).toBe(body);
    expect(list.detailRows).toBe(2);
    expect(detail.listRows).toBe(2);
    expect(list.listRows).toBeGreaterThan(2 * both.listRows);
  });
});

describe('the header: the first line', () => {
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  // what `ssrtail -f --tail 5000 big.log` says about where it began (sources/tail.ts)
  const detail = '--tail 5000: began mid-file at line ~930,674 (byte 196,476,487): requests already under way there are partial';
  const props = (width: number): HeaderProps => ({
    width,
    sources: [{ name: '/work/main/bench-data/mixed-1000000-seed7.log', live: true, status: { state: 'live', detail } }],
    paused: false,
    buffered: 0,
    follow: true,
    order: 'duration',
    requests: 1100,
    lines: 5000,
    unattributed: 0,
    counts,
    activeLabels: [],
    failuresOnly: false,
    buckets: { requests: [], failures: [] },
    filter: 'status:5xx',
  });
  it('keeps FOLLOW, the order, the filter and the counts in sight: a long state detail is cut to the room they leave', () => {
    const wide = lineText(fitSegs(sourceLine(props(120)), 120));
    for (const part of ['⇣ FOLLOW', '⇅ slowest first', 'filter: status:5xx', '1,100 requests · 5,000 lines', '● live: --tail 5000']) expect(wide).toContain(part);
    expect(wide.length).toBeLessThanOrEqual(120);
    const narrow = lineText(fitSegs(sourceLine({ ...props(80), order: 'arrival', filter: undefined }), 80));
    for (const part of ['⇣ FOLLOW', '1,100 requests · 5,000 lines', '● live: --tail']) expect(narrow).toContain(part);
    expect(narrow.length).toBeLessThanOrEqual(80);
    // three files at 80 columns: their names give way to the counts
    const ended = (name: string) => ({ name, live: false, status: { state: 'ended' as const } });
    const three = { ...props(80), sources: ['samples/formats/text.log', 'samples/formats/pino-http.log', 'samples/formats/rtld.log'].map(ended), follow: false, order: 'arrival' as const, filter: undefined, requests: 36, lines: 287 };
    const files = lineText(fitSegs(sourceLine(three), 80));
    expect(files).toContain('36 requests · 287 lines');
    expect(files.match(/■ ended/g)).toHaveLength(3);
    // room enough: the detail whole
    expect(lineText(sourceLine(props(300)))).toContain(detail);
  });
});

describe('the help overlay', () => {
  it('shows every key whole at 80x24: no line is cut', async () => {
    const { render } = await import('ink-testing-library');
    const React = (await import('react')).default;
    const { HelpOverlay } = await import('../../src/ui/components/HelpOverlay.js');
    const frame = render(React.createElement(HelpOverlay, { width: 80, rows: 22 })).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines.filter((l) => l.includes('…'))).toEqual([]);
    expect(frame).toContain('a groups');
    expect(frame).toContain('detail: fold/unfold, a line whole');
  });
});
