// Text whose every character is one column wide and one UTF-16 unit long needs no grapheme segmenter, emoji
// regex or East Asian width table: its width is its length. string-width 8 only takes that shortcut for ASCII,
// and the UI's own marks (· … › ─ ▁▂▃) are not ASCII; the first emoji test alone compiles a regex for ~50 ms.
// The bundle (scripts/bundle.mjs) routes Ink's string-width calls through narrowWidth too.
import stripAnsi from 'strip-ansi';

/** printable ASCII, Latin, general punctuation, arrows, box drawing, blocks, geometric shapes (not the emoji among them), ✓ ✗ */
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u2713\u2717]*$/;

/**
 * The width string-width 8 gives `text`, when it can be told without it; undefined otherwise. Like string-width,
 * it does not count colour codes (Ink measures its styled text with them in).
 */
export function narrowWidth(text: unknown, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }): number | undefined {
  if (typeof text !== 'string' || (options !== undefined && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes))) return undefined;
  const s = text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
  return NARROW.test(s) ? s.length : undefined;
}
