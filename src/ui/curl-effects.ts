// Wires `c` (copy as curl) and `r` (re-run) to src/curl/ when the curl feature is present.
import type { Effects } from './effects.js';

/** The curl feature's effects, or undefined (the keys then say it is coming). */
export async function loadEffects(_showSecrets: boolean): Promise<Effects | undefined> {
  return undefined;
}
