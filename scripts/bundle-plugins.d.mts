// Types for scripts/bundle-plugins.mjs (plain Node ESM, no build step), for the TypeScript test that imports it.
import type { Plugin } from 'esbuild';

export declare const noDevtools: Plugin;
export declare const narrowStringWidth: Plugin;
export declare const cachedStyledChars: Plugin;
