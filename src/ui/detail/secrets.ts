// Masks secret header values before they are drawn (unless --show-secrets).
// Private to the UI until a shared src/util/secrets.ts exists; same rules as the brief.
const SECRET_NAMES = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'apikey']);
const SECRET_PARTS = /token|secret|password|passwd|api[-_]?key|auth|session|credential|signature/i;

export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_NAMES.has(n) || SECRET_PARTS.test(n) || /(^|[-_])key$/.test(n);
}

/** Keeps a hint of the shape (scheme, length), never the secret itself. */
export function maskValue(value: string): string {
  const v = value.trim();
  const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(v);
  const rest = scheme ? v.slice(scheme[0].length) : v;
  return `${scheme ? scheme[0] : ''}••••• (${rest.length} chars hidden)`;
}

export function headerValue(name: string, value: string, showSecrets: boolean): string {
  return !showSecrets && isSecretHeader(name) ? maskValue(value) : value;
}

const HEADER_LINE = /^(\s+)([A-Za-z0-9_-]+)(:\s?)(.*)$/;
const JSON_PAIR = /"([A-Za-z0-9_-]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** Masks secret header values inside a raw log line: indented `Name: value` lines and JSON string pairs. */
export function maskRawLine(text: string, showSecrets: boolean): string {
  if (showSecrets) return text;
  const m = HEADER_LINE.exec(text);
  if (m && isSecretHeader(m[2]!)) return `${m[1]}${m[2]}${m[3]}${maskValue(m[4]!)}`;
  if (!text.includes('"')) return text;
  return text.replace(JSON_PAIR, (all, name: string, sep: string, value: string) => (isSecretHeader(name) ? `"${name}"${sep}"${maskValue(value)}"` : all));
}
