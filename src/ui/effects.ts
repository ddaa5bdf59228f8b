// Side effects the keys ask for: copy as curl (`c`), copy the request's lines (`C`) and re-run (`r`), provided by the curl feature
// (see curl-effects.ts). Without it (tests, or a build without src/curl/), the keys say so.
import type { RequestGroup, UpstreamCall } from '../model.js';

export interface RerunOutcome {
  /** shown in the status line */
  message: string;
}

export interface Effects {
  /** Copies the request as curl (an upstream call, else the edge request); resolves with where it went. */
  copyCurl(g: RequestGroup, upstream?: UpstreamCall): Promise<string>;
  /** Copies the request's own log lines as they were logged (secrets masked); resolves with where they went. */
  copyLines(g: RequestGroup): Promise<string>;
  /** Copies the request ID (to paste into a search, a chat or a ticket); resolves with where it went. */
  copyId(g: RequestGroup): Promise<string>;
  /** The y/n question before a re-run (naming method and URL), or why there is nothing to re-run. */
  rerunPrompt(g: RequestGroup, upstream?: number): { prompt: string; upstream?: number } | { unavailable: string };
  /** Re-runs from this machine and stores the verdict; resolves with what to show. */
  rerun(g: RequestGroup, upstream?: number): Promise<RerunOutcome>;
  /** Registers who shows a copied command on screen. */
  onCommand?(show: (text: string) => void): void;
}

const SOON = 'needs the curl feature (src/curl/)';

/** Placeholder effects: say what is missing. */
export const NO_CURL: Effects = {
  copyCurl: async () => `copy as curl ${SOON}`,
  copyLines: async () => `copy ${SOON}`,
  copyId: async () => `copy ${SOON}`,
  rerunPrompt: () => ({ unavailable: `re-run ${SOON}` }),
  rerun: async () => ({ message: `re-run ${SOON}` }),
};
