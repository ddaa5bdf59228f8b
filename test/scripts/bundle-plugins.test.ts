// The bundle's string-width shortcut (scripts/bundle-plugins.mjs): Ink's string-width 8 is asked through
// narrowWidth first, and the string-width 7 that wrap-ansi keeps is left as it is. Needs `npm run build` (npm test
// runs it first): the shortcut is dist/ui/format/narrow.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { narrowStringWidth } from '../../scripts/bundle-plugins.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('narrowStringWidth (esbuild plugin)', () => {
  it('routes string-width 8 through narrowWidth, leaves string-width 7 alone, and measures the same', async () => {
    const out = await build({
      stdin: {
        contents: "import sw from 'string-width';\nimport wrap from 'wrap-ansi';\nexport const width = (s) => sw(s);\nexport { wrap };\n",
        resolveDir: ROOT,
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      metafile: true,
      logLevel: 'silent',
      plugins: [narrowStringWidth],
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((k) => k.startsWith('narrow-string-width:'))).toHaveLength(1);
    expect(inputs).toContain('dist/ui/format/narrow.js');
    // the real string-width 8 is still in (for everything narrowWidth cannot tell), and wrap-ansi's own 7 as it was
    expect(inputs).toContain('node_modules/string-width/index.js');
    expect(inputs).toContain('node_modules/wrap-ansi/node_modules/string-width/index.js');

    const mod = (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`)) as {
      width: (s: string) => number;
      wrap: (s: string, cols: number, o?: object) => string;
    };
    expect(mod.width('· a … b ›')).toBe(9);
    expect(mod.width('\u001b[31m▁▂▃\u001b[39m')).toBe(3);
    expect(mod.width('日本')).toBe(4);
    expect(mod.width('a🙂')).toBe(3);
    expect(mod.wrap('abc def', 4, { hard: true })).toBe('abc\ndef');
  });
});
