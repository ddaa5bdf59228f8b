// Secret header values are masked before they are drawn (unless --show-secrets): the shared rule of
// src/util/secrets.ts, applied to parsed headers and to raw log lines.
import { isSecret, isSecretHeader, maskHeaderValue, maskTextSecrets } from '../../util/secrets.js';
import { unwrap } from '../../parse/unwrap.js';

export { isSecretHeader };

export function headerValue(name: string, value: string, showSecrets: boolean): string {
  return showSecrets ? value : maskHeaderValue(name, value);
}

const HEADER_LINE = /^(\s+)([A-Za-z0-9_-]+)(:\s?)(.*)$/;
const JSON_PAIR = /"([A-Za-z0-9_-]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
// a header with several values (`"set-cookie":["sid=1; Path=/","theme=dark"]`)
const JSON_LIST = /"([A-Za-z0-9_-]+)"(\s*:\s*)\[(\s*"(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")*\s*)\]/g;
const JSON_STRING = /"((?:[^"\\]|\\.)*)"/g;

/** What is secret in a line, as (what the line says, what to show instead) pairs: an indented `Name: value`, JSON string pairs and lists. */
function secretsIn(line: string): Array<[string, string]> {
  const m = HEADER_LINE.exec(line);
  if (m) return isSecret(m[2]!, m[4]!) ? [[`${m[2]}${m[3]}${m[4]}`, `${m[2]}${m[3]}${maskHeaderValue(m[2]!, m[4]!)}`]] : [];
  if (!line.includes('"')) return [];
  const out: Array<[string, string]> = [];
  for (const p of line.matchAll(JSON_PAIR)) if (isSecret(p[1]!, p[3]!)) out.push([p[0], `"${p[1]}"${p[2]}"${maskHeaderValue(p[1]!, p[3]!)}"`]);
  for (const p of line.matchAll(JSON_LIST)) {
    // Node's rawHeaders: names and values in turn (`["Host","x","Cookie","sid=1"]`)
    if (/^raw_?headers$/i.test(p[1]!)) {
      const items = [...p[3]!.matchAll(JSON_STRING)].map((m) => m[1]!);
      const masked = items.map((v, i) => (i % 2 === 1 && isSecret(items[i - 1]!, v) ? maskHeaderValue(items[i - 1]!, v) : v));
      if (masked.some((v, i) => v !== items[i])) out.push([p[0], `"${p[1]}"${p[2]}[${masked.map((v) => `"${v}"`).join(',')}]`]);
      continue;
    }
    if (!isSecretHeader(p[1]!)) continue;
    const values = p[3]!.replace(JSON_STRING, (_all, v: string) => `"${maskHeaderValue(p[1]!, v)}"`);
    out.push([p[0], `"${p[1]}"${p[2]}[${values}]`]);
  }
  return out;
}

/** Replaces every `from` in `text`, as it stands or JSON-escaped (a line inside a Docker record); text as it was when neither is there. */
function replaceEvery(text: string, from: string, to: string): string {
  if (text.includes(from)) return text.split(from).join(to);
  const ef = JSON.stringify(from).slice(1, -1);
  return text.includes(ef) ? text.split(ef).join(JSON.stringify(to).slice(1, -1)) : text;
}

/**
 * Masks secret header values inside a raw log line: indented `Name: value` lines, JSON string pairs and lists,
 * secrets in URLs. A line inside a wrapper (a kubectl, compose or journald prefix, a CRI or Docker record) is
 * looked at without it and masked where it stands in the wrapper.
 */
export function maskRawLine(text: string, showSecrets: boolean): string {
  if (showSecrets) return text;
  const inner = unwrap(text);
  let out = text;
  for (const [from, to] of secretsIn(inner)) {
    const next = replaceEvery(out, from, to);
    // not found as it stands (a wrapper that escaped it otherwise): the line itself, masked, rather than a secret
    if (next === out && inner !== text) return maskRawLine(inner, false);
    out = next;
  }
  return maskTextSecrets(out);
}
