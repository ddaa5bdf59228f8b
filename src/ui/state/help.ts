// Scrolling the help overlay (`?`) on a terminal too small to show it whole.
import type { ViewContext, ViewState } from './view-state.js';

export type HelpScroll = { type: 'scrollHelp'; by: number | 'page' | '-page' | 'home' | 'end' };

export function scrollHelp(s: ViewState, a: HelpScroll, ctx: ViewContext): ViewState {
  const rows = Math.max(1, ctx.help?.rows ?? 1);
  const max = Math.max(0, (ctx.help?.lines ?? 0) - rows);
  // it fits: any key closes it, these too
  if (max === 0) return { ...s, help: false };
  const at = Math.min(s.helpTop ?? 0, max);
  const to = a.by === 'home' ? 0 : a.by === 'end' ? max : a.by === 'page' ? at + rows - 1 : a.by === '-page' ? at - (rows - 1) : at + a.by;
  return { ...s, helpTop: Math.max(0, Math.min(max, to)) };
}
