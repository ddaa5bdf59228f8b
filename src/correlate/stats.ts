// What the correlator counts: requests, lines that came late or twice, labels.
import type { Label } from '../model.js';

export interface CorrelatorStats {
  groups: number;
  retained: number;
  evicted: number;
  /** lines for a request already final: they came after its grace period, its label was decided without them */
  lateLines: number;
  /** lines for a request already handed to onDecided (live report mode prints it then: they are not in its row) */
  afterDecided: number;
  /** requests finalised before their time to stay under the cap (every retained one was still open): labels may be wrong */
  decidedEarly: number;
  reusedIds: number;
  duplicates: number;
  /**
   * requests that began with a line stamped more than the grace period and the log delay behind the stream's clock,
   * once requests had left memory: the input is not in time order, and such a line may be a piece of a request
   * printed and forgotten already, split in two (see Pipeline.startsBehind)
   */
  startedBehind: number;
  labels: Record<Label, number>;
  /** the retained-group cap, once memory made it lower than --max-groups (see lowerCap) */
  memoryCap: number | undefined;
}

/** Every label at zero. */
export function emptyLabels(): Record<Label, number> {
  return {
    'sni-error': 0, 'upstream-connection-error': 0, pending: 0, 'allowlist-suspect': 0, 'backend-error': 0,
    'ssr-code-error': 0, timeout: 0, 'not-found': 0, error: 0, ok: 0, 'allowlist-error': 0, 'bad-request': 0,
  };
}
