// From CLI options to line sources. Throws an Error with one line the CLI prints before exit 2.
import type { LineSource } from '../model.js';
import { FileSource, isGzip, isStream } from './file.js';
import { FileTail } from './follow-reader.js';
import { FollowSource } from './follow.js';
import { msToNs } from './loki-api.js';
import { LokiSource } from './loki.js';
import { mergeReaders } from './merge.js';
import { WholeFileReader, type PullReader } from './reader.js';
import { hasHeader, parseHeaders } from './socket.js';
import { StdinSource } from './stdin.js';
import { WebSocketSource } from './ws.js';

export interface SourceOptions {
  files: string[];
  follow: boolean;
  ws?: string;
  headers: string[];
  noReconnect: boolean;
  loki?: string;
  query?: string;
  lokiUser?: string;
  /** else $SSRTAIL_LOKI_PASSWORD, else the URL's user:password */
  lokiPassword?: string;
  lokiTenant?: string;
  stdinIsPipe: boolean;
  /** --tail N: files from their last N lines; Loki's `limit` */
  tail?: number;
  /** --since/--until as epoch ms (util/window.ts epochWindow): the window Loki is asked for */
  lokiWindow?: { startMs: number; endMs?: number };
  /** default process.env (SSRTAIL_TOKEN, SSRTAIL_LOKI_PASSWORD) */
  env?: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadableStream;
}

export function openSources(o: SourceOptions): LineSource[] {
  const env = o.env ?? process.env;
  const out: LineSource[] = [];
  const headers = parseHeaders(o.headers ?? []);
  if (o.headers.length && !o.ws && !o.loki) throw new Error('--header goes with --ws or --loki');
  if (o.query !== undefined && !o.loki) throw new Error('--query goes with --loki URL');
  if ((o.lokiUser || o.lokiTenant || o.lokiPassword) && !o.loki) throw new Error('--loki-user and --loki-tenant go with --loki URL');

  const paths = o.files.filter((p) => p !== '-');
  if (o.files.filter((p) => p === '-').length > 1) throw new Error("'-' (stdin) can be given once");
  // -f on gzip or on a pipe (`-f /dev/stdin`) reads it to its end: there is nothing to follow past that
  const followed = (p: string) => o.follow && !isGzip(p) && !isStream(p);
  const tail = o.tail;
  if (tail !== undefined) checkTail(o, paths, tail);
  if (paths.length === 1 && !followed(paths[0]!)) out.push(new FileSource(paths[0]!, tail));
  else if (paths.length === 1) out.push(new FollowSource(paths[0]!, { tail }));
  else if (paths.length > 0) {
    const readers: PullReader[] = paths.map((p) => (followed(p) ? new FileTail(p, { tail }) : new WholeFileReader(p, tail)));
    out.push(...mergeReaders(readers));
  }
  if (o.files.includes('-')) out.push(new StdinSource(o.stdin));

  if (o.ws !== undefined) {
    const url = checkUrl(o.ws, '--ws', ['ws:', 'wss:', 'http:', 'https:']);
    if (url.protocol === 'http:') url.protocol = 'ws:';
    if (url.protocol === 'https:') url.protocol = 'wss:';
    const h = { ...headers };
    const token = env.SSRTAIL_TOKEN;
    const fromToken = !!token && !hasHeader(h, 'authorization') && !url.username;
    if (fromToken) h.Authorization = `Bearer ${token}`;
    // a 401 means something else when credentials went with the request: they were refused
    const authHint = fromToken
      ? 'the token in $SSRTAIL_TOKEN was refused'
      : hasHeader(h, 'authorization') || url.username
        ? 'the credentials sent (--header, or the URL) were refused'
        : 'the server wants credentials (set $SSRTAIL_TOKEN or pass --header)';
    out.push(new WebSocketSource(url.toString(), { headers: h, reconnect: !o.noReconnect, authHint }));
  }

  if (o.loki !== undefined) {
    checkUrl(o.loki, '--loki', ['http:', 'https:', 'ws:', 'wss:']);
    if (!o.query || !o.query.trim()) throw new Error(`--loki needs --query '<LogQL>', e.g. --query '{app="shop"}'`);
    const password = o.lokiPassword ?? env.SSRTAIL_LOKI_PASSWORD;
    out.push(
      new LokiSource(o.loki, {
        query: o.query,
        user: o.lokiUser,
        password,
        tenant: o.lokiTenant,
        headers,
        reconnect: !o.noReconnect,
        limit: tail,
        range: o.lokiWindow && {
          startNs: msToNs(o.lokiWindow.startMs),
          endNs: o.lokiWindow.endMs === undefined ? undefined : msToNs(o.lokiWindow.endMs),
        },
      }),
    );
  }

  if (out.length === 0 && o.stdinIsPipe) out.push(new StdinSource(o.stdin));
  return out;
}

/**
 * --tail N goes with files read from their end and with Loki (its `limit`). A pipe has no end to read back
 * from, gzip must be read whole, and a WebSocket feed has `?backlog=N` (ssrtail serve): each is refused with
 * what to do instead, as is --tail 0 where nothing would be read.
 */
function checkTail(o: SourceOptions, paths: string[], n: number): void {
  const N = String(n);
  if (o.files.includes('-') || (o.files.length === 0 && !o.ws && !o.loki && o.stdinIsPipe)) {
    throw new Error(`--tail reads a file back from its end, which a pipe does not have: cut it before (tail -n ${N}, kubectl logs --tail=${N})`);
  }
  for (const p of paths) {
    if (isStream(p)) throw new Error(`--tail: ${p} is a pipe, which cannot be read back from its end: cut it before (tail -n ${N})`);
    if (isGzip(p)) throw new Error(`--tail: ${p} is compressed, and gzip must be read whole: zcat ${p} | tail -n ${N} | ssrtail`);
  }
  if (o.ws !== undefined) throw new Error(`--tail does not go with --ws: ask the server for recent lines with ?backlog=${N} in the URL (ssrtail serve)`);
  if (n === 0 && !(o.follow && paths.length > 0)) throw new Error('--tail 0 reads no line: with -f it follows only what is written from now on');
  if (n === 0 && o.loki !== undefined) throw new Error('--tail 0 does not go with --loki: give a number of entries >= 1');
}

function checkUrl(text: string, flag: string, protocols: string[]): URL {
  // `localhost:8787` or `127.0.0.1:8787` (URL reads the first as the scheme `localhost:`, refuses the second)
  if (/^[\w.-]+:\d+(?:[/?]|$)/.test(text) || /^[\w-]+(?:\.[\w-]+)+(?:[/?]|$)/.test(text)) {
    throw new Error(`${flag}: '${text.slice(0, 100)}' has no scheme: give ${protocols[0]}//${text.slice(0, 100)}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${flag}: not a valid URL: '${text.slice(0, 100)}' (expected e.g. ${protocols[0]}//host:${flag === '--loki' ? 3100 : 8787})`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(`${flag}: expected a ${protocols.map((p) => p.slice(0, -1)).join('/')} URL, got ${url.protocol.slice(0, -1)}:`);
  }
  if (!url.hostname) throw new Error(`${flag}: the URL has no host: '${text.slice(0, 100)}'`);
  return url;
}
