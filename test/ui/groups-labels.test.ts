// The groups view (`a`) and --group-by on a terminal: the LABELS column was cut at 120 columns (and under each row at
// 80: `upstream-connection-error 22, sni-error 19, timeout 19, error 15, not-fou…`), the counts past the cut lost.
// Now the labels go by badge (`531 22, SNI 19`, a legend under the table) beside the row or under it, never cut.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { LABELS, type Label } from '../../src/model.js';
import { LABEL_INFO } from '../../src/diagnose/labels.js';
import { GROUP_VIEWS } from '../../src/ui/state/groups-view.js';
import { groupSummaryLines } from '../../src/ui/detail/panels.js';
import { lineText, textWidth } from '../../src/ui/format/segments.js';
import { ROOT } from './helpers/fixture.js';

const busy = new Pipeline({});
busy.feed(fs.readFileSync(path.join(ROOT, 'samples/busy.log'), 'utf8').split('\n').filter(Boolean));
busy.end();
const groups = busy.groups();
const BY_BADGE = new Map(LABELS.map((l) => [LABEL_INFO[l].badge, l]));

const esc = (t: string) => t.replace(/[?!]/g, '\\$&');
const NAMES = new RegExp(`(?:^| )(${LABELS.map(esc).join('|')}) (\\d+)(?=,|$)`, 'g');
const BADGES = new RegExp(`(?:^| )(${LABELS.map((l) => esc(LABEL_INFO[l].badge)).join('|')}) (\\d+)(?=,|$)`, 'g');

/** The label counts each group's lines show, read by `re` (names or badges, mapped to labels). */
function shownLabels(lines: ReturnType<typeof groupSummaryLines>, re: RegExp, label: (text: string) => Label): Map<string, Map<Label, number>> {
  const out = new Map<string, Map<Label, number>>();
  for (const l of lines) {
    if (l.group === undefined) continue;
    const m = out.get(l.group) ?? new Map<Label, number>();
    out.set(l.group, m);
    for (const [, name, n] of lineText(l.segs).matchAll(re)) m.set(label(name!), Number(n));
  }
  return out;
}

describe('the groups table at 80 and 120 columns', () => {
  for (const width of [80, 120]) {
    for (const by of GROUP_VIEWS) {
      it(`by ${by} at ${width} columns: every line inside the width, every label count shown, badges explained`, () => {
        // the detail pane is the terminal's width less its cursor column
        const lines = groupSummaryLines(groups, by, width - 1);
        // the table's lines (the title above it ends in key hints, cut on a narrow screen as any line)
        for (const l of lines.slice(1)) expect(textWidth(lineText(l.segs)), lineText(l.segs)).toBeLessThanOrEqual(width - 1);
        // by badge, or by name where they fit
        const shown = shownLabels(lines, BADGES, (b) => BY_BADGE.get(b)!);
        for (const [key, m] of shownLabels(lines, NAMES, (n) => n as Label)) for (const [l, n] of m) shown.get(key)!.set(l, n);
        // what a file gets (no width: every label by name, nothing cut)
        const want = shownLabels(groupSummaryLines(groups, by, 0), NAMES, (n) => n as Label);
        expect([...want.values()].some((m) => m.size >= (by === 'label' ? 1 : 5))).toBe(true);
        expect(shown).toEqual(want);
        const legend = lines.map((l) => lineText(l.segs)).join('\n');
        const byBadge = [...shownLabels(lines, BADGES, (b) => BY_BADGE.get(b)!).values()].some((m) => m.size > 0);
        expect(byBadge || width === 120).toBe(true);
        if (byBadge) for (const l of new Set([...want.values()].flatMap((m) => [...m.keys()]))) expect(legend).toContain(`${LABEL_INFO[l].badge} ${l}`);
      });
    }
  }
});
