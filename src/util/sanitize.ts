// Log text is untrusted: before any of it reaches a terminal, escape sequences and control
// characters go, and very long text is cut with an ellipsis.
import stripAnsi from 'strip-ansi';
import { maskTextSecrets, secretsRevealed } from './secrets.js';

// C0 controls but tab, DEL, C1 controls, the Unicode bidi overrides / isolates that can disguise text, the line and
// paragraph separators (a line break to editors and JavaScript; terminals drop them, so a row of them was shorter
// than measured), and the Hangul fillers: invisible, 0 columns to string-width, 1 or 2 to terminals (glibc's wcwidth,
// tmux), so a row of them was wider than measured, wrapped and scrolled the frame
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\u115f\u3164\uffa0]/g;

// a lone surrogate (a JSON line's "\ud800"): 0 columns to string-width, written to the terminal as U+FFFD (1 column),
// so a row of them was wider than measured, wrapped and scrolled the frame
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// invisible format characters (Unicode Cf) but the joiners emoji and scripts need; the bidi ones CONTROL_RE took
const FORMAT_RE = /(?![\u200c\u200d])\p{Cf}/gu;

// Emoji whose width terminals disagree on with string-width (what the UI measures with): a skin-tone modifier
// after an emoji (2 columns to string-width, 4 in tmux, xterm and VTE, which draw the modifier on its own), and
// regional indicators (flag letters: a lone one is 1 column to string-width and 2 in terminals, a pair that is no
// real flag 2 and 4; tmux 3.3a's server even crashed on some near the right edge). A row holding one would be
// wider than measured, wrap, and scroll the frame: the modifier goes, flag letters become plain letters (🇯🇵: JP).
const SKIN_TONE_RE = /[\u{1F3FB}-\u{1F3FF}]/gu;
const REGIONAL_RE = /[\u{1F1E6}-\u{1F1FF}]/gu;

/** Removes escape sequences and control characters; tabs become a space; emoji terminals measure differently are evened out. */
export function sanitize(text: string): string {
  let s = text;
  // fast path: plain printable ASCII is the common case
  if (/[^\x20-\x7e]/.test(s)) {
    // invisible format characters go: string-width counts them 0 columns, while tmux and xterm draw some in 1 or 2
    // (a soft hyphen, Arabic number signs), so a row of them wrapped and scrolled the frame; the joiners stay (emoji)
    s = stripAnsi(s).replace(CONTROL_RE, '\uFFFD').replace(LONE_SURROGATE_RE, '\uFFFD').replace(/\t/g, ' ').replace(FORMAT_RE, '');
    if (/[\ud83c]/.test(s)) s = s.replace(SKIN_TONE_RE, '').replace(REGIONAL_RE, (c) => String.fromCharCode(c.codePointAt(0)! - 0x1f1e6 + 65));
  }
  return s;
}

/** Cuts to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  return text.slice(0, max - 1) + '…';
}

/** sanitize + truncate + URL secrets masked (unless --show-secrets): what every log-derived string goes through before it is drawn. */
export function clean(text: string | undefined, max = 10_000): string {
  if (text === undefined) return '';
  const s = sanitize(text.length > max * 2 ? text.slice(0, max * 2) : text);
  return truncate(secretsRevealed() ? s : maskTextSecrets(s), max);
}
