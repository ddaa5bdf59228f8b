#!/usr/bin/env node
// The floor under any JavaScript log reader on this machine: read FILE in 1 MiB chunks (as ssrtail does),
// split it into line strings on Buffer.indexOf, JSON.parse every line that starts with '{', and nothing
// else (no grouping, no diagnosis, no output). `npm run bench` times it as a whole process, like ssrtail.
//
//   node scripts/bench/floor.mjs FILE [--no-json]
import fs from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: floor.mjs FILE [--no-json]\n');
  process.exit(2);
}
const json = !process.argv.includes('--no-json');
const fd = fs.openSync(file, 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let carry = Buffer.alloc(0);
let lines = 0;
let objects = 0;
const line = (s) => {
  lines++;
  if (json && s.charCodeAt(0) === 123) {
    try {
      if (JSON.parse(s) !== null) objects++;
    } catch {
      // not JSON after all: counted as a line
    }
  }
};
for (;;) {
  const n = fs.readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
  let start = 0;
  let nl;
  while ((nl = chunk.indexOf(10, start)) !== -1) {
    line(chunk.toString('utf8', start, nl));
    start = nl + 1;
  }
  carry = Buffer.from(chunk.subarray(start));
}
if (carry.length) line(carry.toString('utf8'));
process.stdout.write(`${lines} lines, ${objects} JSON objects\n`);
