// Credentials written as JSON or `name: value` pairs in free text (a logged body, an app's message, an error, a
// header that is not a secret by its name) are masked on every surface: report, NDJSON, the detail pane, `C`'s
// copy, `c`'s curl command; --show-secrets prints them.
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { buildDetail } from '../../src/ui/detail/tree.js';
import { maskRawLine } from '../../src/ui/detail/secrets.js';
import { lineText } from '../../src/ui/format/segments.js';
import { ndjson, runCli, tmpFile } from '../helpers/run-cli.js';

const LOG = [
  '09:00:00.001 req-mask-0001 Request details: POST https://shop.example.com/login',
  '09:00:00.002 req-mask-0001 Upstream Request: POST http://127.0.0.1:9/v1/session',
  '    Content-Type: application/json',
  '    X-Context: {"refresh_token":"SK_HDR_2"}',
  '    Body: {"user":"ann","password":"SK_BODY_1"}',
  '09:00:00.003 req-mask-0001 ERROR: login failed {"apiKey":"SK_MSG_3","user":"ann"}',
  JSON.stringify({ level: 50, time: 1710147600004, requestId: 'req-mask-0001', msg: 'idp answered', err: { type: 'Error', message: 'idp said {"access_token":"SK_ERR_4"}' } }),
  JSON.stringify({ level: 30, time: 1710147600005, requestId: 'req-mask-0001', msg: 'payload {"client_secret":"SK_MSG_5"} Authorization: Token SK_MSG_6' }),
  '09:00:00.006 req-mask-0001 WARN: s3 put with AKIAIOSFODNN7EXAMPLE denied',
].join('\n') + '\n';

const SECRET = /SK_[A-Z]+_\d/;

describe('secrets in JSON pairs and free text', () => {
  it('are masked in the report, its reasons and NDJSON; --show-secrets prints them', async () => {
    const f = tmpFile('mask.log', LOG);
    for (const args of [['--report', '--details'], ['--json']]) {
      const r = await runCli([...args, f]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(SECRET);
      expect(r.stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(r.stdout).toContain('<masked>');
    }
    const json = ndjson((await runCli(['--json', f])).stdout)[0]!;
    expect((json.reasons as string[]).join('\n')).toContain('{"access_token":"<masked>"}');
    const shown = await runCli(['--json', '--show-secrets', f]);
    expect(shown.stdout).toContain('SK_ERR_4');
  });

  it('are masked in the detail pane (headers, body, app lines, raw lines) and in the lines `C` copies', () => {
    const p = new Pipeline();
    p.feed(LOG.trimEnd().split('\n'));
    p.end();
    const g = p.get('req-mask-0001')!;
    const lines = buildDetail(g, { unfolded: new Set(['up:0', 'raw']), showSecrets: false }).map((l) => lineText(l.segs));
    const shown = lines.join('\n');
    expect(shown).toContain('Body: {"user":"ann","password":"<masked>"}');
    expect(shown).toContain('X-Context: {"refresh_token":"<masked>"}');
    expect(shown).toContain('Authorization: Token <masked>');
    expect(shown).not.toMatch(SECRET);
    expect(shown).toContain('s3 put with <masked key: 20 chars> denied');
    const copied = g.raw.map((l) => maskRawLine(l.text, false)).join('\n');
    expect(copied).toContain('\\"client_secret\\":\\"<masked>\\"');
    expect(copied).not.toMatch(SECRET);
  });

  it('are masked in the curl command (body and headers, with a note) unless --show-secrets', async () => {
    const f = tmpFile('mask.log', LOG);
    const r = await runCli(['curl', f, 'req-mask-0001']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(SECRET);
    expect(r.stdout).toContain(`--data-raw '{"user":"ann","password":"<masked>"}'`);
    expect(r.stdout).toContain(`-H 'X-Context: {"refresh_token":"<masked>"}'`);
    expect(r.stdout).toMatch(/# masked: X-Context, body \(--show-secrets includes them\)/);
    const shown = await runCli(['curl', f, 'req-mask-0001', '--show-secrets']);
    expect(shown.stdout).toContain(`--data-raw '{"user":"ann","password":"SK_BODY_1"}'`);
    expect(shown.stdout).toContain(`-H 'X-Context: {"refresh_token":"SK_HDR_2"}'`);
  });
});

describe('a JWT in a URL path (/reset/<token>)', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  const log = [
    `09:00:00.001 req-path-0001 Request details: GET https://shop.example.com/reset/${jwt}`,
    `09:00:00.002 req-path-0001 Upstream Request: GET https://api.example.net/v1/verify/${jwt} 200 OK in 5ms`,
    `09:00:00.003 req-path-0001 Response details: GET https://shop.example.com/reset/${jwt} 200 OK`,
  ].join('\n') + '\n';

  it('is masked in NDJSON, the group-by keys and the curl command, as in the table; --show-secrets keeps it', async () => {
    const f = tmpFile('jwtpath.log', log);
    for (const args of [['--json'], ['--group-by', 'path', '--json'], ['--group-by', 'upstream'], ['--report'], ['curl', 'req-path-0001']]) {
      const r = await runCli(args[0] === 'curl' ? ['curl', f, args[1]!] : [...args, f]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain('SflKxwRJ');
    }
    const json = ndjson((await runCli(['--json', f])).stdout)[0]!;
    expect(json.url).toBe('https://shop.example.com/reset/MASKED');
    expect((await runCli(['curl', f, 'req-path-0001'])).stdout).toContain("curl 'https://api.example.net/v1/verify/MASKED'");
    expect(ndjson((await runCli(['--json', '--show-secrets', f])).stdout)[0]!.url).toBe(`https://shop.example.com/reset/${jwt}`);
  });
});
