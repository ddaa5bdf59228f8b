// The report table printed to a terminal: every line fits its width (a row never wraps), from 80 columns up.
import { afterEach, describe, expect, it } from 'vitest';
import stripAnsi from 'strip-ansi';
import { BIN, shellQuote, startTui, type Tui } from '../ui/helpers/pty.js';
import { runCli, tmpFile } from '../helpers/run-cli.js';

const UUID = '3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e';
const LOG = [
  `{"level":100,"time":1710147600000,"requestId":"${UUID}","data":{"method":"GET","path":"/c/outdoor/jackets?colour=green&size=xl","host":"shop.example.com","protocol":"https:","headers":{}}}`,
  `{"level":102,"time":1710147600010,"requestId":"${UUID}","data":{"id":0,"method":"GET","protocol":"https:","host":"origin.example.org","port":443,"path":"/api/catalog/jackets","headers":{}}}`,
  // an upstream URL longer than a line: its reason is cut into lines, not left to the terminal to wrap
  `{"level":102,"time":1710147600020,"requestId":"${UUID}","data":{"id":1,"method":"GET","protocol":"https:","host":"origin.example.org","port":443,"path":"/api/v2/catalog/products/search?query=jacket&limit=100&offset=1200&facets=colour,size,brand","headers":{}}}`,
  '09:00:01.000 req-0000042 GET https://shop.example.com/p/1',
  '09:00:01.000 req-0000042 Response details: GET https://shop.example.com/p/1 531 Origin Unreachable',
  '',
].join('\n');

let tui: Tui | undefined;
afterEach(() => {
  tui?.kill();
  tui = undefined;
});

async function tableAt(cols: number, file: string): Promise<string[]> {
  tui = startTui(`node ${shellQuote(BIN)} --report --details --no-color ${shellQuote(file)}`, { cols, rows: 40 });
  const { exitCode } = await tui.exited;
  expect(exitCode).toBe(0);
  return stripAnsi(tui.raw()).split(/\r?\n/).filter((l) => l !== '');
}

describe('the report table on a terminal', () => {
  it('fits 80 columns: UTC times of day, the ID cut to what `ssrtail curl` finds, paths, reasons wrapped under their row', async () => {
    const f = tmpFile('width.log', LOG);
    const lines = await tableAt(80, f);
    for (const l of lines) expect(l.length, l).toBeLessThan(80);
    expect(lines[0]).toMatch(/^TIME +LABEL +STAT METHOD +PATH +DURATION ID$/);
    const row = lines.find((l) => l.includes('allowlist-suspect'))!;
    expect(row).toMatch(/^09:00:00\.000 allowlist-suspect +- +GET +\/c\/…\S*size=xl +\d+ms\+ 3e93fb25…$/);
    // a sequential ID by its tail, where such IDs differ
    expect(lines.find((l) => l.includes('upstream-conn-err'))).toMatch(/^09:00:01\.000 upstream-conn-err 531 +GET +\/p\/1 +0ms …-0000042$/);
    // a reason longer than the line goes on under itself, after the same indent
    const why = lines.findIndex((l) => l.startsWith('    why:  upstream GET https://origin.example.org'));
    expect(why).toBeGreaterThan(0);
    const next = lines.findIndex((l) => l.startsWith('    next: '));
    expect(lines[next + 1]).toMatch(/^ {10}\S/);
    // the shown head of the ID is enough for `ssrtail curl`
    const curl = await runCli(['curl', f, '3e93fb25']);
    expect(curl.code).toBe(0);
    expect(curl.stdout).toContain('https://origin.example.org/api/catalog/jackets');
  });

  it('on a wide terminal prints ISO times, whole URLs and whole IDs, still on one line each', async () => {
    const lines = await tableAt(200, tmpFile('wide.log', LOG));
    for (const l of lines) expect(l.length, l).toBeLessThan(200);
    expect(lines.find((l) => l.includes(UUID))).toMatch(
      /^2024-03-11T09:00:00\.000Z allowlist-suspect +- +GET +https:\/\/shop\.example\.com\/c\/outdoor\/jackets\?colour=green&size=xl +\d+ms\+ 3e93fb25-fb10-4b13-94a5-fbdcb85a6e8e$/,
    );
    expect(lines.find((l) => l.includes('req-0000042'))).toMatch(/ upstream-connection-error 531 /);
  });
});
