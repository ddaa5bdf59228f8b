// The full-screen TUI (loaded by run.ts): alternate screen, keys from the terminal (even when the data is piped in),
// sources fed through the store, and the terminal restored on every way out (q, Ctrl-C, SIGTERM, a crash)
// and while suspended (Ctrl-Z, SIGTSTP: `fg` resumes).
import React from 'react';
import chalk from 'chalk';
import { render, type Instance } from 'ink';
import type { TuiOptions } from './run.js';
import { TuiStore } from './store.js';
import { App } from './components/App.js';
import { ColorContext } from './components/Line.js';
import { enterScreen, leaveScreen, frameStream, jobControl, Frames, type Keyboard } from './terminal.js';
import type { Effects } from './effects.js';
import { curlEffects } from './curl-effects.js';
import { failureText } from '../sources/status.js';
import { sanitize } from '../util/sanitize.js';


const SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGTERM', 143],
  ['SIGINT', 130],
  ['SIGHUP', 129],
];

/** Waits (at most `ms`) until the store has something to show or its sources ended: one full first frame. */
function firstData(store: TuiStore, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const ready = () => store.pipeline.groups().length > 0 || store.isEnded;
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe(() => {
      if (ready()) done();
    });
    if (ready()) done();
  });
}

/** Runs the TUI with the keys run.ts opened. */
export async function startTui(o: TuiOptions, keyboard: Extract<Keyboard, { close: () => void }>): Promise<number> {
  const out = process.stdout;
  const store = new TuiStore(o.pipeline, o.sources);
  const effects: Effects = curlEffects({ pipeline: o.pipeline, showSecrets: o.showSecrets, writeTerminal: (s) => out.write(s) });
  let instance: Instance | undefined;
  let restored = false;
  /** 0 after q, 130 after Ctrl-C (the App says which) */
  let status = 0;
  const onQuit = (s: number) => {
    status = s;
  };
  const frames = new Frames();
  const job = jobControl(out, keyboard.stdin, frames);
  const onStop = () => {
    if (!restored) job.suspend();
  };
  const onContinue = () => {
    if (!restored) job.resume();
  };

  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      instance?.unmount();
    } catch {
      // already unmounted
    }
    store.stop();
    leaveScreen(out);
    closeKeyboard(keyboard);
    for (const [sig] of SIGNALS) process.off(sig, onSignal);
    process.off('SIGTSTP', onStop);
    process.off('SIGCONT', onContinue);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  const onSignal = (sig: NodeJS.Signals) => {
    restore();
    process.exit(SIGNALS.find(([s]) => s === sig)?.[1] ?? 1);
  };
  const onCrash = (err: unknown) => {
    restore();
    const e = err as Error;
    process.stderr.write(`ssrtail: ${e?.message ?? String(err)}\n`);
    if (process.env.SSRTAIL_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
    process.exit(2);
  };
  for (const [sig] of SIGNALS) process.on(sig, onSignal);
  process.on('SIGTSTP', onStop);
  process.on('SIGCONT', onContinue);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  keepAttributes(o.color, out);
  enterScreen(out);
  // the first frame is the slowest (nothing is compiled yet): draw it once there are rows to show
  const reading = store.start();
  await firstData(store, 150);
  try {
    instance = render(
      React.createElement(
        ColorContext.Provider,
        { value: o.color },
        React.createElement(App, { store, showSecrets: o.showSecrets, only: o.only, window: o.window, filter: o.filter, effects, onQuit, onSuspend: onStop }),
      ),
      // Ink's own frame throttle would hold a key's frame back behind a data frame: the data is paced by
      // useStoreVersion (10 frames a second) and the search (10), so Ink's throttle only merges bursts
      // Ctrl-C reaches the App's keys (exitOnCtrlC off) so that it can quit with status 130
      { stdin: keyboard.stdin, stdout: frameStream(out, frames), exitOnCtrlC: false, patchConsole: true, maxFps: 250 },
    );
    reading.catch(onCrash);
    await instance.waitUntilExit();
  } finally {
    restore();
  }
  // a pipe that keeps flowing (kubectl logs -f | ssrtail) must not keep us alive after q
  if (o.stdinIsPipe) process.stdin.destroy();
  // q after every source failed (a refused token, say): the reason was on screen; the status says it too, and so
  // does one line left on the terminal, as report mode prints it
  if (status === 0 && store.sourceViews.length > 0 && store.sourceViews.every((v) => v.status.state === 'error')) {
    for (const v of store.sourceViews) process.stderr.write(`ssrtail: ${sanitize(failureText(v.name, v.status))}\n`);
    status = 2;
  }
  setTimeout(() => process.exit(process.exitCode ?? status), 1000).unref();
  return status;
}

function closeKeyboard(k: Extract<Keyboard, { close: () => void }>): void {
  try {
    k.close();
  } catch {
    // nothing left to close
  }
}

/**
 * --no-color: chalk's supports-color reads the flag from argv and draws no bold and no inverse either (NO_COLOR keeps
 * them), while the selection and a prompt's cursor are inverse. Colours stay off (ColorContext); bold and inverse come
 * back, as under NO_COLOR, on any terminal but a dumb one.
 */
export function keepAttributes(color: boolean, out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): void {
  if (!color && chalk.level === 0 && out.isTTY && env.TERM !== 'dumb') chalk.level = 1;
}
