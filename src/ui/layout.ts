// How the screen is divided. The frame is one row shorter than the terminal (Ink flickers otherwise).
import type { Size } from './hooks/useTerminalSize.js';

export interface Layout {
  width: number;
  /** rows Ink draws: terminal rows - 1 */
  height: number;
  tooSmall: boolean;
  headerRows: number;
  listRows: number;
  detailRows: number;
  /** rows for the help overlay (everything but the footer) */
  helpRows: number;
  /** rows the status line may take: those asked for, fewer when the screen is too short for them and both panes */
  statusRows: number;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** list column header 1 + detail title 1 + status 1 + footer 1, besides the header's own rows */
const CHROME = 4;

/**
 * @param zoom the pane that takes the screen (`z`): the other keeps two rows
 * @param statusRows the status line's rows: 2 while a message longer than the width is shown, up to 3 for a question
 *   (the detail pane gives up the rows beyond one)
 */
export function layout(size: Size, headerRows = 3, zoom?: 'list' | 'detail', statusRows = 1): Layout {
  const width = Math.max(1, size.columns);
  const height = Math.max(1, size.rows - 1);
  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  // a long question or message takes rows from the detail pane, as far as both panes keep a row (at 40x12 a 3-row
  // question made the frame taller than the terminal: it scrolled, the header went off the top)
  const status = Math.max(1, Math.min(statusRows, height - CHROME - headerRows - 2 + 1));
  const body = Math.max(2, height - CHROME - headerRows - (status - 1));
  // the detail pane gets the larger part: a request's tree and its reasons are what people read. The list's share
  // is taken as with a 3-row header and a 1-row status line: a fourth header row, more status rows come out of the
  // detail pane
  const base = Math.max(2, height - CHROME - 3);
  const split = Math.min(Math.max(Math.min(5, base - 1), Math.round(base * 0.36)), body - 1);
  const listRows = zoom === 'list' ? Math.max(1, body - 2) : zoom === 'detail' ? Math.min(2, body - 1) : split;
  const detailRows = Math.max(1, body - listRows);
  return { width, height, tooSmall, headerRows, listRows, detailRows, helpRows: Math.max(1, height - 1), statusRows: status };
}
