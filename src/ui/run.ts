// Entry point the CLI calls. React and Ink are loaded here, after NODE_ENV says "production" (React's
// development build checks every prop on every frame: several times slower on big inputs) and the CI markers
// are gone (Ink would not draw).
import type { Label, LineSource } from '../model.js';
import type { Pipeline } from '../pipeline.js';
import type { TimeWindow } from '../util/window.js';
import type { RequestFilter } from '../filter/filter.js';

export interface TuiOptions {
  pipeline: Pipeline;
  sources: LineSource[];
  only?: Set<Label>;
  /** --since / --until */
  window?: TimeWindow;
  /** --filter */
  filter?: RequestFilter;
  color: boolean;
  showSecrets: boolean;
  stdinIsPipe: boolean;
}

export async function runTui(o: TuiOptions): Promise<number> {
  const env = process.env; // (not process.env.NODE_ENV itself: the bundle defines that as a constant)
  env.NODE_ENV ??= 'production';
  // Ink draws nothing until exit when it thinks it runs in CI (is-in-ci reads these when Ink loads).
  // The TUI only starts on a terminal, with someone in front of it.
  for (const k of Object.keys(process.env)) {
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  }
  // Keys first: without a terminal to read them from, print a report instead (and load no Ink at all)
  const { openKeyboard } = await import('./terminal.js');
  const keyboard = openKeyboard();
  if ('error' in keyboard) {
    process.stderr.write(`ssrtail: ${keyboard.error}; printing a report instead (use --report to choose it)\n`);
    const { runReport } = await import('../report/run.js');
    return runReport(o.pipeline, o.sources, { json: false, only: o.only, window: o.window, filter: o.filter, color: o.color, width: process.stdout.columns || 0, details: true });
  }
  const { startTui } = await loadWithoutFetch(() => import('./tui.js'));
  return startTui(o, keyboard);
}

/**
 * yoga-layout (Ink's layout engine) reads its inlined WebAssembly through fetch() whenever fetch exists,
 * which loads Node's whole fetch implementation to decode a data: URL; without it, it decodes the base64
 * directly, tens of milliseconds sooner. Nothing else runs while the modules load; fetch is back after.
 */
async function loadWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const g = globalThis as { fetch?: unknown };
  const desc = Object.getOwnPropertyDescriptor(g, 'fetch');
  if (!desc?.configurable) return load();
  delete g.fetch;
  try {
    return await load();
  } finally {
    Object.defineProperty(g, 'fetch', desc);
  }
}
