// Where a re-run goes, said so the user can judge it before it is sent: the host is never cut away (a long name
// keeps its end, the registered domain, which is what tells `cms.example.org.<padding>.attacker.example` from
// `cms.example.org`), and an address on this machine or its network is named as such: from here it reaches the
// user's own services, not what the server that logged the call reached.
import { isIP } from 'node:net';
import { clean } from '../util/sanitize.js';
import { cutMiddle } from '../util/width.js';
import { redactedNote } from './redacted.js';
import type { PreparedRequest } from './request.js';

/** Host names longer than this are cut in the middle, keeping their end. */
const HOST_COLS = 48;
/** The path and query are cut at the end beyond this. */
const PATH_COLS = 60;

/** `https://host[:port]/path…` for a prompt: secrets masked (unless --show-secrets), the host whole or its end kept. */
export function shownUrl(req: PreparedRequest, pathCols = PATH_COLS): string {
  const host = req.authority.length > HOST_COLS ? cutMiddle(req.authority, HOST_COLS, 16) : req.authority;
  return `${req.scheme}://${host}${clean(req.target, pathCols)}`;
}

function v4(hostname: string): number[] | undefined {
  return isIP(hostname) === 4 ? hostname.split('.').map(Number) : undefined;
}

const PRIVATE = (h: string) => `${h} is a private address: your network's, maybe not the server's that logged the call`;

/** Why a re-run to this host does not reach what the logging server reached, or undefined for a public host. */
export function localAddressNote(hostname: string): string | undefined {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  const a = v4(h);
  const v6 = isIP(h) === 6 ? h : undefined;
  if (h === 'localhost' || h.endsWith('.localhost') || a?.[0] === 127 || a?.[0] === 0 || v6 === '::1' || v6 === '::') {
    return `${h} is this machine, not the server that logged the call`;
  }
  if ((a && a[0] === 169 && a[1] === 254) || v6?.startsWith('fe80:')) {
    return `${h} is link-local (cloud metadata), not the server that logged the call`;
  }
  if (a && (a[0] === 10 || (a[0] === 172 && a[1]! >= 16 && a[1]! <= 31) || (a[0] === 192 && a[1] === 168) || (a[0] === 100 && a[1]! >= 64 && a[1]! <= 127))) {
    return PRIVATE(h);
  }
  if (v6 && /^f[cd]/.test(v6)) return PRIVATE(h);
  return undefined;
}

/**
 * What to know before a call is sent from here, worded once for `r`'s question and `ssrtail rerun`'s `note:` lines:
 * where it goes when that is this machine or its network, and which values go as the log holds them, redacted.
 */
export function sendNotes(req: PreparedRequest): { local?: string; redacted?: string } {
  return { local: localAddressNote(req.hostname), redacted: redactedNote(req.redacted) };
}
