// Wires `c` (copy as curl) and `r` (re-run) to the curl feature (src/curl/effects.ts): OSC 52 goes to the
// terminal, a verdict is stored in the pipeline, and the copied command is shown on screen.
import type { Pipeline } from '../pipeline.js';
import type { RequestGroup } from '../model.js';
import { createCurlEffects } from '../curl/effects.js';
import { copyToClipboard, type CopyOptions } from '../curl/clipboard.js';
import { sanitize } from '../util/sanitize.js';
import { maskRawLine } from './detail/secrets.js';
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
  const clipboard: CopyOptions = { writeTerminal: w.writeTerminal, ...(w.clipboardTool === null ? { tool: null } : {}) };
  const fx = createCurlEffects({
    showSecrets: w.showSecrets,
    setDiagnosis: (g, d) => w.pipeline.setDiagnosis(g, d),
    onCommand: (text) => onCommand?.(text),
    clipboard,
    timeoutMs: w.timeoutMs,
  });
  return {
    copyCurl: (g, upstream) => fx.copyCurl(g, upstream),
    copyLines: (g) => copyLines(g, w.showSecrets, clipboard),
    copyId: async (g) => {
      const id = sanitize(g.requestId);
      return `request ID ${id} copied: ${(await copyToClipboard(id, clipboard)).message}`;
    },
    rerunPrompt: (g, upstream) => fx.rerunPrompt(g, upstream),
    rerun: async (g, upstream) => ({ message: (await fx.rerun(g, upstream)).message }),
    onCommand: (fn) => {
      onCommand = fn;
    },
  };
}

/**
 * `C`: the request's own lines as they were logged, one per line, to paste into a ticket or a chat. Escape
 * sequences and control characters are taken out (the text will be pasted into terminals) and secrets masked
 * as on screen.
 */
async function copyLines(g: RequestGroup, showSecrets: boolean, clipboard: CopyOptions): Promise<string> {
  if (g.raw.length === 0) {
    return g.shed ? 'this request was let go from memory (memory short): its lines are gone, nothing to copy' : 'this request has no lines of its own to copy';
  }
  let masked = 0;
  const lines = g.raw.map((l) => {
    const text = sanitize(l.text);
    const shown = maskRawLine(text, showSecrets);
    if (shown !== text) masked++;
    return shown;
  });
  // the pasted text says itself that it is not all of the request
  const more = g.rawDropped > 0 ? `[… ${g.rawDropped} more line${g.rawDropped === 1 ? '' : 's'} of this request not kept in memory]\n` : '';
  const copied = await copyToClipboard(lines.join('\n') + '\n' + more, clipboard);
  const n = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
  const notes = [masked > 0 ? `secrets masked in ${masked}` : '', g.rawDropped > 0 ? `${g.rawDropped} more not kept` : ''].filter(Boolean);
  return `the request's ${n} copied${notes.length ? ` (${notes.join('; ')})` : ''}: ${copied.message}`;
}
