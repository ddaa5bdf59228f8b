// Bundles the compiled CLI (dist/) into dist/bundle/: one file to load instead of hundreds of modules, which
// takes the TUI's start from ~0.6 s of module loading to a fraction of it (Node 20 has no compile cache).
// The TUI is a separate chunk, loaded only when the TUI starts; the report worker is its own entry.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedStyledChars, noDevtools, narrowStringWidth } from './bundle-plugins.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const outdir = path.join(ROOT, 'dist/bundle');
fs.rmSync(outdir, { recursive: true, force: true });

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // a production install (no devDependencies): bin/ssrtail.js then runs dist/cli.js, only slower to start
  console.warn('bundle: esbuild is not installed; ssrtail will run unbundled from dist/');
  process.exit(0);
}

await build({
  entryPoints: { cli: path.join(ROOT, 'dist/cli.js'), worker: path.join(ROOT, 'dist/report/worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS packages inside call require() for Node's own modules
  banner: { js: "import { createRequire as __ssrtailRequire } from 'node:module'; const require = __ssrtailRequire(import.meta.url);" },
  // optional native speed-ups of ws: absent is fine (ws falls back)
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [noDevtools, narrowStringWidth, cachedStyledChars],
  // the TUI runs React's production build (ui/run.ts): leave the development builds out of the bundle
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: !process.env.BUNDLE_NAMES,
  // stack traces map back to dist/ when SSRTAIL_DEBUG is set (bin/ssrtail.js turns source maps on)
  sourcemap: 'linked',
});
