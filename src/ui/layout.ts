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
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** header 3 + list column header 1 + detail title 1 + status 1 + footer 1 */
const CHROME = 7;

export function layout(size: Size): Layout {
  const width = Math.max(1, size.columns);
  const height = Math.max(1, size.rows - 1);
  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  const body = Math.max(2, height - CHROME);
  // the detail pane gets the larger part: a request's tree and its reasons are what people read
  const listRows = Math.max(Math.min(5, body - 1), Math.round(body * 0.36));
  const detailRows = Math.max(1, body - listRows);
  return { width, height, tooSmall, headerRows: 3, listRows, detailRows, helpRows: Math.max(1, height - 1) };
}
