// Report mode on a live source that cannot connect: stderr says each retry once (why, and when the next try is),
// not a second line per attempt repeating the same error.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';
import { refusedPort } from '../curl/helpers.js';

describe('ssrtail --report --ws: a feed that refuses', () => {
  it('says each retry once on stderr, and the first connecting once', async () => {
    const port = await refusedPort();
    const child = spawn(process.execPath, [BIN, '--report', '--ws', `ws://127.0.0.1:${port}`], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const retries = () => stderr.split('\n').filter((l) => l.includes('retrying in')).length;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no third retry in 15 s:\n${stderr}`)), 15_000);
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (retries() >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    const lines = stderr.split('\n').filter((l) => l.startsWith('ssrtail: ws://'));
    expect(lines.filter((l) => l.includes('retrying in'))[0]).toMatch(/connection refused by 127\.0\.0\.1/);
    expect(lines.filter((l) => /: connecting/.test(l))).toHaveLength(1);
    expect(stderr).not.toMatch(/attempt \d/);
  }, 30_000);
});
