// `ssrtail serve [FILE|-] --port 8787`: run next to the server, connect from a laptop with --ws.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { LineSource, SourceStatus } from '../model.js';
import { parseArgsOr } from '../util/args.js';
import { describeFsError } from './file.js';
import { FollowSource, type FileGeneration, type FollowOptions } from './follow.js';
import { isLoopback, LineServer } from './serve.js';
import { StdinSource } from './stdin.js';

export const SERVE_HELP = `
  Usage
    $ ssrtail serve [FILE|-] [--port 8787] [--host 127.0.0.1] [--token T] [--backlog-size N]

  Publishes a file, followed like tail -F (truncation and rotation handled), or stdin over
  WebSocket. Then, from your laptop (through an SSH tunnel, or directly with a token):
    $ ssrtail --ws ws://HOST:8787               live lines
    $ ssrtail --ws 'ws://HOST:8787/?backlog=2000'   and the 2000 most recent ones first

  Options
    --port N           port to listen on (default 8787)
    --host ADDR        address to bind (default 127.0.0.1); any other address needs a token
    --token T          clients must send "Authorization: Bearer T"; better: set $SSRTAIL_TOKEN,
                       which stays out of shell history (clients read it from there too)
    --backlog-size N   recent lines kept for ?backlog= and for clients that reconnect (default 10000)
`;

export interface ServeConfig {
  input: string;
  host: string;
  port: number;
  token?: string;
  backlogLines: number;
}

export interface ServeIo {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  /** where --help goes */
  stdout?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** stops the server like SIGINT (tests) */
  signal?: AbortSignal;
  follow?: FollowOptions;
  heartbeatMs?: number;
}

/** Parses serve's arguments; throws one clear line on bad input. undefined = --help. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv, stdinIsTTY: boolean): ServeConfig | undefined {
  const parsed = parseArgsOr(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        token: { type: 'string' },
        'backlog-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    (line) => new Error(`serve: ${line} (ssrtail serve --help)`),
  );
  const v = parsed.values;
  if (v.help) return undefined;
  if (parsed.positionals.length > 1) throw new Error('serve: give one FILE (or - for stdin)');
  let input = parsed.positionals[0];
  if (input === undefined) {
    if (stdinIsTTY) throw new Error('serve: give a FILE to publish, or pipe lines in (ssrtail serve --help)');
    input = '-';
  }
  const port = v.port === undefined ? 8787 : /^\d{1,5}$/.test(v.port) ? Number(v.port) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`serve: --port must be a number from 0 to 65535 (got '${v.port}')`);
  const backlogLines = v['backlog-size'] === undefined ? 10_000 : /^\d+$/.test(v['backlog-size']) ? Number(v['backlog-size']) : NaN;
  if (!Number.isSafeInteger(backlogLines)) throw new Error(`serve: --backlog-size must be a whole number of lines (got '${v['backlog-size']}')`);
  const host = v.host ?? '127.0.0.1';
  const token = v.token ?? env.SSRTAIL_TOKEN;
  if (token !== undefined && token.trim() === '') throw new Error('serve: the token is empty');
  if (!isLoopback(host) && token === undefined) {
    throw new Error(`serve: listening on ${host} would publish your logs to the network without a password: set $SSRTAIL_TOKEN (or --token)`);
  }
  if (input === '') throw new Error(`serve: ${describeFsError({ code: 'ENOENT' }, '')}`);
  if (input !== '-') {
    try {
      if (fs.statSync(input).isDirectory()) throw new Error(`serve: ${input}: is a directory`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // not there yet: followed once it appears
    }
  }
  return { input, host, port, token, backlogLines };
}

export interface RunningServe {
  url: string;
  port: number;
  server: LineServer;
  source: LineSource;
  /** resolves when the input source has ended for good (stdin at its end, an error) */
  sourceEnded: Promise<SourceStatus | undefined>;
  close(opts?: { abrupt?: boolean }): Promise<void>;
}

/** Starts the server and the input; rejects with one clear line when it cannot listen. */
export async function startServe(cfg: ServeConfig, io: ServeIo = {}): Promise<RunningServe> {
  const stderr = io.stderr ?? process.stderr;
  const server = new LineServer({ host: cfg.host, port: cfg.port, token: cfg.token, backlogLines: cfg.backlogLines, heartbeatMs: io.heartbeatMs });
  const addr = await server.listen();
  let gen: FileGeneration | undefined;
  const source: LineSource = cfg.input === '-' ? new StdinSource(io.stdin ?? process.stdin) : new FollowSource(cfg.input, { ...io.follow, onGeneration: (g) => (gen = g) });
  let stream = cfg.input === '-' ? `stdin-${crypto.randomUUID().slice(0, 8)}` : '';
  const hostInUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `ws://${hostInUrl}:${addr.port}`;
  const shown = cfg.input === '-' ? 'stdin' : cfg.input;
  const exposed = isLoopback(cfg.host) ? '' : ' (token required)';
  stderr.write(`ssrtail serve: publishing ${shown} on ${url}${exposed}; connect with: ssrtail --ws ${url}\n`);

  let lastStatus: SourceStatus | undefined;
  const sourceEnded = source
    .start(
      (lines) => {
        if (gen) {
          stream = streamId(gen, lines[0]!, server);
          gen = undefined;
        }
        server.publish(stream || 'f-unknown', lines);
      },
      (s) => {
        lastStatus = s;
        if (s.state === 'loading') return;
        const more = s.state === 'ended' ? ': still serving the backlog, Ctrl-C to stop' : '';
        stderr.write(`ssrtail serve: ${shown}: ${s.state}${s.detail ? ` (${s.detail})` : ''}${more}\n`);
      },
    )
    .then(() => lastStatus);
  return {
    url,
    port: addr.port,
    server,
    source,
    sourceEnded,
    async close(opts) {
      source.stop();
      await server.close(opts);
    },
  };
}

/** A file generation's stream id: the same file read again (after a restart) gets the same one. */
function streamId(g: FileGeneration, firstLine: string, server: LineServer): string {
  const hash = crypto.createHash('sha1').update(firstLine).digest('hex').slice(0, 12);
  const id = `f-${g.dev}-${g.ino}-${hash}`;
  let out = id;
  for (let k = 2; server.hasStream(out); k++) out = `${id}~${k}`;
  return out;
}

/** Entry for `ssrtail serve ...` (argv after `serve`). Resolves with the exit code. */
export async function runServeCommand(argv: string[], io: ServeIo = {}): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const stdin = io.stdin ?? process.stdin;
  let cfg: ServeConfig | undefined;
  try {
    cfg = parseServeArgs(argv, env, !!stdin.isTTY);
  } catch (err) {
    stderr.write(`ssrtail ${(err as Error).message}\n`);
    return 2;
  }
  if (!cfg) {
    // asked for: on stdout, as `ssrtail --help` and `ssrtail curl --help` print theirs (`| less` works)
    (io.stdout ?? process.stdout).write(SERVE_HELP.trimStart());
    return 0;
  }
  let running: RunningServe;
  try {
    running = await startServe(cfg, { ...io, stdin });
  } catch (err) {
    stderr.write(`ssrtail serve: ${(err as Error).message}\n`);
    return 2;
  }
  let onSignal!: () => void;
  const stopped = new Promise<'signal'>((resolve) => (onSignal = () => resolve('signal')));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  io.signal?.addEventListener('abort', onSignal, { once: true });
  if (io.signal?.aborted) onSignal();
  // stdin at its end: keep serving the backlog until stopped; an input error ends serve
  const failed = running.sourceEnded.then((s) => (s?.state === 'error' ? s : new Promise<never>(() => {})));
  const why = await Promise.race([stopped, failed]);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.signal?.removeEventListener('abort', onSignal);
  await running.close();
  if (why !== 'signal') {
    stderr.write(`ssrtail serve: stopped: ${why.detail ?? 'input failed'}\n`);
    return 2;
  }
  stderr.write('ssrtail serve: stopped\n');
  return 0;
}
