// node:util parseArgs for the subcommands, its error cut to one line and turned into the caller's error.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parseArgsOr<T extends ParseArgsConfig>(config: T, fail: (firstLine: string) => Error): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw fail((e as Error).message.split('\n')[0]!);
  }
}
