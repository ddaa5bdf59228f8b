import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pipeline } from '../../../src/pipeline.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TRIAGE_LOG = path.join(ROOT, 'test/fixtures/ui/triage.log');

/** The UI fixture (every label, secrets, escape sequences) through a finished pipeline. */
export function triagePipeline(): Pipeline {
  const p = new Pipeline({});
  p.feed(fs.readFileSync(TRIAGE_LOG, 'utf8').split('\n').filter(Boolean));
  p.end();
  return p;
}

export const IDS = {
  ok: '11111111-aaaa-4bbb-8ccc-000000000001',
  s539: '22222222-aaaa-4bbb-8ccc-000000000539',
  backend: '33333333-aaaa-4bbb-8ccc-000000000003',
  ssr: '44444444-aaaa-4bbb-8ccc-000000000004',
  timeout: '55555555-aaaa-4bbb-8ccc-000000000005',
  json: 'aaaaaaaa-aaaa-4bbb-8ccc-00000000000a',
  evil: 'bbbbbbbb-aaaa-4bbb-8ccc-00000000000b',
};
