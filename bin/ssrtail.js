#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (dist/bundle/ when the build bundled it: it starts faster).
// Errors become one clear line and exit code 2.
import fs from 'node:fs';

process.stdout.on('error', (err) => {
  // `ssrtail --json file | head` closes the pipe early: that is not an error
  if (err && err.code === 'EPIPE') process.exit(0);
});

if (process.env.SSRTAIL_DEBUG) process.setSourceMapsEnabled(true);
const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = await import(fs.existsSync(bundled) ? bundled.href : '../dist/cli.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const msg = err && err.message ? err.message : String(err);
    // a file name is untrusted text too: no escape sequence reaches the terminal
    // eslint-disable-next-line no-control-regex
    process.stderr.write(`ssrtail: ${msg.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD')}\n`);
    if (process.env.SSRTAIL_DEBUG && err && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = 2;
  },
);
