// node:util parseArgs, its error cut to one plain line and turned into the caller's error.
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** parseArgs' first line, in words a user can act on. `args`: the arguments it read (a file named like a flag is named). */
export function argsErrorLine(message: string, args: readonly string[] = []): string {
  const first = message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
  // `ssrtail -weird.log`: a file whose name starts with '-' reads as flags
  const file = /^Unknown option/.test(first) ? args.find((a) => /^-[^-]/.test(a) && fs.existsSync(a)) : undefined;
  if (file) return `${first}: for the file ${file}, put -- before it (-- ${file})`;
  // `--max-groups -1`: parseArgs will not take a value that looks like an option
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(first);
  if (ambiguous) return `${ambiguous[1]} needs a value (one starting with '-' is written ${ambiguous[1]}=VALUE)`;
  return first;
}

export function parseArgsOr<T extends ParseArgsConfig>(config: T, fail: (firstLine: string) => Error): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw fail(argsErrorLine((e as Error).message, config.args ?? process.argv.slice(2)));
  }
}
