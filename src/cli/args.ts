// Flag parsing on Node's util.parseArgs, with the errors a user can make turned into
// UsageErrors (exit 2) that name the flag and suggest the closest one.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends OptionSpec>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const message = err.message;
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? '';
      const known = Object.keys(options).map((k) => `--${k}`);
      throw new UsageError(`unknown option ${flag} for "${command}"${didYouMean(flag.split('=')[0]!, known)}; see tracklint ${command === 'tracklint' ? '' : command + ' '}--help`);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(message.replace(/\. To specify.*$/s, '').replace(/^Option '([^']+)'/, 'option $1'));
    }
    throw e;
  }
}
