import { describe, expect, it } from 'vitest';
import { stateSegs } from '../../src/ui/components/Header.js';
import { lineText } from '../../src/ui/format/segments.js';
import { describeState } from '../../src/sources/status.js';
import type { SourceStatus } from '../../src/model.js';

const shown = (status: SourceStatus) => lineText(stateSegs({ name: 'app.log', live: true, status }));

describe('the header: a source state', () => {
  it('says what happened to a followed file, not just "live"', () => {
    expect(shown({ state: 'live', detail: 'following' })).toBe('● live');
    expect(shown({ state: 'live', detail: 'removed or renamed: waiting for a new file under that name' })).toBe(
      '● live: removed or renamed: waiting for a new file under that name',
    );
    expect(shown({ state: 'live', detail: 'rotated: following the new file' })).toBe('● live: rotated: following the new file');
    expect(shown({ state: 'live', detail: 'connected' })).toBe('● live');
    expect(shown({ state: 'live' })).toBe('● live');
  });

  it('does not say a state twice', () => {
    expect(shown({ state: 'retrying', detail: 'retrying in 0.9s: closed (code 4000)' })).toBe('◌ retrying in 0.9s: closed (code 4000)');
    expect(shown({ state: 'connecting', detail: 'attempt 2' })).toBe('◌ connecting: attempt 2');
    expect(describeState({ state: 'closed', detail: 'closed by the server: bye' })).toBe('closed by the server: bye');
    expect(describeState({ state: 'closed' })).toBe('closed');
  });

  it('counts dropped lines in red after the state', () => {
    const segs = stateSegs({ name: 'ws', live: true, status: { state: 'live', dropped: 1200 } });
    expect(lineText(segs)).toBe('● live (1,200 lines dropped)');
    expect(segs[1]!.color).toBe('red');
  });
});
