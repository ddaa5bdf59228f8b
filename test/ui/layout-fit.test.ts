// The frame is never taller than the terminal: at 40x12 a re-run's three-row question (and the two-line header of
// the label totals) made it a row too tall, and the terminal scrolled the header off the top.
import { describe, expect, it } from 'vitest';
import { layout, MIN_COLUMNS, MIN_ROWS } from '../../src/ui/layout.js';

/** list column header, detail title, footer, and the status line's rows */
const drawn = (l: ReturnType<typeof layout>) => l.headerRows + 1 + l.listRows + 1 + l.detailRows + l.statusRows + 1;

describe('the layout at every size', () => {
  it('fits the frame in the terminal with both panes, whatever the header and the status line ask for', () => {
    for (let rows = MIN_ROWS; rows <= 60; rows++) {
      for (const header of [3, 4]) {
        for (const status of [1, 2, 3]) {
          for (const zoom of [undefined, 'list', 'detail'] as const) {
            const l = layout({ columns: MIN_COLUMNS, rows }, header, zoom, status);
            const what = `${rows} rows, header ${header}, status ${status}, zoom ${zoom}`;
            expect(drawn(l), what).toBeLessThanOrEqual(l.height);
            expect(l.listRows, what).toBeGreaterThanOrEqual(1);
            expect(l.detailRows, what).toBeGreaterThanOrEqual(1);
            expect(l.statusRows, what).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
  });

  it('gives a long question its rows where there is room', () => {
    expect(layout({ columns: 80, rows: 24 }, 4, undefined, 3).statusRows).toBe(3);
    expect(layout({ columns: 40, rows: 12 }, 4, undefined, 3).statusRows).toBe(2);
    expect(layout({ columns: 40, rows: 13 }, 4, undefined, 3).statusRows).toBe(3);
  });
});
