// What a Correlator is told (the pipeline builds it from the command line: cli.ts) and the spec's defaults.

export interface CorrelatorOptions {
  /** grace period in ms (spec: 35 s) */
  graceMs: number;
  /** live input: `pending` exists, groups are decided as soon as their label cannot change */
  live: boolean;
  /** retained groups at most; the oldest final ones are evicted past it */
  maxGroups: number;
  /** whole-file input: a group is final only once this many lines passed without touching it (shuffled files) */
  quietLines: number;
  /** keep final groups for viewing (TUI) until the cap evicts them; report mode drops them once printed */
  keepFinal: boolean;
  /** report mode: no headers, bodies, messages or raw lines kept (see applyEvent) */
  lean: boolean;
  /**
   * live input: a request whose label is certain is decided only once the stream's clock is this far past its
   * last line (its late rows have come: the spec's up to 15 s of log delay), so a printed row is whole. 0: at once.
   */
  settleMs?: number;
}

export const DEFAULT_GRACE_MS = 35_000;
export const DEFAULT_MAX_GROUPS = 100_000;
