// Log text is untrusted: before any of it reaches a terminal, escape sequences and control
// characters go, and very long text is cut with an ellipsis.
import stripAnsi from 'strip-ansi';

// C0 controls but tab, DEL, C1 controls, and the Unicode bidi overrides / isolates that can disguise text
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes escape sequences and control characters; tabs become a space. */
export function sanitize(text: string): string {
  let s = text;
  // fast path: plain printable ASCII is the common case
  if (/[^\x20-\x7e]/.test(s)) {
    s = stripAnsi(s).replace(CONTROL_RE, '\uFFFD').replace(/\t/g, ' ');
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

/** sanitize + truncate: what every log-derived string goes through before it is drawn. */
export function clean(text: string | undefined, max = 10_000): string {
  if (text === undefined) return '';
  return truncate(sanitize(text.length > max * 2 ? text.slice(0, max * 2) : text), max);
}
