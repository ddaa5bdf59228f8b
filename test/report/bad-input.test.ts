// Bad input through the built binary, as a newcomer gives it: each gets a clear line on stderr, no silent loss.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const COMPRESSED = path.join(ROOT, 'test/fixtures/compressed');

describe('bad input through the binary', () => {
  it('names a log compressed with bzip2, xz, zstd, lz4 or zip (made by the real tools) and says how to read it', async () => {
    const expected: Record<string, RegExp> = {
      'three.log.bz2': /is compressed with bzip2, which is not read \(only gzip is\): decompress it first \(bzcat FILE \| ssrtail\)/,
      'three.log.xz': /compressed with xz.*\(xzcat FILE \| ssrtail\)/,
      'three.log.zst': /compressed with zstd.*\(zstdcat FILE \| ssrtail\)/,
      'three.log.lz4': /compressed with lz4.*\(lz4cat FILE \| ssrtail\)/,
      'three.log.zip': /compressed with zip.*\(unzip -p FILE \| ssrtail\)/,
    };
    for (const [name, re] of Object.entries(expected)) {
      const file = path.join(COMPRESSED, name);
      const r = await runCli(['--json', file]);
      expect(r.stderr, name).toMatch(re);
      expect(r.stderr, name).not.toMatch(/binary file/);
      // piped, the same
      expect((await runCli(['--json'], { input: fs.readFileSync(file) })).stderr, name).toMatch(re);
    }
    // a text log whose first line starts with the letters of bzip2's magic is text
    const text = await runCli(['--json'], { input: 'BZh91AY is not bzip2\n09:00:00.100 req-00000001 Request details: GET https://a.example/\n' });
    expect(text.stderr).not.toMatch(/compressed/);
  });
});
