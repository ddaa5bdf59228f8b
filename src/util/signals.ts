// Ctrl-C and SIGTERM during a report: the first asks the work to stop (what was read is still decided and
// printed, with the totals), a second one exits at once. The exit status says which signal: 130 or 143.

const STATUS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface StopSignals {
  /** 130 after Ctrl-C, 143 after SIGTERM; undefined while neither came */
  readonly status: number | undefined;
  /** stops listening */
  dispose(): void;
}

export function catchStopSignals(stop: () => void): StopSignals {
  let status: number | undefined;
  const on = (sig: NodeJS.Signals) => {
    if (status !== undefined) process.exit(status);
    status = STATUS[sig] ?? 130;
    stop();
  };
  for (const sig of Object.keys(STATUS) as NodeJS.Signals[]) process.on(sig, on);
  return {
    get status() {
      return status;
    },
    dispose() {
      for (const sig of Object.keys(STATUS) as NodeJS.Signals[]) process.off(sig, on);
    },
  };
}
