// Key -> action, as a pure function of the key and the view state (the input hook only forwards).
import { LABELS } from '../../model.js';
import type { Action, ViewState } from './view-state.js';
import { editOp } from './line-edit.js';

/** The parts of Ink's Key object the TUI reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  /** ← → with Ctrl or Alt (xterm's CSI 1;5D, 1;3D): by a word in a prompt (see refineKey) */
  word?: boolean;
}

/** Effects the App carries out itself (clipboard, network, files, suspending). */
export type Intent = { type: 'copyCurl' } | { type: 'copyLines' } | { type: 'copyId' } | { type: 'rerun' } | { type: 'suspend' } | { type: 'write' } | { type: 'writeAccept' };

const INTENTS = new Set<string>(['copyCurl', 'copyLines', 'copyId', 'rerun', 'suspend', 'write', 'writeAccept']);

export type KeyResult = Action | Intent | undefined;

/** Digit keys 1..9, 0 toggle the first ten labels (sni-error .. ok). */
export const DIGIT_LABELS = LABELS.slice(0, 10);

export function digitForLabel(label: string): string | undefined {
  const i = (DIGIT_LABELS as readonly string[]).indexOf(label);
  return i < 0 ? undefined : String((i + 1) % 10);
}

function navigation(input: string, key: KeyInfo): Action | undefined {
  if (key.upArrow || (input === 'k' && !key.ctrl)) return { type: 'move', by: -1 };
  if (key.downArrow || (input === 'j' && !key.ctrl)) return { type: 'move', by: 1 };
  if (key.pageUp || (key.ctrl && input === 'b') || (key.ctrl && input === 'u')) return { type: 'page', by: -1 };
  if (key.pageDown || (key.ctrl && input === 'f') || (key.ctrl && input === 'd')) return { type: 'page', by: 1 };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  return undefined;
}

export function keyToAction(input: string, key: KeyInfo, s: ViewState): KeyResult {
  if (key.ctrl && input === 'c') return { type: 'quit', interrupted: true };
  if (key.ctrl && input === 'z') return { type: 'suspend' };

  if (s.confirm) {
    if (input === 'y' || input === 'Y') return { type: 'answer', yes: true };
    if (input === 'n' || input === 'N' || key.escape || input === 'q') return { type: 'answer', yes: false };
    return undefined;
  }

  if (s.prompt) {
    // Esc, also when a key typed fast after it made it Meta+key, writes nothing
    if (key.escape || (key.meta && input.length === 1 && !key.ctrl)) return { type: 'closePrompt', message: 'not written' };
    if (key.return) return { type: 'writeAccept' };
    const op = editOp(input, key);
    return op ? { type: 'promptEdit', op } : undefined;
  }

  if (s.searchOpen) {
    if (key.escape) return { type: 'escape' };
    if (key.return || key.tab) return { type: 'searchAccept' };
    if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) return navigation(input, key);
    // Esc then a key typed fast arrives as one Meta+key (terminals send ESC x): the Esc closes the prompt
    if (key.meta && input.length === 1 && !key.ctrl) return { type: 'escape' };
    // the line editing of readline: ← → Home End, Ctrl-A/E, Backspace, Delete, Ctrl-W/U/K… (state/line-edit.ts)
    const op = editOp(input, key);
    return op ? { type: 'searchEdit', op } : undefined;
  }

  if (s.help) {
    if (input === 'q') return { type: 'quit' };
    // a help taller than the terminal scrolls; any other key closes it
    if (key.downArrow || input === 'j') return { type: 'scrollHelp', by: 1 };
    if (key.upArrow || input === 'k') return { type: 'scrollHelp', by: -1 };
    if (key.pageDown || input === ' ') return { type: 'scrollHelp', by: 'page' };
    if (key.pageUp) return { type: 'scrollHelp', by: '-page' };
    if (key.home || input === 'g') return { type: 'scrollHelp', by: 'home' };
    if (key.end || input === 'G') return { type: 'scrollHelp', by: 'end' };
    return { type: 'toggleHelp' };
  }

  const nav = navigation(input, key);
  if (nav) return nav;
  if (key.return) return { type: 'enter' };
  if (key.tab || key.leftArrow || key.rightArrow) {
    if (key.leftArrow) return s.focus === 'detail' ? { type: 'toggleFocus' } : undefined;
    if (key.rightArrow) return s.focus === 'list' ? { type: 'toggleFocus' } : undefined;
    return { type: 'toggleFocus' };
  }
  if (key.escape) return { type: 'escape' };
  if (key.ctrl || key.meta) return undefined;

  switch (input) {
    case 'q':
      return { type: 'quit' };
    case 'g':
      return { type: 'home' };
    case 'G':
      return { type: 'end' };
    case '/':
      return { type: 'openSearch' };
    case 'n':
      return { type: 'nextFailure', dir: 1 };
    case 'N':
      return { type: 'nextFailure', dir: -1 };
    case 'f':
      return { type: 'cycleLabel' };
    case 'e':
      return { type: 'toggleFailures' };
    case 'x':
      return { type: 'clearFilters' };
    case ' ':
      return { type: 'togglePause', space: true };
    case 'p':
      return { type: 'togglePause' };
    case 'F':
      return { type: 'toggleFollow' };
    case 't':
      return { type: 'toggleTime' };
    case 'z':
      return { type: 'toggleZoom' };
    case 's':
      return { type: 'cycleOrder' };
    case 'm':
      return { type: 'toggleMark' };
    case 'M':
      return { type: 'toggleMarkedOnly' };
    case 'w':
      return { type: 'write' };
    case 'H':
      return { type: 'toggleHost' };
    case 'a':
      return { type: 'cycleGroups' };
    case 'u':
      return { type: 'toggleUnattributed' };
    case '?':
      return { type: 'toggleHelp' };
    case 'h':
      return s.focus === 'detail' ? { type: 'toggleFocus' } : undefined;
    case 'l':
      return s.focus === 'list' ? { type: 'toggleFocus' } : undefined;
    // reserved for the curl feature: copy as curl, re-run (see ui/effects.ts)
    case 'c':
      return { type: 'copyCurl' };
    case 'C':
      return { type: 'copyLines' };
    case 'y':
      return { type: 'copyId' };
    case 'r':
      return { type: 'rerun' };
  }
  if (/^[0-9]$/.test(input)) {
    const label = DIGIT_LABELS[(Number(input) + 9) % 10];
    if (label) return { type: 'toggleLabel', label };
  }
  return undefined;
}

export function isIntent(r: KeyResult): r is Intent {
  return r !== undefined && INTENTS.has(r.type);
}

/**
 * What Ink's key object cannot say, read from the key's bytes (`raw`): Ink names Backspace (DEL, 0x7f) and the Delete
 * key (ESC [3~) both `delete`; only ESC [3~ is Delete (no bytes known: Backspace, as before). Ctrl/Alt+← → as xterm
 * sends them (ESC [1;5D, ESC [1;3D) move by a word, not Esc then ← (Ink calls Alt+← meta+←, as it does Esc typed
 * just before ←: ESC ESC [D, which stays that).
 */
export function refineKey(key: KeyInfo, raw: string | undefined): KeyInfo {
  // eslint-disable-next-line no-control-regex
  if (key.delete && !/^\u001b\[3[~;]/.test(raw ?? '')) return { ...key, delete: false, backspace: true };
  // eslint-disable-next-line no-control-regex
  if ((key.leftArrow || key.rightArrow) && (key.meta || key.ctrl) && /^\u001b\[1;\d+[CD]$/.test(raw ?? '')) return { ...key, meta: false, ctrl: false, word: true };
  return key;
}

/**
 * Ink hands over a burst of typed keys as one string ("jjj", "\r\r", "cart\r": key repeat, a loaded
 * event loop, paste). Splits it back into single keys so that none is lost.
 */
export function splitKeys(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  // Esc then a key typed fast arrives as one Meta+key (the terminal sends ESC x): both keys, in turn (no Alt bindings)
  if (key.meta && !key.ctrl && !key.escape && input.length === 1 && input >= ' ') return [['', { escape: true }], [input, {}]];
  // so do Esc then Enter, an arrow or a page key (Ink: the key with meta), and Esc then Tab (Ink reads ESC TAB as no key at
  // all: a bare "\t"). Not Backspace: Alt+Backspace (the same bytes) is a habit in a prompt, and it erases there as before
  if (key.meta && !key.ctrl && !key.escape && (key.return || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end)) {
    return [['', { escape: true }], [input, { ...key, meta: false }]];
  }
  if (input === '\t' && !key.tab && !key.ctrl) return [['', { escape: true }], ['', { tab: true }]];
  if (input.length <= 1) return [[input, key]];
  const out: Array<[string, KeyInfo]> = [];
  for (const ch of input) {
    const c = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') out.push(['', { return: true }]);
    else if (ch === '\t') out.push(['', { tab: true }]);
    else if (c === 0x7f || c === 0x08) out.push(['', { backspace: true }]);
    else if (c === 0x1b) out.push(['', { escape: true }]);
    else if (c < 0x20) out.push([String.fromCharCode(c + 96), { ctrl: true }]);
    else out.push([ch, {}]);
  }
  return out;
}
