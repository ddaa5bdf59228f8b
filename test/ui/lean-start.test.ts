// What a session on a file loads: the network stack (ws, and Node's http, https, tls and crypto under it and
// under the re-run) costs ~25 ms of every start and is loaded only when a feed connects or a request is re-run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';
import { shellQuote, tuiOpener } from './helpers/pty.js';

const open = tuiOpener();
const NETWORK = ['http', 'https', 'tls', 'crypto', '_http_client'];

/** A preload that writes the built-in modules Node loaded, at exit, to `out`. */
function moduleListPreload(out: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-lean-'));
  const file = path.join(dir, 'list-modules.mjs');
  fs.writeFileSync(
    file,
    `import fs from 'node:fs';\nprocess.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join('\\n')));\n`,
  );
  return file;
}

function loaded(out: string): string[] {
  return fs.readFileSync(out, 'utf8').split('\n');
}

describe('start-up loads no network modules for a file', () => {
  it('in report mode', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-lean-')), 'modules.txt');
    const r = await runCli(['--report', path.join(ROOT, 'samples/busy.log')], { env: { NODE_OPTIONS: `--import ${moduleListPreload(out)}` } });
    expect(r.code).toBe(0);
    const mods = loaded(out);
    expect(mods).toContain('fs');
    for (const m of NETWORK) expect(mods, m).not.toContain(m);
  });

  it('in the TUI, up to its first screen and out', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssrtail-lean-')), 'modules.txt');
    const preload = moduleListPreload(out);
    const t = open(`node --import ${shellQuote(preload)} ${shellQuote(BIN)} ${shellQuote(path.join(ROOT, 'samples/busy.log'))}; echo AFTER-$?`);
    await t.waitFor((s) => /busy\.log ■ ended/.test(s), 'the first screen', 40_000);
    t.send('q');
    await t.waitFor((s) => s.includes('AFTER-0'), 'quit');
    const mods = loaded(out);
    expect(mods).toContain('tty');
    for (const m of NETWORK) expect(mods, m).not.toContain(m);
  }, 60_000);
});
