// Child process for heap.test.ts: feeds a TUI-style pipeline (everything kept, --max-groups far away)
// requests of ~12 KB each on a small heap. argv: dist pipeline URL, requests, 'guard' | 'none'.
import crypto from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';

const [url, count, mode] = process.argv.slice(2);
const { Pipeline } = await import(url);
const p = new Pipeline({ keepFinal: true, maxGroups: 1_000_000, heapGuard: mode === 'guard' });
const n = Number(count);
let maxRetained = 0;
for (let i = 0; i < n; ) {
  const lines = [];
  for (let k = 0; k < 50 && i < n; k++, i++) {
    const id = `req-${i}`;
    const t = 1710147600000 + i * 10;
    const cookie = crypto.randomBytes(2000).toString('hex');
    lines.push(`{"requestId":"${id}","level":100,"time":${t},"data":{"method":"GET","host":"a.example","path":"/p/${i}","headers":{"cookie":"${cookie}"}}}`);
    lines.push(`{"requestId":"${id}","level":101,"time":${t + 5},"data":{"statusCode":200,"headers":{"set-cookie":"${cookie}"}}}`);
  }
  p.feed(lines);
  maxRetained = Math.max(maxRetained, p.stats.retained);
  await turn();
}
p.end();
p.close();
const { groups, retained, evicted, memoryCap } = p.stats;
process.stdout.write(JSON.stringify({ groups, retained, evicted, memoryCap, maxRetained, shown: p.groups().length }) + '\n');
