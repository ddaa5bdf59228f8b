// Runs the built binary (npm test builds dist/ before vitest) with real files and pipes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/ssrtail.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  /** a file fed to stdin through a real pipe (`cat FILE | ssrtail …`), as a shell would */
  shellPipeFrom?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** default: the repository */
  cwd?: string;
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [cmd, argv] = opts.shellPipeFrom
      ? ['sh', ['-c', 'f=$0; n=$1; shift; cat "$f" | "$n" "$@"', opts.shellPipeFrom, process.execPath, BIN, ...args]]
      : [process.execPath, [BIN, ...args]];
    const child = spawn(cmd, argv as string[], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ssrtail ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 20000}ms\n${stderr}`));
    }, opts.timeoutMs ?? 20000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(opts.input);
    }
  });
}

export function tmpFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-test-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

export function ndjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}


/**
 * Follows `file` (`ssrtail ...args -f FILE`) until stderr says it is following, then sends `signal`. What was
 * printed before the signal, and all of it after, with the exit code.
 */
export async function stopWhileFollowing(args: string[], file: string, signal: NodeJS.Signals): Promise<CliResult & { before: string }> {
  const child = spawn(process.execPath, [BIN, ...args, '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 15000;
  while (!stderr.includes('following') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const before = stdout;
  child.kill(signal);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, before };
}
