// Entry point the CLI calls. React and Ink are loaded here, after NODE_ENV says "production":
// React's development build checks every prop on every frame (several times slower on big inputs).
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
  const { startTui } = await import('./tui.js');
  return startTui(o);
}
