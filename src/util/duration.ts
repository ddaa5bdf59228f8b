// "35s", "500ms", "2m", "1.5h" or a bare number of seconds -> milliseconds.

export function parseDuration(text: string, flag = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) throw new Error(`${flag}: "${text}" is not a duration (examples: 35s, 500ms, 2m)`);
  const n = parseFloat(m[1]!);
  const unit = (m[2] ?? 's').toLowerCase();
  const mult = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * mult);
}
