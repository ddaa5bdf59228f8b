// Why a WebSocket connection failed or ended, in one plain sentence, and whether retrying can help.
// Three kinds: `fatal` (401/403, most 3xx/4xx: retrying cannot help), `wrongUrl` (the URL points at
// nothing that will ever be this feed: no such host, not an HTTP server, a web page instead of a
// WebSocket, TLS to a plain server or a refused certificate; fatal while the source has never
// connected, retried once it has, as a DNS blip or a maintenance page then is), and everything else,
// retried (refused, reset, timed out, 5xx: a server that is starting or restarting).
import { sanitize } from '../util/sanitize.js';

export interface Failure {
  reason: string;
  fatal?: boolean;
  wrongUrl?: boolean;
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

/** A failed connection attempt, in words. */
export function describeError(err: Error | undefined, url: string): Failure {
  if (!err) return { reason: 'connection failed' };
  const e = err as NodeJS.ErrnoException;
  const host = hostOf(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return { reason: `connection refused by ${host} (nothing listening there?)` };
    case 'ENOTFOUND':
      // the name does not exist (a temporary DNS failure is EAI_AGAIN)
      return { reason: `host not found: ${host.replace(/:\d+$/, '')}`, wrongUrl: true };
    case 'EAI_AGAIN':
      return { reason: `host not found: ${host.replace(/:\d+$/, '')} (DNS did not answer)` };
    case 'ETIMEDOUT':
      return { reason: `no answer from ${host} (timed out)` };
    case 'ECONNRESET':
      return { reason: `connection reset by ${host}` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { reason: `${host} is unreachable` };
    case 'EPROTO':
      return { reason: `TLS handshake with ${host} failed (is it plain ws://, not wss://?)`, wrongUrl: true };
  }
  if (e.code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code)) return { reason: `TLS error from ${host}: ${e.code}`, wrongUrl: true };
  // the HTTP parser's codes: what answered is not an HTTP server (an SSH, database or TLS port)
  if (e.code?.startsWith('HPE_')) return { reason: `${host} did not answer in HTTP: not a WebSocket server (wrong port?)`, wrongUrl: true };
  if (/handshake has timed out/i.test(e.message)) return { reason: `no answer from ${host} (handshake timed out)` };
  return { reason: `${host}: ${oneLine(e.message)}` };
}

/** An HTTP answer instead of a WebSocket upgrade. 3xx and 4xx (but 408/429) cannot be fixed by retrying. */
export function describeHttp(status: number, text: string, body: string, authHint?: string): Failure & { fatal: boolean } {
  const said = oneLine(body).slice(0, 200);
  const tail = said ? `: ${said}` : '';
  if (status === 401) {
    return { reason: `401 Unauthorized: ${authHint ?? 'the server wants credentials'}`, fatal: true };
  }
  if (status === 403) return { reason: `403 Forbidden: the credentials were refused${tail}`, fatal: true };
  const fatal = status >= 300 && status < 500 && status !== 408 && status !== 429;
  const head = `HTTP ${status}${text ? ' ' + oneLine(text) : ''}`;
  if (status >= 200 && status < 300) {
    // a web server answered the upgrade with a page: the URL is not a WebSocket endpoint
    return { reason: `${head}: a web page, not a WebSocket endpoint (check the URL's port and path)${tail}`, fatal, wrongUrl: true };
  }
  return { reason: `${head}${tail}`, fatal };
}

/** An open connection that ended, in words. `maxPayload`: the largest message taken, in bytes. */
export function describeClose(code: number, reason: string, err?: Error, maxPayload?: number): string {
  const why = reason ? `: ${oneLine(reason)}` : '';
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    // the ws library's own words are "Max payload size exceeded"; a server that sends it again on every
    // connection (its backlog at once) is refused again each time: the sentence says what to change
    const cap = !maxPayload ? '' : maxPayload >= 1 << 20 ? ` (${Math.round(maxPayload / (1 << 20))} MiB)` : ` (${Math.round(maxPayload / 1024)} KiB)`;
    return `the server sent one message bigger than ssrtail takes${cap}: have it send its lines in smaller messages`;
  }
  switch (code) {
    case 1000:
      return `closed by the server${why}`;
    case 1001:
      return `the server went away${why}`;
    case 1005:
      return 'closed by the server (no status)';
    case 1006:
      return err ? `connection lost: ${oneLine(err.message)}` : 'connection lost';
    case 1009:
      return `message too big${why}`;
    default:
      return `closed (code ${code})${why}`;
  }
}

export function oneLine(s: string): string {
  return sanitize(s.replace(/\s+/g, ' ').trim());
}
