// Child process for heap.test.ts: feeds a TUI-style pipeline (everything kept, --max-groups far away)
// requests of ~12 KB each on a small heap. argv: dist pipeline URL, requests, 'guard' | 'none'.
import { setImmediate as turn } from 'node:timers/promises';
import { heavyRequestLines } from '../helpers/heavy-lines.mjs';

const [url, count, mode] = process.argv.slice(2);
const { Pipeline } = await import(url);
const p = new Pipeline({ keepFinal: true, maxGroups: 1_000_000, heapGuard: mode === 'guard' });
const n = Number(count);
let maxRetained = 0;
for (let i = 0; i < n; ) {
  const lines = [];
  for (let k = 0; k < 50 && i < n; k++, i++) lines.push(...heavyRequestLines(i, 2000));
  p.feed(lines);
  maxRetained = Math.max(maxRetained, p.stats.retained);
  await turn();
}
p.end();
p.close();
const { groups, retained, evicted, memoryCap } = p.stats;
process.stdout.write(JSON.stringify({ groups, retained, evicted, memoryCap, maxRetained, shown: p.groups().length }) + '\n');
