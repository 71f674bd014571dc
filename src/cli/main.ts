// Command dispatch, help, and the one place where errors become messages and exit codes.
import pkg from '../../package.json' with { type: 'json' };
import { ExitCode, formatPosition, TracklintError } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';
import { parseFlags } from './args.ts';
import type { IO } from './io.ts';

export const VERSION: string = pkg.version;

export const MAIN_HELP = `tracklint ${pkg.version}: lint what Heap observed against your YAML tracking plan

Usage:
  tracklint check --plan <files|globs|dir> [options]   check the plan (and, with sources, the data)
  tracklint schema                                      print the plan's JSON Schema
  tracklint --help | --version

Run "tracklint check --help" for the options of check.

Exit codes:
  0    no findings at or above the fail level
  1    findings at or above the fail level
  2    usage, config or plan error
  3    source error (auth, network, incomplete data)
  130  interrupted
`;

const COMMANDS = ['check', 'schema', 'help'];

export async function main(argv: string[], io: IO): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(MAIN_HELP);
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '--version' || first === '-v' || first === '-V') {
      io.stdout.write(`${VERSION}\n`);
      return ExitCode.ok;
    }
    switch (first) {
      case 'check': {
        const { runCheck } = await import('./check.ts');
        return await runCheck(rest, io);
      }
      case 'schema': {
        parseFlags(rest, { debug: { type: 'boolean' } }, 'schema');
        const { planSchema } = await import('../plan/schema.ts');
        io.stdout.write(JSON.stringify(planSchema, null, 2) + '\n');
        return ExitCode.ok;
      }
      default:
        if (first.startsWith('-')) parseFlags([first], { help: { type: 'boolean' }, version: { type: 'boolean' } }, 'tracklint');
        io.stderr.write(`tracklint: unknown command "${first}"${didYouMean(first, COMMANDS)}\n\n${MAIN_HELP}`);
        return ExitCode.usage;
    }
  } catch (e) {
    return reportError(e, io, debug);
  }
}

export function reportError(e: unknown, io: IO, debug: boolean): number {
  if (e instanceof TracklintError) {
    if (e.diagnostics.length === 0) io.stderr.write(`tracklint: ${e.message}\n`);
    for (const d of e.diagnostics) {
      io.stderr.write(`${d.position ? formatPosition(d.position) + ' ' : ''}error: ${d.message}\n`);
      if (d.frame) io.stderr.write(d.frame + '\n\n');
    }
    if (e.diagnostics.length > 1) io.stderr.write(`tracklint: ${e.message}\n`);
    if (debug && e.stack) io.stderr.write(e.stack + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr.write(`tracklint: internal error: ${err?.message ?? String(e)}\n`);
  if (debug && err?.stack) io.stderr.write(err.stack + '\n');
  else io.stderr.write('Run again with --debug for a stack trace, and please report it.\n');
  return 70;
}
