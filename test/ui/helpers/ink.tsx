// Renders the App with ink-testing-library on a real file, and waits for frames.
import React from 'react';
import { render } from 'ink-testing-library';
import { Pipeline } from '../../../src/pipeline.js';
import { FileSource } from '../../../src/sources/file.js';
import { TuiStore } from '../../../src/ui/store.js';
import { App, type AppProps } from '../../../src/ui/components/App.js';
import { ColorContext } from '../../../src/ui/components/Line.js';
import { TRIAGE_LOG } from './fixture.js';

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  enter: '\r',
  tab: '\t',
  escape: '\u001b',
  backspace: '\u007f',
};

export async function loadedStore(path = TRIAGE_LOG): Promise<TuiStore> {
  const store = new TuiStore(new Pipeline({}), [new FileSource(path)]);
  await store.start();
  return store;
}

export function renderApp(store: TuiStore, props: Partial<AppProps> & { color?: boolean } = {}) {
  const { color = false, ...rest } = props;
  const r = render(
    <ColorContext.Provider value={color}>
      <App store={store} showSecrets={false} size={{ columns: 100, rows: 30 }} {...rest} />
    </ColorContext.Provider>,
  );
  const frame = () => r.lastFrame() ?? '';
  /** Waits until the frame satisfies `pred` (generous timeout: CI machines are slow). */
  const waitFor = async (pred: (f: string) => boolean, what = 'frame', timeoutMs = 5000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (pred(f)) return f;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      // let Ink parse the key and React commit before the next one
      await new Promise((res) => setTimeout(res, 30));
    }
  };
  return { ...r, frame, waitFor, press };
}

/** The line of the frame holding the selection marker. */
export function selectedRow(frame: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith('› '));
}
