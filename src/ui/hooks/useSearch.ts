// Runs the fuzzy search in small steps between frames: results appear as they are found, keys stay
// responsive, and a stream of new lines refreshes the results at most once a second.
import { useEffect, useRef, useState } from 'react';
import type { RequestGroup } from '../../model.js';
import { SearchIndex, checkQuery, type SearchRun } from '../state/search.js';
export { pastedId } from '../state/search-words.js';

export interface SearchState {
  /** seqs matching the query; undefined when there is no query */
  matches?: ReadonlySet<number>;
  running: boolean;
  progress: number;
  /** more requests match than the results hold (the newest MAX_RESULTS are shown) */
  capped?: boolean;
  /** the query has a field term that cannot be read: it is searched without it */
  error?: string;
}

const IDLE: SearchState = { running: false, progress: 1 };

/** Schedules search runs; one at a time, restarted on a new query, refreshed when data changed. */
export class SearchRunner {
  private readonly index = new SearchIndex();
  private run?: SearchRun;
  private timer?: ReturnType<typeof setTimeout>;
  private query = '';
  private stale = false;
  private lastStart = 0;
  private fresh = false;
  private lastEmit = 0;
  /** why the newest query was not searched */
  private error?: string;
  state: SearchState = IDLE;

  constructor(
    private readonly getGroups: () => readonly RequestGroup[],
    private readonly onChange: (s: SearchState) => void,
    private readonly opts = { debounceMs: 60, refreshMs: 1000, stepMs: 5, restMs: 3, showEveryMs: 100 },
    /** the stream's clock face, on which `since:09:00` reads dated times (see util/window.ts inWindow) */
    private readonly getFace: () => number | undefined = () => undefined,
  ) {}

  setQuery(query: string): void {
    const q = query.trim();
    // a field term it cannot read (`status:` on the way to `status:539`) is said, and searched without
    const checked = checkQuery(q);
    const errorChanged = checked.error !== this.error;
    this.error = checked.error;
    const searched = checked.empty ? '' : q;
    if (searched === this.query) {
      if (errorChanged) this.emit(this.state);
      return;
    }
    this.query = searched;
    this.cancel();
    if (!searched) {
      this.emit(IDLE);
      return;
    }
    this.emit({ matches: this.state.matches, running: true, progress: 0 });
    this.timer = setTimeout(() => this.begin(true), this.opts.debounceMs);
  }

  /** New data arrived: refresh the results soon (never more than once per refreshMs). */
  dataChanged(): void {
    if (!this.query) return;
    if (this.run || this.timer) {
      this.stale = true;
      return;
    }
    const wait = Math.max(0, this.lastStart + this.opts.refreshMs - Date.now());
    this.timer = setTimeout(() => this.begin(false), wait);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.run = undefined;
    this.stale = false;
  }

  private begin(fresh: boolean): void {
    this.timer = undefined;
    this.stale = false;
    this.fresh = fresh;
    this.lastStart = Date.now();
    this.run = this.index.start(this.getGroups(), this.query, undefined, this.getFace());
    this.step();
  }

  private step(): void {
    const run = this.run;
    if (!run) return;
    const done = run.step(this.opts.stepMs);
    // a new query shows results as they come (a frame every showEveryMs at most: each one redraws the
    // whole screen, and keys wait behind it); a refresh swaps them in when complete
    const now = Date.now();
    if (done || (this.fresh && now - this.lastEmit >= this.opts.showEveryMs)) {
      this.lastEmit = now;
      this.emit({ matches: new Set(run.results), running: !done, progress: run.progress, capped: run.capped });
    }
    if (!done) {
      // the search gets at most ~60% of the time: a live stream, frames and keys take turns in the rest
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.step();
      }, this.opts.restMs);
      return;
    }
    this.run = undefined;
    this.index.prune(this.getGroups());
    if (this.stale) this.dataChanged();
  }

  private emit(s: SearchState): void {
    this.state = this.error === s.error ? s : { ...s, error: this.error };
    this.onChange(this.state);
  }
}

export function useSearch(groups: readonly RequestGroup[], query: string, dataVersion: number, face?: () => number | undefined): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const groupsRef = useRef(groups);
  groupsRef.current = groups;
  const runner = useRef<SearchRunner | undefined>(undefined);
  if (!runner.current) runner.current = new SearchRunner(() => groupsRef.current, setState, undefined, face);
  useEffect(() => () => runner.current?.dispose(), []);
  useEffect(() => runner.current!.setQuery(query), [query]);
  useEffect(() => runner.current!.dataChanged(), [dataVersion]);
  return query.trim() ? state : IDLE;
}
