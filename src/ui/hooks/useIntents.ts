// What keys ask for beyond the view state: copy (`c`, `C`), re-run (`r`, after its y/n), write the list to a file
// (`w`, Enter on the path, y/n before overwriting) and suspend. The reducer stays pure; this hook runs the effects.
import { useCallback, type MutableRefObject } from 'react';
import type { RequestGroup } from '../../model.js';
import type { TuiStore } from '../store.js';
import type { Effects } from '../effects.js';
import type { Line as DetailLine } from '../format/segments.js';
import { cursorIndex, type Action, type ViewContext, type ViewState } from '../state/view-state.js';
import { isIntent, type Intent, type KeyResult } from '../state/keys.js';
import { rowsToWrite } from '../state/list-actions.js';
import { defaultListPath, resolveListPath, writeList } from '../write-list.js';
import { clean } from '../../util/sanitize.js';

/** The reducer's context, with the full groups and lines the intents need. */
export interface AppContext extends ViewContext {
  list: readonly RequestGroup[];
  detail: readonly DetailLine[];
}

export interface IntentDeps {
  dispatch: (a: Action) => void;
  stateRef: MutableRefObject<ViewState>;
  ctx: MutableRefObject<AppContext>;
  effects: Effects;
  store: TuiStore;
  onSuspend?: () => void;
}

/**
 * The upstream call `c` copies when none is under the detail cursor: the first without an answer, else the first
 * that answered >= 400 (a backend-error's: the call its reasons name, for the backend team), else the first.
 */
function defaultUpstream(g: RequestGroup): number | undefined {
  if (g.upstreams.length === 0) return undefined;
  const silent = g.upstreams.findIndex((u) => u.status === undefined);
  const failed = g.upstreams.findIndex((u) => u.status !== undefined && u.status >= 400);
  return silent >= 0 ? silent : Math.max(0, failed);
}

/** Returns a handler that carries out a key's result when it is an effect, else returns the action for the reducer. */
export function useIntents(d: IntentDeps): (r: KeyResult) => Action | undefined {
  const { dispatch, stateRef, ctx, effects, store, onSuspend } = d;
  const say = useCallback((text: string) => dispatch({ type: 'message', text }), [dispatch]);

  const write = useCallback(
    (file: string, overwrite: boolean) => {
      const rows = rowsToWrite(stateRef.current, ctx.current.list);
      const marked = stateRef.current.marked.length > 0;
      const shown = clean(file, 300);
      void writeList(file, rows, overwrite).then((o) => {
        if ('exists' in o) dispatch({ type: 'ask', prompt: `${shown} exists: write over it?`, intent: { type: 'overwrite', path: file } });
        else if ('error' in o) say(`not written: ${shown}: ${o.error}`);
        else say(`wrote ${o.written} ${marked ? 'marked ' : ''}request${o.written === 1 ? '' : 's'} to ${shown}`);
      }, (e: Error) => say(`not written: ${shown}: ${e.message}`));
    },
    [dispatch, say, stateRef, ctx],
  );

  const run = useCallback(
    (i: Intent) => {
      if (i.type === 'suspend') return onSuspend?.();
      const s = stateRef.current;
      const c = ctx.current;
      if (i.type === 'write') {
        const rows = rowsToWrite(s, c.list).length;
        if (rows === 0) return say(s.marked.length ? 'nothing to write: no marked request in this view' : 'nothing to write: the list is empty');
        return dispatch({ type: 'openPrompt', text: defaultListPath(), rows });
      }
      if (i.type === 'writeAccept') {
        const text = s.prompt?.text.trim() ?? '';
        if (!text) return say('type a path to write to (Esc: not written)');
        dispatch({ type: 'closePrompt', message: 'writing…', underWay: true });
        return write(resolveListPath(text), false);
      }
      const g = c.list[cursorIndex(s, c.list)];
      if (!g) return say('no request selected');
      const lineUp = s.focus === 'detail' && !s.text && !s.unattributed && !s.groups ? c.detail[Math.min(s.detailCursor, c.detail.length - 1)]?.upstream : undefined;
      if (i.type === 'copyCurl' || i.type === 'copyLines' || i.type === 'copyId') {
        const up = lineUp ?? defaultUpstream(g);
        const copied = i.type === 'copyCurl' ? effects.copyCurl(g, up === undefined ? undefined : g.upstreams[up]) : i.type === 'copyLines' ? effects.copyLines(g) : effects.copyId(g);
        copied.then(say, (e: Error) => say(`copy failed: ${e.message}`));
        return;
      }
      const ask = effects.rerunPrompt(g, lineUp);
      if ('unavailable' in ask) return say(ask.unavailable);
      dispatch({ type: 'ask', prompt: ask.prompt.replace(/\s*\[?y\/n\]?\s*$/i, ''), intent: { type: 'rerun', seq: g.seq, upstream: ask.upstream } });
    },
    [dispatch, say, write, effects, onSuspend, stateRef, ctx],
  );

  return useCallback(
    (r: KeyResult) => {
      if (!r) return undefined;
      if (isIntent(r)) return void run(r);
      const confirm = stateRef.current.confirm;
      if (r.type !== 'answer' || !r.yes || !confirm) return r;
      dispatch({ type: 'answer', yes: true });
      if (confirm.intent.type === 'overwrite') return void write(confirm.intent.path, true);
      const { seq, upstream } = confirm.intent;
      const g = ctx.current.list.find((x) => x.seq === seq) ?? store.pipeline.groups().find((x) => x.seq === seq);
      // the question, said as what is under way: "re-running GET <url> from this machine (…, 10 s timeout)…"
      dispatch({ type: 'message', text: `${confirm.prompt.replace(/^re-run\b/, 're-running').replace(/\?$/, '')}…`, underWay: true });
      if (g) {
        effects.rerun(g, upstream).then(
          (o) => {
            say(o.message);
            store.refresh();
          },
          (e: Error) => say(`re-run failed: ${e.message}`),
        );
      }
      return undefined;
    },
    [run, write, say, dispatch, effects, store, stateRef, ctx],
  );
}
