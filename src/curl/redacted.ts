// Values the log itself holds redacted: a logger's censor (pino's `[Redacted]`, Rails' `[FILTERED]`, `***`) or
// ssrtail's own masks (`<masked: 12 chars>`, `sid=<masked>`, `api_key=MASKED`) in lines copied from a ticket. A
// command or a re-run can only send them as logged, not the real values: the user is told so, since the answer to
// a redacted credential (a 401) is not the answer the server got.
import { URL_MASK } from '../util/secrets.js';
import { clean } from '../util/sanitize.js';

const CENSOR = /^(?:\[(?:redacted|filtered|masked|hidden|removed)\]|<masked(?::[^>]*)?>|\*{3,}|redacted|filtered)$/i;
const SCHEME = /^(?:Bearer|Basic|Digest|Token|ApiKey|Negotiate)\s+/i;

function censored(v: string): boolean {
  const t = v.trim();
  return CENSOR.test(t) || t === URL_MASK;
}

/** A header value that holds a redacted credential: whole, after its auth scheme, or one cookie's value. */
export function isRedactedValue(value: string): boolean {
  const v = value.trim().replace(SCHEME, '');
  if (censored(v)) return true;
  return v.includes('=') && v.split(';').some((p) => {
    const eq = p.indexOf('=');
    return eq > 0 && censored(p.slice(eq + 1));
  });
}

/** A URL whose password or a query value is redacted (`user:MASKED@`, `?token=[Redacted]`, `%5BRedacted%5D`). */
export function isRedactedUrl(url: string): boolean {
  let u = url;
  try {
    u = decodeURIComponent(url);
  } catch {
    // as written
  }
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(u)?.[1];
  if (userinfo !== undefined && userinfo.includes(':') && censored(userinfo.slice(userinfo.indexOf(':') + 1))) return true;
  const query = u.split('#')[0]!.split('?').slice(1).join('?');
  return query.split('&').some((p) => p.includes('=') && censored(p.slice(p.indexOf('=') + 1)));
}

/**
 * What the command comment, the re-run's question and `ssrtail rerun`'s `note:` say of the values the log holds
 * redacted (`Authorization, URL`), or undefined for none.
 */
export function redactedNote(names: readonly string[]): string | undefined {
  return names.length > 0 ? `${clean(names.join(', '), 80)} redacted in the log, sent as logged` : undefined;
}
