// One clock for a stream whose text rows carry times of day and whose access records are dated (busy.log mixes
// them): the day and zone learned from requests that have both, guarded so a stray pair cannot move the clock.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { anchorOf, StreamAnchors, zoneOfAnchor, MIN_VOTES } from '../../src/correlate/clock.js';
import { formatTime } from '../../src/report/format.js';
import { epochOf } from '../../src/report/json.js';
import { DAY, H, mixed539, textOk } from '../helpers/clock-lines.js';

function whole(lines: string[]): Pipeline {
  const p = new Pipeline();
  p.feed(lines);
  p.end();
  return p;
}

const NINE = 9 * H;

describe('anchorOf / StreamAnchors', () => {
  it('rounds a pair of times to the quarter hour of its zone, within the slack', () => {
    expect(anchorOf(DAY + NINE + 20_000, NINE)).toBe(DAY);
    expect(anchorOf(DAY + NINE - 20_000, NINE)).toBe(DAY);
    // a text log at +01:00: 10:00 local is 09:00Z
    expect(anchorOf(DAY + NINE + 5_000, 10 * H)).toBe(DAY - H);
    expect(zoneOfAnchor(DAY - H)).toBe(60);
    // India, +05:30; and -03:30
    expect(zoneOfAnchor(anchorOf(DAY + NINE, NINE + 5.5 * H)!)).toBe(330);
    expect(zoneOfAnchor(anchorOf(DAY + NINE, NINE - 3.5 * H)!)).toBe(-210);
    // a time of day counted past midnight (DayRoll) is the day before's anchor
    expect(anchorOf(DAY + 86_400_000 + 10_000, 86_400_000 + 9_000)).toBe(DAY);
    // five minutes apart: no quarter hour is near enough to say
    expect(anchorOf(DAY + NINE + 5 * 60_000, NINE)).toBeUndefined();
  });

  it('adopts an anchor once several requests agree, and only a source’s own', () => {
    const a = new StreamAnchors();
    for (let i = 1; i < MIN_VOTES; i++) expect(a.vote(0, DAY)).toBe(false);
    expect(a.get(0)).toBeUndefined();
    expect(a.vote(1, DAY + H)).toBe(false);
    expect(a.vote(0, DAY)).toBe(true);
    expect([a.get(0), a.get(1)]).toEqual([DAY, undefined]);
  });

  it('does not adopt one disputed by more than one vote in five', () => {
    const a = new StreamAnchors();
    a.vote(0, DAY - H);
    for (let i = 0; i < 3; i++) expect(a.vote(0, DAY)).toBe(false);
    expect(a.vote(0, DAY)).toBe(true);
    expect(a.get(0)).toBe(DAY);
  });
});

describe('a stream with times of day and dated times', () => {
  const ids = ['m5390001', 'm5390002', 'm5390003', 'm5390004'];

  it('places its times of day on the date: 539 durations, the time order and ts agree', () => {
    const p = whole([
      ...textOk('okfirst01', NINE - 1000),
      ...ids.flatMap((id, i) => mixed539(id, NINE + i * 1000)),
      ...textOk('oklast001', NINE + 5000),
    ]);
    for (const [i, id] of ids.entries()) {
      const g = p.get(id)!;
      expect([g.label, g.durationMs, g.firstTime]).toEqual(['allowlist-suspect', 20_000, DAY + NINE + i * 1000]);
      expect(epochOf(g)).toBe(g.firstTime);
    }
    // a request of text rows only, before the stream knew its day, is placed on it too
    const first = p.get('okfirst01')!;
    expect([first.firstTime, first.durationMs, formatTime(first.firstTime)]).toEqual([DAY + NINE - 1000, 120, '2024-03-11T08:59:59.000Z']);
    expect(p.get('oklast001')!.firstTime).toBe(DAY + NINE + 5000);
  });

  it('learns the zone of a text log written in local time (+01:00) against the access log’s UTC', () => {
    const p = whole(ids.flatMap((id, i) => mixed539(id, 10 * H + i * 1000, H)).concat(textOk('oklocal01', 10 * H + 9000)));
    expect(ids.map((id) => [p.get(id)!.durationMs, p.get(id)!.firstTime])).toEqual(ids.map((_, i) => [20_000, DAY + NINE + i * 1000]));
    expect(formatTime(p.get('oklocal01')!.firstTime)).toBe('2024-03-11T09:00:09.000Z');
    expect(zoneOfAnchor(p.get('oklocal01')!.anchorMs!)).toBe(60);
  });

  it('past midnight: a request after it is on the next day, one across it keeps its 20 s', () => {
    const late = 24 * H - 60_000; // 23:59:00
    const p = whole([
      ...ids.slice(0, 3).flatMap((id, i) => mixed539(id, late + i * 1000)),
      ...mixed539('acrossmid', 24 * H - 5000), // 23:59:55, its 539 at 00:00:15Z the next day
      ...textOk('aftermid1', 24 * H + 2000),
    ]);
    expect(p.get('acrossmid')!.durationMs).toBe(20_000);
    expect(formatTime(p.get('acrossmid')!.firstTime)).toBe('2024-03-11T23:59:55.000Z');
    expect(formatTime(p.get('aftermid1')!.firstTime)).toBe('2024-03-12T00:00:02.000Z');
    expect(p.stats.reusedIds).toBe(0);
  });

  it('leaves a log of times of day only, and one of dated times only, as they were', () => {
    const tod = whole([...textOk('todonly01', NINE), ...textOk('todonly02', NINE + 500)]);
    expect(tod.groups().map((g) => [formatTime(g.firstTime), g.durationMs, epochOf(g), g.anchorMs])).toEqual([
      ['09:00:00.000', 120, undefined, undefined],
      ['09:00:00.500', 120, undefined, undefined],
    ]);
    const dated = whole(ids.map((id, i) => JSON.stringify({ timestamp: (DAY + NINE + i) / 1000, uuid: id, status_code: 539 })));
    expect(dated.groups().map((g) => [g.firstTime, g.anchorMs])).toEqual(ids.map((_, i) => [DAY + NINE + i, undefined]));
  });

  it('one request with both kinds gets its own duration; the others keep their times of day', () => {
    const p = whole([...textOk('todonly01', NINE), ...mixed539('m5390001', NINE + 100)]);
    const g = p.get('m5390001')!;
    expect([formatTime(g.firstTime), g.durationMs, epochOf(g)]).toEqual(['09:00:00.100', 20_000, DAY + NINE + 100]);
    expect([formatTime(p.get('todonly01')!.firstTime), epochOf(p.get('todonly01')!)]).toEqual(['09:00:00.000', undefined]);
  });

  it('a pair too far apart to say (a stray access record hours off) is not mixed in', () => {
    const lines = mixed539('m5390001', NINE);
    lines[2] = lines[2]!.replace(/"timestamp":[\d.]+/, `"timestamp":${(DAY + NINE + 3 * H + 400_000) / 1000}`);
    const g = whole(lines).get('m5390001')!;
    expect([formatTime(g.firstTime), g.durationMs, g.anchorMs]).toEqual(['09:00:00.000', 30, undefined]);
  });
});

describe('live input', () => {
  const live = () => new Pipeline({ live: true, graceMs: 35_000 });
  const access = (id: string, t: number) => JSON.stringify({ timestamp: t / 1000, uuid: id, status_code: 200, method: 'GET', host: 'shop.example.com', path: '/' });

  it('one request’s pair, an hour off, does not place the open requests on a wrong clock', () => {
    const p = live();
    p.feed([`09:00:00.000 hang00001 Request details: GET https://shop.example.com/hang`]);
    // a stray: its text row says 09:00:01, its access record 08:00:21Z
    p.feed([...mixed539('stray0001', NINE + 1000, H)]);
    // dated lines 40 s on: past the grace period of 09:00:00 on the epoch, but the hanging request is a time of day
    p.feed([access('datedon01', DAY + NINE + 40_000), access('datedon02', DAY + NINE + 41_000)]);
    expect(p.get('hang00001')!.label).toBe('pending');
    expect(p.get('hang00001')!.anchorMs).toBeUndefined();
  });

  it('once requests agree, an open request is decided on the one clock', () => {
    const p = live();
    p.feed([`09:00:00.000 hang00001 Request details: GET https://shop.example.com/hang`]);
    p.feed(['l5390001', 'l5390002', 'l5390003'].flatMap((id, i) => mixed539(id, NINE + 100 + i)));
    expect(p.get('hang00001')!.label).toBe('pending');
    expect(p.get('hang00001')!.firstTime).toBe(DAY + NINE);
    // the dated clock passes 09:00:00 + 35 s: the request that never answered is decided
    p.feed([access('datedon01', DAY + NINE + 36_000), access('datedon02', DAY + NINE + 37_000)]);
    expect(p.get('hang00001')!.label).toBe('ssr-code-error');
  });
});
