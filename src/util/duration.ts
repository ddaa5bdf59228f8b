// "35s", "500ms", "2m", "1.5h" or a bare number of seconds -> milliseconds.

/** Milliseconds in one of each unit a duration is written in (`d` only for a time ago: util/window.ts). */
export const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, flag = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) throw new Error(`${flag}: "${text}" is not a duration (examples: 35s, 500ms, 2m)`);
  const n = parseFloat(m[1]!);
  return Math.round(n * UNIT_MS[(m[2] ?? 's').toLowerCase()]!);
}
