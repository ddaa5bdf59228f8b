// Wires `c` (copy as curl) and `r` (re-run) to the curl feature (src/curl/effects.ts): OSC 52 goes to the
// terminal, a verdict is stored in the pipeline, and the copied command is shown on screen.
import type { Pipeline } from '../pipeline.js';
import { createCurlEffects } from '../curl/effects.js';
import type { Effects } from './effects.js';

export interface CurlWiring {
  pipeline: Pipeline;
  showSecrets: boolean;
  /** writes to the terminal (OSC 52 for the clipboard) */
  writeTerminal: (s: string) => void;
  /** re-runs time out after this long (default: the curl feature's) */
  timeoutMs?: number;
  /** null: no clipboard tool, OSC 52 only (tests) */
  clipboardTool?: null;
}

/** The effects, plus a hook for the copied command (the App shows it). */
export function curlEffects(w: CurlWiring): Effects {
  let onCommand: ((text: string) => void) | undefined;
  const fx = createCurlEffects({
    showSecrets: w.showSecrets,
    setDiagnosis: (g, d) => w.pipeline.setDiagnosis(g, d),
    onCommand: (text) => onCommand?.(text),
    clipboard: { writeTerminal: w.writeTerminal, ...(w.clipboardTool === null ? { tool: null } : {}) },
    timeoutMs: w.timeoutMs,
  });
  return {
    copyCurl: (g, upstream) => fx.copyCurl(g, upstream),
    rerunPrompt: (g, upstream) => fx.rerunPrompt(g, upstream),
    rerun: async (g, upstream) => ({ message: (await fx.rerun(g, upstream)).message }),
    onCommand: (fn) => {
      onCommand = fn;
    },
  };
}
