// Which header values are secrets, and how a secret is shown when it is masked.
// Shared by the curl builder (src/curl/) and the views: one rule for "cookie, authorization, API keys, tokens".
// A masked value is plain printable ASCII, so it stays a valid header value and valid inside a quoted shell word.

/** Header names that always carry credentials. */
const SECRET_NAMES = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
]);

/**
 * Name parts that mark an API-key-like or token-like header: `X-Shop-Token`, `X-Client-Secret`,
 * `X-Api_Key`, `X-Session-Id`, `X-Signature`, `X-Auth-User`, `X-Password`, `Private-Key`.
 * `auth` only counts as a word of its own (`X-Auth-…`, `…-Auth`), so `:authority` or `Author` are not secrets.
 */
const SECRET_PARTS = /token|secret|passw(?:or)?d|api[-_]?key|credential|session|signature|(?:^|[-_])auth(?:$|[-_])|(?:^|[-_])key$/i;

export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_NAMES.has(n) || SECRET_PARTS.test(n);
}

const SCHEME = /^(Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256|ApiKey)\s+/i;

/** Keeps a hint of the shape (the auth scheme, the length), never the secret itself: `Bearer <masked: 40 chars>`. */
export function maskValue(value: string): string {
  const v = value.trim();
  const scheme = SCHEME.exec(v);
  const rest = scheme ? v.slice(scheme[0].length) : v;
  return `${scheme ? scheme[1] + ' ' : ''}<masked: ${[...rest].length} chars>`;
}

/**
 * Masks one header's value when its name is a secret. Cookies keep their names (`sid=<masked>; theme=<masked>`):
 * which cookies were sent helps triage, their values are the secret.
 */
export function maskHeaderValue(name: string, value: string): string {
  if (!isSecretHeader(name)) return value;
  if (name.trim().toLowerCase() === 'cookie' && value.includes('=')) {
    return value
      .split(';')
      .map((part) => {
        const p = part.trim();
        const eq = p.indexOf('=');
        return eq > 0 && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p.slice(0, eq)) ? `${p.slice(0, eq)}=<masked>` : p === '' ? '' : '<masked>';
      })
      .filter((p) => p !== '')
      .join('; ');
  }
  return maskValue(value);
}
