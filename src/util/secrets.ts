// Which header values are secrets, and how a secret is shown when it is masked.
// Shared by the curl builder (src/curl/) and the views: one rule for "cookie, authorization, API keys, tokens".
// A masked value is plain printable ASCII, so it stays a valid header value and valid inside a quoted shell word.

/** Header names that always carry credentials. */
const SECRET_NAMES = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-authorization',
  'authentication',
  'x-authentication',
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
const SECRET_PARTS = /token|secret|passw(?:or)?d|api[-_]?key|credential|session|signature|jwt|assertion|(?:^|[-_])auth(?:$|[-_])|(?:^|[-_])key$/i;

export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_NAMES.has(n) || SECRET_PARTS.test(n);
}

const SCHEME = /^(Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256|ApiKey)\s+/i;

/** A header that holds a credential: by its name, or by its value (`Bearer …`, `Basic …` under any name). */
export function isSecret(name: string, value: string): boolean {
  if (isSecretHeader(name)) return true;
  // a challenge (`WWW-Authenticate: Basic realm="api"`) names a scheme but holds no credential
  return SCHEME.test(value.trim()) && !/authenticate$/i.test(name.trim());
}

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
  if (!isSecret(name, value)) return value;
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

// Secrets in URLs: a password in the userinfo (`https://user:pw@host`), API keys and tokens in the query
// (`?api_key=…&access_token=…&X-Amz-Signature=…`). Masked with a URL-safe word, so a masked URL stays one
// (a curl command with it still runs; the server just refuses the masked credential).
export const URL_MASK = 'MASKED';
const SECRET_PARAM_WORDS = /^(?:key|sig|sign|sid|jwt|pwd|pass|passcode|code|code_verifier|auth|authkey|hmac|ticket|otp|samlresponse|samlrequest)$/i;
/** keys that hold a credential by their first word (`privateKey`, `access_key`); `objectKey` or `routingKey` do not */
const SECRET_KEY = /^(?:private|access|secret|signing|encryption|master|client|license|subscription)[-_]?key$/i;
/** names with a secret-like word that are not secrets: pagination cursors, kinds, counts */
const NOT_SECRET_PARAM = /^(?:next_?)?page_?token$|^(?:next|continuation|pagination|sync|resume|cursor)[-_]?token$|^token_?type$|^tokenizer$|^(?:sort|cache|partition|primary|foreign)_?key$|_(?:count|length|len|type)$/i;
/** userinfo: a password (up to the last `@` of the authority), or a user name long enough to be a token (`https://ghp_…@host`) */
const USERINFO_RE = /(:\/\/[^/?#@\s:"'<>]*):([^/?#\s"'<>]+)@/g;
const TOKEN_USER_RE = /(:\/\/)([A-Za-z0-9_.~%-]{16,})@/g;
/** name=value after ? & # ; (query, fragment: OAuth's #access_token=, path parameters: ;jsessionid=). A closing
 * parenthesis at the end is the sentence's, not the value's: `(GET https://h/x?api_key=K1)` keeps it */
const QUERY_PAIR_RE = /([?&#;])([^=&;\s"'#?<>]+)=([^&;\s"'#?<>]+?)(?=\)*(?:[&;\s"'#?<>]|$))/g;
/** a cheap first look (most URLs have no secret in them): a parameter whose name has a secret-like word, or is %-encoded, or a %-encoded URL in a value */
const MAYBE_SECRET_PARAM = /[?&#;][^=&\s]*(?:key|sig|sid|jwt|pwd|pass|code|auth|token|secret|session|credential|assertion|hmac|ticket|otp|saml|%)[^=&\s]*=|%3D/i;
/** name%3Dvalue inside a %-encoded value (`?next=%2Fcb%3Ftoken%3D…`, a return URL): separators %3F %26 %23 %3B, or the value's start */
const ENCODED_PAIR_RE = /(^|%3F|%26|%23|%3B)((?:(?!%3D|%3F|%26|%23|%3B)[^=&;#?])+)(%3D)((?:(?!%26|%23|%3B)[^&;#?])+)/gi;

/** A query parameter name that carries a credential. */
export function isSecretParam(name: string): boolean {
  let n = name;
  try {
    n = decodeURIComponent(name);
  } catch {
    // as written
  }
  if (NOT_SECRET_PARAM.test(n)) return false;
  return SECRET_PARAM_WORDS.test(n) || SECRET_KEY.test(n) || isSecretHeader(n);
}

/** Masks URL passwords and secret query values wherever they occur in `text` (a URL, a path, a sentence naming a URL). */
export function maskUrlSecrets(text: string): string {
  let s = text;
  if (s.includes('@') && s.includes('://')) s = s.replace(USERINFO_RE, `$1:${URL_MASK}@`).replace(TOKEN_USER_RE, `$1${URL_MASK}@`);
  if (s.includes('=') && MAYBE_SECRET_PARAM.test(s)) s = s.replace(QUERY_PAIR_RE, maskPair);
  return s;
}

/**
 * A URL's secrets as maskUrlSecrets masks them, and a JWT in its path (`/reset/eyJ…`), URL-safe: `MASKED`. For text
 * that is a URL (NDJSON's fields, a group's key, a command's URL); free text masks JWTs in its own words.
 */
export function maskUrl(url: string): string {
  const s = maskUrlSecrets(url);
  return s.includes('eyJ') ? s.replace(JWT_RE, URL_MASK) : s;
}

function maskPair(all: string, sep: string, name: string, value: string): string {
  if (isSecretParam(name)) return `${sep}${name}=${URL_MASK}`;
  if (!/%3D/i.test(value)) return all;
  // a URL %-encoded in the value: its own secret parameters are masked in place, the rest stays as written
  const inner = value.replace(ENCODED_PAIR_RE, (pair, isep: string, iname: string, eq: string) => (isSecretParam(iname) ? `${isep}${iname}${eq}${URL_MASK}` : pair));
  return `${sep}${name}=${inner}`;
}

// Secrets in free text (an app's message, an error, a raw line, a logged body): `Authorization: Bearer <token>` or
// `Basic <b64>` written into a message, `password=…`/`token: …` pairs, the same as JSON (`{"apiKey":"…"}`, also
// JSON-escaped inside another JSON string), a bare JWT. A parameter of a URL is left to the URL rules.
const MAYBE_TEXT_SECRET = /bearer\s|basic\s|negotiate\s|apikey\s|passw|passph|pwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|cookie|session|authoriz|credential|eyJ|gh[pousr]_|github_pat_|AKIA|[sr]k_(?:live|test)_|xox[abprs]-|glpat-|AIza/i;
/** API keys that say what they are by their prefix, wherever they are written: GitHub, AWS access key IDs, Stripe,
 *  Slack, GitLab, Google API keys */
const KEY_SHAPE_RE = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|AKIA[0-9A-Z]{16}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g;
const SCHEME_TOKEN_RE = /\b(Bearer|Basic|Digest|Negotiate|NTLM|ApiKey)(\s+)([A-Za-z0-9._~+/=:-]{8,})/gi;
/**
 * `name = value`, `name: "value"`, `"name":"value"` and `\"name\":\"value\"` (JSON inside a JSON string), for a
 * name that ends like a secret's (SECRET_TEXT_END, with `-`/`_` or none between its words). The name is bounded and
 * starts a word, so a long line costs a bounded look per word.
 */
const TEXT_PAIR_RE = /(?<![?&#;/\w\\-])(\\?["'])?((?:[A-Za-z][\w-]{0,62}?)?(?:pass(?:word|wd|phrase)|pwd|secret|api[-_]?key|(?:access|private|secret|signing)[-_]?key|token|session[-_]?id|cookie|authorization|credentials?))(\\?["'])?(\s*[=:]\s*)(\\?["'])?((?:(?:Bearer|Basic|Digest|Token|Negotiate|NTLM|ApiKey)\s+)?)([^\s"'\\,;&<>]{3,})/gi;
/** what a secret name ends with, once lower-cased without `-` and `_`: `db_password`, `clientSecret`, `X-Shop-Token`, `x-api-key` */
const SECRET_TEXT_END = /(?:password|passwd|pwd|passphrase|secret|apikey|accesskey|privatekey|secretkey|signingkey|token|sessionid|cookie|authorization|credentials?)$/;
/** `Authorization: Token abc`: the scheme word is not the secret, the word after it is */
const AUTH_NAME = /authorization$/;

function isSecretTextName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_TEXT_END.test(n) && !NOT_SECRET_PARAM.test(name);
}
/** `cookie session=…; cart=…` / `Cookie: sid=…` written in a message: every cookie's value, its name kept */
const COOKIE_LIST_RE = /\b((?:set-)?cookies?)(\s*:\s*|\s+)((?:[!#$%&'*+.^_`|~0-9A-Za-z-]+=[^\s;,"']+(?:;[ \t]*)?)+)/gi;
const COOKIE_PAIR_RE = /([^=;\s]+)=([^;\s]+)/g;
const JWT_RE = /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/g;

/**
 * maskUrlSecrets, and credentials written in free text: `Bearer <token>`, `password=…`, `"apiKey":"…"`, `cookie: …`,
 * a JWT. For messages, errors, raw lines and bodies (what is drawn, copied with `C` or `c`, or printed as a reason),
 * not for a URL a command will send.
 */
export function maskTextSecrets(text: string): string {
  let s = maskUrlSecrets(text);
  if (!MAYBE_TEXT_SECRET.test(s)) return s;
  s = s.replace(SCHEME_TOKEN_RE, (_all, scheme: string, sp: string, v: string) => `${scheme}${sp}<masked: ${v.length} chars>`);
  s = s.replace(COOKIE_LIST_RE, (_all, name: string, sep: string, list: string) => `${name}${sep}${list.replace(COOKIE_PAIR_RE, '$1=<masked>')}`);
  s = s.replace(TEXT_PAIR_RE, (all, q1: string | undefined, name: string, q2: string | undefined, sep: string, q3: string | undefined, scheme: string, v: string, at: number, whole: string) => {
    if (!isSecretTextName(name)) return all;
    // a scheme word (`Authorization: Token abc`) is kept only before a value, under an authorization name
    if (scheme !== '' && !AUTH_NAME.test(name.toLowerCase())) return all;
    // masked already (a header line, a URL parameter, a scheme token), or a short word (`token expired`)
    if (v === URL_MASK || /^\s*<masked/.test(whole.slice(at + all.length, at + all.length + 12)) || (!/\d/.test(v) && v.length < 6 && scheme === '')) return all;
    return `${q1 ?? ''}${name}${q2 ?? ''}${sep}${q3 ?? ''}${scheme}<masked>`;
  });
  s = s.replace(KEY_SHAPE_RE, (k) => `<masked key: ${k.length} chars>`);
  return s.replace(JWT_RE, (t) => `<masked JWT: ${t.length} chars>`);
}

let revealed = false;

/** --show-secrets: what is drawn or printed keeps its secrets. Set once by the CLI. */
export function revealSecrets(on: boolean): void {
  revealed = on;
}

export function secretsRevealed(): boolean {
  return revealed;
}
