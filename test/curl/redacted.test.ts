// A credential the log itself holds redacted (pino's [Redacted], ***, ssrtail's own <masked> in lines pasted from a
// ticket) cannot be sent for real: the command, the re-run's question and `ssrtail rerun` say it goes as logged.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRedactedUrl, isRedactedValue } from '../../src/curl/redacted.js';
import { createCurlEffects } from '../../src/curl/effects.js';
import { Pipeline } from '../../src/pipeline.js';
import { runCli } from '../helpers/run-cli.js';
import { recordingServer, sentHeaders, tempDir, type TestServer } from './helpers.js';

const dir = tempDir();
let rec: TestServer;
beforeAll(async () => {
  rec = await recordingServer();
});
afterAll(async () => {
  await rec.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('values redacted in the log', () => {
  it('are told from real ones', () => {
    for (const v of ['[Redacted]', '[REDACTED]', '[FILTERED]', '***', '********', 'Bearer [Redacted]', '<masked: 12 chars>', 'Basic <masked: 20 chars>', 'sid=<masked>; theme=dark', 'a=1; b=[Redacted]']) {
      expect(isRedactedValue(v), v).toBe(true);
    }
    for (const v of ['Bearer abc.def.ghi', 'sid=abc123; theme=dark', 'application/json', '**bold**', 'redacted-by-policy-v2']) expect(isRedactedValue(v), v).toBe(false);
    expect(isRedactedUrl('https://u:MASKED@h/x')).toBe(true);
    expect(isRedactedUrl('https://h/x?api_key=MASKED&page=2')).toBe(true);
    expect(isRedactedUrl('https://h/x?token=%5BRedacted%5D')).toBe(true);
    expect(isRedactedUrl('https://h/x?page=2&q=masked+ball')).toBe(false);
  });

  it('are sent as logged, and the command, the question and ssrtail rerun say so', async () => {
    const id = 'req-redacted-01';
    const lines = [
      `09:00:00.001 ${id} Request details: GET https://shop.example.com/p/1`,
      `09:00:00.002 ${id} Upstream Request: GET ${rec.base}/v1/x?page=2`,
      '    Authorization: Bearer [Redacted]',
      '    Accept: application/json',
    ];
    const f = path.join(dir, 'redacted.log');
    fs.writeFileSync(f, lines.join('\n') + '\n');
    const curl = await runCli(['curl', f, id, '--show-secrets']);
    expect(curl.stdout).toContain('# Authorization redacted in the log, sent as logged: put the real values in to reproduce the call\n');

    const p = new Pipeline({});
    p.feed(lines);
    p.end();
    const ask = createCurlEffects({ showSecrets: false }).rerunPrompt(p.get(id)!);
    expect('prompt' in ask && ask.prompt).toMatch(/\(127\.0\.0\.1 is this machine, not the server that logged the call; Authorization redacted in the log, sent as logged, 10 s timeout\)\? y\/n$/);

    const before = rec.received.length;
    const r = await runCli(['rerun', f, id]);
    expect(r.stdout).toContain('    note: 127.0.0.1 is this machine, not the server that logged the call\n    note: Authorization redacted in the log, sent as logged\n');
    expect(sentHeaders(rec.received[before]!)).toContainEqual(['Authorization', 'Bearer [Redacted]']);
  });
});
