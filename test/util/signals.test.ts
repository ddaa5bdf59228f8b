import { describe, expect, it } from 'vitest';
import { catchStopSignals } from '../../src/util/signals.js';

describe('catchStopSignals', () => {
  it('keeps listening for the rest of the second after a stop, so a late repeat (timeout sends two) cannot kill the process', async () => {
    const before = process.listenerCount('SIGTERM');
    let stops = 0;
    const s = catchStopSignals(() => stops++);
    process.emit('SIGTERM', 'SIGTERM');
    expect(s.status).toBe(143);
    s.dispose();
    // the work ended at once: without a listener Node would restore the default and a repeat would kill it
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM'); // the repeat: swallowed, not a second stop
    expect(stops).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('stops listening at once when no signal came', () => {
    const before = process.listenerCount('SIGINT');
    const s = catchStopSignals(() => {});
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    s.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(s.status).toBeUndefined();
  });
});
