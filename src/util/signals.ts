// Ctrl-C and SIGTERM during a report: the first asks the work to stop (what was read is still decided and
// printed, with the totals), a second one exits at once, unless it comes within a second of the first: `timeout`
// sends SIGTERM to the process and again to its group, and that must not cut the output short. The exit status
// says which signal: 130 or 143.

const STATUS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** a repeat sooner than this is the same stop delivered twice, not a second request */
const REPEAT_MS = 1000;

export interface StopSignals {
  /** 130 after Ctrl-C, 143 after SIGTERM; undefined while neither came */
  readonly status: number | undefined;
  /** stops listening */
  dispose(): void;
}

function listen(on: (sig: NodeJS.Signals) => void, yes: boolean): void {
  for (const sig of Object.keys(STATUS) as NodeJS.Signals[]) {
    if (yes) process.on(sig, on);
    else process.off(sig, on);
  }
}

export function catchStopSignals(stop: () => void): StopSignals {
  let status: number | undefined;
  let firstAt = 0;
  const on = (sig: NodeJS.Signals) => {
    if (status !== undefined) {
      if (Date.now() - firstAt >= REPEAT_MS) process.exit(status);
      return;
    }
    status = STATUS[sig] ?? 130;
    firstAt = Date.now();
    stop();
  };
  listen(on, true);
  return {
    get status() {
      return status;
    },
    dispose() {
      // the repeat of a stop can come after the work has ended (signals are handled in turn, under load late):
      // without a listener Node restores the default and that repeat would kill the process mid-output, so the
      // listener stays for the rest of the second
      if (status === undefined) listen(on, false);
      else setTimeout(() => listen(on, false), Math.max(0, REPEAT_MS - (Date.now() - firstAt))).unref();
    },
  };
}
