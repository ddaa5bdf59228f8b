// The triage screen: header, request list, detail pane, status line, footer. Holds the view state;
// reads the pipeline through the store; sends intents (pause, copy, re-run) and never parses.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, useApp } from 'ink';
import type { Label, RequestGroup } from '../../model.js';
import { LABEL_INFO } from '../../diagnose/labels.js';
import { newestFor } from '../format/time.js';
import { clean } from '../../util/sanitize.js';
import type { TuiStore } from '../store.js';
import { layout } from '../layout.js';
import { buildDetail } from '../detail/tree.js';
import { textLines, unattributedLines } from '../detail/panels.js';
import { seg, wrapSegs, type Seg } from '../format/segments.js';
import { reduce } from '../state/reducer.js';
import { clampTop, cursorIndex, initialState, syncDetail, type Action, type ViewState } from '../state/view-state.js';
import { keyToAction, splitKeys, type KeyInfo } from '../state/keys.js';
import { holdsSeq, presentLabels, sortList, visibleGroups } from '../state/select.js';
import { bucketize, type Buckets } from '../state/sparkline.js';
import { useStoreVersion } from '../hooks/useStoreVersion.js';
import { useTerminalSize, type Size } from '../hooks/useTerminalSize.js';
import { pastedId, useSearch } from '../hooks/useSearch.js';
import { useIntents, type AppContext } from '../hooks/useIntents.js';
import { useGroupSummary } from '../hooks/useGroupSummary.js';
import { useKeys } from '../hooks/useKeys.js';
import { failureText } from '../../sources/status.js';
import { hintNote } from '../../parse/hints.js';
import { NO_CURL, type Effects } from '../effects.js';
import { Header, headerRows, sparkWidth } from './Header.js';
import { RequestList } from './RequestList.js';
import { DetailPane } from './DetailPane.js';
import { StatusLine, statusRows } from './StatusLine.js';
import { Footer } from './Footer.js';
import { HelpOverlay, helpLines } from './HelpOverlay.js';
import { Line } from './Line.js';
import { describeWindow, isWindow, type TimeWindow } from '../../util/window.js';
import { describeFilter, type RequestFilter } from '../../filter/filter.js';

export interface AppProps {
  store: TuiStore;
  showSecrets: boolean;
  /** --only: the label filter to start with */
  only?: ReadonlySet<Label>;
  /** --since / --until: only requests that started in it are listed */
  window?: TimeWindow;
  /** --filter: only requests that match it are listed */
  filter?: RequestFilter;
  /** fixed size (tests); otherwise the terminal's */
  size?: Size;
  effects?: Effects;
  /** frames a second at most */
  fps?: number;
  /** told the exit status just before the App exits: 0 for q, 130 for Ctrl-C */
  onQuit?: (status: number) => void;
  /** Ctrl-Z: gives the terminal back and stops the process (until `fg`); without it Ctrl-Z does nothing */
  onSuspend?: () => void;
}

const MESSAGE_MS = 6000;
const SPARK_MS = 500;
/** while a file loads in bulk the sparkline changes shape slowly: every 2 s is enough */
const SPARK_LOADING_MS = 2000;

function detailTitle(g: RequestGroup | undefined): Seg[] {
  if (!g) return [seg('no request selected', { dim: true })];
  const info = LABEL_INFO[g.label];
  return [
    seg(`[${info.badge}]`, { color: info.color, bold: true }),
    seg(` ${g.status ?? ''} `.replace(/^ {2}/, ' '), { bold: true }),
    seg(clean(g.requestId, 80), { bold: true }),
  ];
}

const NO_MATCHES: ReadonlySet<number> = new Set();

export function App(p: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const effects = p.effects ?? NO_CURL;
  const store = p.store;
  const pipeline = store.pipeline;
  const version = useStoreVersion(store, p.fps);
  const size = useTerminalSize(p.size);
  const [state, setState] = useState<ViewState>(() => initialState({ live: store.live, labels: p.only }));
  const stateRef = useRef(state);
  // the label totals take a second header line when one cannot hold them: the detail pane gives up a row
  const lay = layout(size, headerRows(pipeline.stats.labels, state.failuresOnly, Math.max(1, size.columns)), state.zoom ? state.focus : undefined, statusRows(state, Math.max(1, size.columns)));

  const groups = pipeline.groups();
  const search = useSearch(groups, state.query, version, () => pipeline.correlator.face());
  // a query whose field term cannot be read leaves the list as it was (the status line says why)
  const searching = state.query.trim() !== '' && !(search.error && search.matches === undefined && !search.running);
  const marked = useMemo(() => new Set(state.marked), [state.marked]);
  const list = useMemo(
    () => {
      const shown = visibleGroups(groups, { labels: state.labels, failuresOnly: state.failuresOnly, matches: searching ? search.matches ?? NO_MATCHES : undefined, window: p.window, marked: state.markedOnly ? marked : undefined, group: state.groupFilter, filter: p.filter, face: pipeline.correlator.face() });
      return sortList(shown, state.order);
    },
    // groups change in place: `version` says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [groups, version, state.labels, state.failuresOnly, searching, search.matches, state.order, state.markedOnly && marked, state.groupFilter],
  );
  const cursor = cursorIndex(state, list);
  const top = clampTop(state.top, cursor, lay.listRows, list.length);
  const selected = cursor >= 0 ? list[cursor] : undefined;
  const unfolded = useMemo(() => new Set(state.unfolded), [state.unfolded]);
  const requestDetail = useMemo(
    () => (selected ? buildDetail(selected, { unfolded, showSecrets: p.showSecrets, width: lay.width - 1 }) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selected, selected?.version, selected?.label, unfolded, p.showSecrets, lay.width],
  );
  const stats = pipeline.stats;
  const groupView = useGroupSummary(list, state.groups, lay.width - 1, version, store.isEnded);
  const detail = useMemo(
    () =>
      state.text
        ? textLines(state.text.body, lay.width - 1)
        : state.unattributed
          ? unattributedLines(pipeline.unattributed(), stats.unattributed, stats.rawLines, p.showSecrets)
          : (groupView ?? requestDetail),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.text, state.unattributed, requestDetail, state.unattributed && version, p.showSecrets, lay.width, groupView],
  );
  // the detail pane's position, from its top when the selection moved to another request without a key (search, filter)
  const shownDetail = syncDetail(state, list);
  const detailCursor = Math.min(shownDetail.detailCursor, Math.max(0, detail.length - 1));
  const detailTop = clampTop(shownDetail.detailTop, state.focus === 'detail' ? detailCursor : -1, lay.detailRows, detail.length);
  const counts = pipeline.stats.labels;
  const present = presentLabels(counts);
  const spark = sparkWidth(lay.width);
  // the sparkline reads every group: at most twice a second, every 2 s while loading (and at once when the input
  // ends or the width changes)
  const sparkCache = useRef<{ at: number; version: number; key: string; value: Buckets } | undefined>(undefined);
  const sparkKey = `${spark}|${store.isEnded}|${groups.length === 0}`;
  const sc = sparkCache.current;
  if (!sc || sc.key !== sparkKey || (sc.version !== version && Date.now() - sc.at >= (store.isLoading ? SPARK_LOADING_MS : SPARK_MS))) {
    sparkCache.current = { at: Date.now(), version, key: sparkKey, value: bucketize(groups, spark) };
  }
  const buckets = sparkCache.current!.value;

  const helpText = state.help ? helpLines(lay.width, lay.helpRows) : undefined;
  const help = helpText ? { rows: lay.helpRows, lines: helpText.length } : undefined;
  const ctxNow: AppContext = { list, listRows: lay.listRows, detailRows: lay.detailRows, detail, present, ended: store.inputDone, help };
  const ctx = useRef<AppContext>(ctxNow);
  ctx.current = ctxNow;

  /** a key changed the view and it is not drawn yet: the next key of a burst waits for it (see drain) */
  const uncommitted = useRef(false);
  const dispatch = useCallback((a: Action) => {
    const next = reduce(stateRef.current, a, ctx.current);
    if (next === stateRef.current) return;
    stateRef.current = next;
    uncommitted.current = true;
    setState(next);
  }, []);

  // a search for a request ID (pasted from a ticket) selects that request once, whatever the list order
  const jumpedFor = useRef('');
  useEffect(() => {
    const q = state.query.trim();
    if (!q) jumpedFor.current = '';
    if (!q || jumpedFor.current === q || !search.matches) return;
    const g = pipeline.get(pastedId(q));
    if (g && search.matches.has(g.seq)) {
      jumpedFor.current = q;
      dispatch({ type: 'select', seq: g.seq });
    }
  }, [state.query, search.matches, pipeline, dispatch]);

  const handled = useIntents({ dispatch, stateRef, ctx, effects, store, onSuspend: p.onSuspend });
  // too small to draw: only q, Ctrl-C and Ctrl-Z act (nothing done unseen: a move, a re-run, a write)
  const tooSmall = useRef(false);
  tooSmall.current = lay.tooSmall;
  const onKey = (input: string, key: KeyInfo) => {
    const r = keyToAction(input, key, stateRef.current);
    if (tooSmall.current && r?.type !== 'quit' && r?.type !== 'suspend') return;
    const a = handled(r);
    if (a) dispatch(a);
  };
  // a burst of keys is handled one key at a time, each after the view the previous one made is rendered: the list
  // and the detail lines (what Enter unfolds, where g and G go) come from that render
  const queue = useRef<Array<[string, KeyInfo]>>([]);
  const draining = useRef(false);
  const drain = () => {
    draining.current = false;
    while (queue.current.length && !uncommitted.current) {
      const next = queue.current.shift()!;
      onKey(next[0], next[1]);
    }
    // what is left goes on once React committed the change (the effect below)
    draining.current = queue.current.length > 0;
  };
  useEffect(() => {
    uncommitted.current = false;
    if (draining.current) setImmediate(drain);
  });
  useKeys((input, key) => {
    const idle = queue.current.length === 0 && !draining.current;
    queue.current.push(...splitKeys(input, key));
    if (idle) drain();
  });

  useEffect(() => effects.onCommand?.((body) => dispatch({ type: 'showText', title: 'copied as curl', body })), [effects, dispatch]);
  useEffect(() => store.setPaused(state.paused), [store, state.paused]);
  // a marked request let go (the oldest go past --max-groups) is no longer counted as marked
  useEffect(() => {
    const gone = state.marked.filter((seq) => !holdsSeq(groups, seq));
    if (gone.length) dispatch({ type: 'dropMarks', seqs: gone });
  }, [version, groups, state.marked, dispatch]);
  // following stops when the input ends (the header would claim it goes on)
  useEffect(() => {
    if (store.inputDone && state.follow) dispatch({ type: 'inputEnded' });
  }, [store.inputDone, state.follow, dispatch]);
  const onQuit = p.onQuit;
  useEffect(() => {
    if (!state.quit) return;
    onQuit?.(state.quit === 'interrupt' ? 130 : 0);
    exit();
  }, [state.quit, exit, onQuit]);
  useEffect(() => {
    if (store.notice) {
      dispatch({ type: 'message', text: store.notice });
      if (stateRef.current.paused && !store.isPaused) dispatch({ type: 'setPaused', paused: false });
      store.notice = undefined;
    }
  }, [version, store, dispatch]);
  useEffect(() => {
    // a message of work under way ('re-running …', 'writing…') stays until its outcome replaces it
    if (!state.message || state.message === state.underWay) return;
    const text = state.message;
    const t = setTimeout(() => {
      if (stateRef.current.message === text) dispatch({ type: 'message', text: undefined });
    }, MESSAGE_MS);
    return () => clearTimeout(t);
  }, [state.message, state.underWay, dispatch]);

  if (lay.tooSmall) {
    return (
      <Box flexDirection="column" width={lay.width} height={lay.height}>
        {wrapSegs([seg(`terminal too small (${lay.width}x${lay.height + 1}): make it at least 40x12 · q quits`, { color: 'yellow' })], lay.width, 0, lay.height).map((segs, i) => (
          <Line key={i} segs={segs} width={lay.width} />
        ))}
      </Box>
    );
  }

  const newest = (t: number) => newestFor(t, pipeline.correlator.newest('tod'), pipeline.correlator.newest('epoch'));
  const footer = <Footer width={lay.width} state={state} />;
  if (state.help) {
    return (
      <Box flexDirection="column" width={lay.width} height={lay.height}>
        <HelpOverlay width={lay.width} rows={lay.helpRows} top={state.helpTop} lines={helpText} />
        {footer}
      </Box>
    );
  }
  // what the flags keep out of the list: `started since 09:00 and matches status:5xx`
  const filterText = p.filter ? clean(describeFilter(p.filter), 200) : undefined;
  const chosenBy = [isWindow(p.window) ? `started ${describeWindow(p.window)}` : '', filterText ? `matches --filter ${filterText}` : ''].filter(Boolean).join(' and ');
  // a source that failed says why where the requests would be (the header has room for little of it)
  const failed = store.sourceViews.find((v) => v.status.state === 'error');
  const empty =
    groups.length === 0
      ? failed
        ? failureText(failed.name, failed.status)
        : store.isEnded
          ? // what the sources said (UTF-16, compressed: the header has room for little of it) and what the log looks like
            ['no requests in this input', [...store.notes, hintNote(stats)].filter(Boolean).join('; ')].filter(Boolean).join(': ')
          : 'waiting for lines…'
      : search.running
        ? 'searching…'
        : chosenBy && !searching && state.labels.length === 0 && !state.failuresOnly
          ? `no request ${chosenBy} (of ${groups.length} in the input)`
          : 'nothing matches: Esc clears the search and filters';
  return (
    <Box flexDirection="column" width={lay.width} height={lay.height}>
      <Header
        width={lay.width}
        sources={store.sourceViews}
        paused={store.isPaused}
        buffered={store.buffered}
        follow={state.follow && !store.inputDone}
        order={state.order}
        requests={stats.groups}
        lines={stats.lines}
        unattributed={stats.unattributed}
        evicted={stats.evicted}
        memoryCap={stats.memoryCap}
        counts={counts}
        window={[isWindow(p.window) ? describeWindow(p.window) : '', state.groupFilter ? `${state.groupFilter.by} ${clean(state.groupFilter.key, 120)}` : ''].filter(Boolean).join('  ') || undefined}
        filter={filterText}
        activeLabels={state.labels}
        failuresOnly={state.failuresOnly}
        buckets={buckets}
      />
      <RequestList groups={list} top={top} cursor={cursor} rows={lay.listRows} width={lay.width} focused={state.focus === 'list'} timeMode={state.timeMode} showHost={state.showHost} newest={newest} anchor={store.inputDone ? selected?.firstTime : undefined} marked={marked} empty={empty} />
      <DetailPane
        title={state.text ? [seg(state.text.title, { bold: true }), seg('  (Esc closes)', { dim: true })] : state.unattributed ? [seg('lines without a request ID', { bold: true })] : state.groups ? [seg(`requests by ${state.groups}`, { bold: true })] : detailTitle(selected)} lines={detail} top={detailTop} cursor={detailCursor} rows={lay.detailRows} width={lay.width} focused={state.focus === 'detail'} />
      <StatusLine state={state} search={search} shown={list.length} total={groups.length} width={lay.width} rows={lay.statusRows} />
      {footer}
    </Box>
  );
}
