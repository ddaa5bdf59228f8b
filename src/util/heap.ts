// Watches the JavaScript heap after each full garbage collection: the one moment its used size is the
// live data and not garbage waiting to be collected. --max-groups bounds requests, not bytes; requests
// with big headers and bodies could still fill the heap, and Node ends a process that does so with a
// fatal error (no message of ours, the terminal left in the TUI's mode). The TUI keeps fewer requests
// instead (see Pipeline's heapGuard).
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Share of the heap limit the live data may take before requests are let go: the rest is the collector's room. */
export const HEAP_PRESSURE = 0.6;

export interface HeapWatch {
  stop(): void;
}

/**
 * Calls onPressure(used, limit) after a full collection leaves more than `share` of the heap limit in use.
 * The observer holds no handle open: it never keeps the process alive.
 */
export function watchHeap(onPressure: (used: number, limit: number) => void, share = HEAP_PRESSURE): HeapWatch {
  const limit = oldSpaceLimit();
  const obs = new PerformanceObserver((list) => {
    // (Node 20's types leave out `detail`, which gc entries carry: { kind, flags })
    const full = list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!full) return;
    const used = process.memoryUsage().heapUsed;
    if (used > limit * share) onPressure(used, limit);
  });
  obs.observe({ entryTypes: ['gc'] });
  return { stop: () => obs.disconnect() };
}

/** V8's heap limit counts the young generation's three semi-spaces (16 MiB each on 64-bit): the rest is what long-lived data can fill. */
export function oldSpaceLimit(): number {
  const limit = v8.getHeapStatistics().heap_size_limit;
  return Math.max(limit / 2, limit - 3 * 16 * 2 ** 20);
}
