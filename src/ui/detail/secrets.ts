// Secret header values are masked before they are drawn (unless --show-secrets): the shared rule of
// src/util/secrets.ts, applied to parsed headers and to raw log lines.
import { isSecret, isSecretHeader, maskHeaderValue, maskUrlSecrets } from '../../util/secrets.js';

export { isSecretHeader };

export function headerValue(name: string, value: string, showSecrets: boolean): string {
  return showSecrets ? value : maskHeaderValue(name, value);
}

const HEADER_LINE = /^(\s+)([A-Za-z0-9_-]+)(:\s?)(.*)$/;
const JSON_PAIR = /"([A-Za-z0-9_-]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** Masks secret header values inside a raw log line: indented `Name: value` lines and JSON string pairs. */
export function maskRawLine(text: string, showSecrets: boolean): string {
  if (showSecrets) return text;
  const m = HEADER_LINE.exec(text);
  if (m && isSecret(m[2]!, m[4]!)) return `${m[1]}${m[2]}${m[3]}${maskHeaderValue(m[2]!, m[4]!)}`;
  const s = maskUrlSecrets(text);
  if (!s.includes('"')) return s;
  return s.replace(JSON_PAIR, (all, name: string, sep: string, value: string) => (isSecret(name, value) ? `"${name}"${sep}"${maskHeaderValue(name, value)}"` : all));
}
