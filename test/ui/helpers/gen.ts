// Deterministic text-format log lines for N requests with a mix of labels (no Math.random).
const PATHS = ['/', '/p/42', '/c/shoes', '/cart', '/checkout', '/search?q=red+shoes', '/about', '/_next/data/abc/p/7.json'];

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

export function requestId(i: number): string {
  return `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4abc-8def-${hex(i * 40503, 12)}`;
}

/** Lines for `n` requests starting at `startMs` (epoch ms), one every `stepMs`. Every 7th fails (mixed labels). */
export function genLines(n: number, startMs = Date.UTC(2024, 2, 11, 19, 0, 0), stepMs = 50): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = requestId(i);
    const t0 = startMs + i * stepMs;
    const ts = (d: number) => new Date(t0 + d).toISOString();
    const path = PATHS[i % PATHS.length]!;
    const url = `https://shop.example.com${path}`;
    out.push(`${ts(0)} ${id} GET ${url}`);
    out.push(`${ts(1)} ${id} Request details: GET ${url}`);
    out.push(`    User-Agent: Mozilla/5.0 (req ${i})`);
    const kind = i % 7 === 3 ? i % 3 : -1; // 0 allowlist-suspect, 1 backend-error, 2 ssr-code-error
    const api = `https://api.example.net/v1/item/${i}`;
    if (kind === 0) out.push(`${ts(5)} ${id} Upstream Request: GET ${api}`);
    else out.push(`${ts(5)} ${id} Upstream Request: GET ${api} ${kind === 1 ? '503 Service Unavailable' : '200 OK'} in ${20 + (i % 90)}ms`);
    out.push(`${ts(6)} ${id} INFO: rendering item ${i}`);
    if (kind < 0) out.push(`${ts(90)} ${id} Response details: GET ${url} ${i % 11 === 5 ? '404 Not Found' : '200 OK'}`);
  }
  return out;
}
