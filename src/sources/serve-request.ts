// What a client asks of `ssrtail serve` when it connects (serve.ts): its credentials (`Authorization: Bearer
// <token>`) and where it starts: `?backlog=N|all` lines back, or `?stream=S&since=Q` to resume after a line it
// has (protocol.ts). And the plain HTTP answer that refuses a connection.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { StartAt } from './serve-client.js';

/** Where the client of a request URL (path and query) starts, or why it is refused (400). */
export function startOf(requestUrl: string | undefined): StartAt | { refused: string } {
  const url = new URL(requestUrl ?? '/', 'http://localhost');
  const backlog = url.searchParams.get('backlog');
  const since = url.searchParams.get('since');
  const stream = url.searchParams.get('stream');
  let backlogN = 0;
  if (backlog !== null) {
    backlogN = backlog === 'all' ? Infinity : Number(backlog);
    if ((!Number.isSafeInteger(backlogN) || backlogN < 0) && backlogN !== Infinity) {
      return { refused: "ssrtail serve: backlog must be a whole number of lines or 'all'" };
    }
  }
  if (since !== null && stream !== null) {
    const q = Number(since);
    if (!Number.isSafeInteger(q) || q < 0) return { refused: 'ssrtail serve: since must be a line number' };
    return { stream, q };
  }
  return { backlog: backlogN };
}

/** Whether the request carries the token as `Authorization: Bearer <token>` (compared in constant time). */
export function authorized(req: http.IncomingMessage, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const a = crypto.createHash('sha256').update(m[1]!.trim()).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Answers an upgrade request with an HTTP error and closes the connection. */
export function refuse(socket: Duplex, status: number, text: string, body: string, headers: Record<string, string> = {}): void {
  const head = [`HTTP/1.1 ${status} ${text}`, 'Connection: close', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  socket.end(head.join('\r\n') + '\r\n\r\n' + body);
}
