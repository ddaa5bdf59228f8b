// What each label means, for people: used by the report, the TUI and the README.
import type { Label } from '../model.js';

export interface LabelInfo {
  /** one line: what happened */
  meaning: string;
  /** terminal colour name (Ink/chalk) */
  color: 'red' | 'redBright' | 'magenta' | 'yellow' | 'yellowBright' | 'cyan' | 'blue' | 'green' | 'gray' | 'white';
  /** short badge for narrow columns */
  badge: string;
}

export const LABEL_INFO: Record<Label, LabelInfo> = {
  'sni-error': { meaning: 'TLS to the origin failed: SNI hint / host header mismatch (502)', color: 'magenta', badge: 'SNI' },
  'upstream-connection-error': { meaning: 'the edge could not connect to the upstream (531)', color: 'magenta', badge: '531' },
  pending: { meaning: 'no response row yet, inside the grace period', color: 'gray', badge: 'PEND' },
  'allowlist-suspect': { meaning: 'an upstream call got no answer: the origin may block the edge', color: 'yellowBright', badge: 'ALLOW?' },
  'backend-error': { meaning: 'a backend answered >= 400 and the SSR code never responded', color: 'red', badge: 'BACKEND' },
  'ssr-code-error': { meaning: 'upstreams were fine but the SSR code never responded', color: 'redBright', badge: 'SSR' },
  timeout: { meaning: '539 seen only in the access log: no server-log lines', color: 'yellow', badge: 'TIMEOUT' },
  'not-found': { meaning: '404', color: 'blue', badge: '404' },
  error: { meaning: 'another status >= 400', color: 'red', badge: 'ERR' },
  ok: { meaning: 'answered with a status < 400', color: 'green', badge: 'OK' },
  'allowlist-error': { meaning: 're-run answered from here: the origin blocks the edge', color: 'yellowBright', badge: 'ALLOW!' },
  'bad-request': { meaning: 're-run failed from here too: the request the SSR code builds is wrong', color: 'redBright', badge: 'BADREQ' },
};

/** Parses `--only` values: labels, comma-separated; `failures` stands for every failure label. */
export function parseLabelList(spec: string, all: readonly Label[], failures: ReadonlySet<Label>): Set<Label> {
  const out = new Set<Label>();
  const parts = spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) throw new Error(`--only needs at least one label (known: ${all.join(', ')}, failures)`);
  for (const part of parts) {
    if (part === 'failures' || part === 'errors') {
      for (const l of failures) out.add(l);
      continue;
    }
    if (!(all as readonly string[]).includes(part)) {
      throw new Error(`unknown label "${part}" in --only (known: ${all.join(', ')}, failures)`);
    }
    out.add(part as Label);
  }
  return out;
}
