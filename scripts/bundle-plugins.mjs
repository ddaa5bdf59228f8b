// esbuild plugins of scripts/bundle.mjs (a module of their own so that test/scripts/bundle-plugins.test.ts can build with them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Ink loads React DevTools only when DEV=true; it is not installed, so that import resolves to nothing. */
export const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

/**
 * Ink measures every piece of text it draws with string-width 8, which segments graphemes and runs an emoji
 * regex on anything that is not ASCII (the UI's · … › ─ ▁▂▃ marks): its imports of string-width 8 go through
 * dist/util/narrow.js first (the same answers, tested character by character in test/ui/format.test.ts).
 * Other versions (wrap-ansi keeps string-width 7, which measures some of those characters differently) are
 * left alone.
 */
export const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(b) {
    const real = path.join(ROOT, 'node_modules/string-width/index.js');
    const narrow = path.join(ROOT, 'dist/util/narrow.js');
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const r = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } });
      if (r.errors.length || r.path !== real) return undefined;
      return { path: real, namespace: 'narrow-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'narrow-string-width' }, () => ({
      contents: `import stringWidth from ${JSON.stringify(real)};\nimport { narrowWidth } from ${JSON.stringify(narrow)};\nexport default function width(text, options) { return narrowWidth(text, options) ?? stringWidth(text, options); }\n`,
      resolveDir: ROOT,
    }));
  },
};

/**
 * Ink turns every line of every frame into styled characters and back through @alcalzone/ansi-tokenize: its
 * imports go through dist/ui/format/styled-chars.js instead (the same answers, remembered across frames: tested
 * against the library in test/ui/styled-chars.test.ts). That module's own import reaches the library.
 */
export const cachedStyledChars = {
  name: 'cached-styled-chars',
  setup(b) {
    const ours = path.join(ROOT, 'dist/ui/format/styled-chars.js');
    b.onResolve({ filter: /^@alcalzone\/ansi-tokenize$/ }, (args) => {
      if (args.importer === ours) return undefined;
      return { path: ours };
    });
  },
};
