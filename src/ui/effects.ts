// Side effects the keys ask for: copy as curl (`c`) and re-run (`r`). The curl feature provides them;
// until src/curl/ has them, the keys say so in the status line.
import type { RequestGroup, UpstreamCall } from '../model.js';

export interface RerunOutcome {
  /** shown in the status line */
  message: string;
}

export interface Effects {
  /** Copies the request as curl; resolves with what to show ("copied … to the clipboard"). */
  copyCurl(g: RequestGroup, upstream?: UpstreamCall): Promise<string>;
  /** The y/n question before a re-run, or undefined when there is nothing to re-run (with a reason). */
  rerunPrompt(g: RequestGroup): { prompt: string; upstream?: number } | { unavailable: string };
  rerun(g: RequestGroup, upstream?: number): Promise<RerunOutcome>;
}

const SOON = 'arrives with the curl feature (src/curl/)';

/** Placeholder effects: say what is coming. */
export const NO_CURL: Effects = {
  copyCurl: async () => `copy as curl ${SOON}`,
  rerunPrompt: () => ({ unavailable: `re-run ${SOON}` }),
  rerun: async () => ({ message: `re-run ${SOON}` }),
};
