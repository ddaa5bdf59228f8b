// Typed reads of the values a logged JSON object holds (log lines are untrusted: anything may be anything).

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v)) return +v;
  return undefined;
}
/** A duration in ms that can be one: not negative, under a year (-5 or 1e300 is a logging bug, not a time). */
export function duration(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 0 && n < 3.2e10 ? n : undefined;
}
export function status(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 100 && n <= 999 ? Math.trunc(n) : undefined;
}
