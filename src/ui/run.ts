// Entry point the CLI calls. React and Ink are loaded here, after NODE_ENV says "production" (React's
// development build checks every prop on every frame: several times slower on big inputs) and the CI markers
// are gone (Ink would not draw).
import type { Label, LineSource } from '../model.js';
import type { Pipeline } from '../pipeline.js';

export interface TuiOptions {
  pipeline: Pipeline;
  sources: LineSource[];
  only?: Set<Label>;
  color: boolean;
  showSecrets: boolean;
  stdinIsPipe: boolean;
}

export async function runTui(o: TuiOptions): Promise<number> {
  process.env.NODE_ENV ??= 'production';
  // Ink draws nothing until exit when it thinks it runs in CI (is-in-ci reads these when Ink loads).
  // The TUI only starts on a terminal, with someone in front of it.
  for (const k of Object.keys(process.env)) {
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  }
  const { startTui } = await import('./tui.js');
  return startTui(o);
}
