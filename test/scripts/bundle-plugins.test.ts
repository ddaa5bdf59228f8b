// The bundle's shortcuts (scripts/bundle-plugins.mjs): Ink's string-width 8 is asked through narrowWidth first, and
// the string-width 7 that wrap-ansi keeps is left as it is; Ink's ansi-tokenize goes through styled-chars. Needs
// `npm run build` (npm test runs it first): the shortcuts are dist/util/narrow.js and styled-chars.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cachedStyledChars, narrowStringWidth } from '../../scripts/bundle-plugins.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** bundles `contents` (a module at the repository root) with one plugin, in memory */
function bundle(contents: string, plugin: Plugin) {
  return build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
    plugins: [plugin],
  });
}

describe('narrowStringWidth (esbuild plugin)', () => {
  it('routes string-width 8 through narrowWidth, leaves string-width 7 alone, and measures the same', async () => {
    const out = await bundle("import sw from 'string-width';\nimport wrap from 'wrap-ansi';\nexport const width = (s) => sw(s);\nexport { wrap };\n", narrowStringWidth);
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((k) => k.startsWith('narrow-string-width:'))).toHaveLength(1);
    expect(inputs).toContain('dist/util/narrow.js');
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

describe('cachedStyledChars (esbuild plugin)', () => {
  it("routes imports of @alcalzone/ansi-tokenize through styled-chars, whose own import reaches the library", async () => {
    const out = await bundle(
      "import { tokenize, styledCharsFromTokens, styledCharsToString } from '@alcalzone/ansi-tokenize';\nexport const round = (s) => styledCharsToString(styledCharsFromTokens(tokenize(s)));\nexport const same = (s) => tokenize(s) === tokenize(s);\n",
      cachedStyledChars,
    );
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs).toContain('dist/ui/format/styled-chars.js');
    expect(inputs).toContain('node_modules/@alcalzone/ansi-tokenize/build/index.js');
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`)) as {
      round: (s: string) => string;
      same: (s: string) => boolean;
    };
    expect(mod.round('\u001b[31mab\u001b[39mc')).toBe('\u001b[31mab\u001b[39mc');
    // the library alone tokenizes afresh each time: the same array back means the cache is in
    expect(mod.same('abc')).toBe(true);
  });
});
