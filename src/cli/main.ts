// Command dispatch, help, and the one place where errors become messages and exit codes.
import { ExitCode, formatPosition, TracklintError } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';
import { firstSentence } from '../util/format.ts';
import { visible } from '../util/visible.ts';
import { parseFlags } from './args.ts';
import type { IO } from './io.ts';
import { VERSION } from './version.ts';

export { VERSION };


export const MAIN_HELP = `tracklint ${VERSION}: lint what Heap observed against your YAML tracking plan

Usage:
  tracklint check --plan <files|globs|dir> [options]   check the plan (and, with sources, the data)
  tracklint rules                                       list the rules with their default severity
  tracklint explain <rule>                              print a rule's documentation
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

const COMMANDS = ['check', 'rules', 'explain', 'schema', 'help'];

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
      case 'rules': {
        parseFlags(rest, { debug: { type: 'boolean' } }, 'rules');
        const { RULES } = await import('../rules/index.ts');
        const width = Math.max(...RULES.map((r) => r.id.length));
        for (const r of RULES) io.stdout.write(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(5)}  ${firstSentence(r.doc)}\n`);
        return ExitCode.ok;
      }
      case 'explain': {
        const { positionals } = parseFlags(rest, { debug: { type: 'boolean' } }, 'explain');
        const { RULE_IDS, ruleById } = await import('../rules/index.ts');
        const id = positionals[0];
        const rule = id === undefined ? undefined : ruleById(id);
        if (!rule) {
          io.stderr.write(id === undefined ? 'tracklint: explain needs a rule id; "tracklint rules" lists them\n' : `tracklint: unknown rule "${id}"${didYouMean(id, RULE_IDS)}; "tracklint rules" lists them\n`);
          return ExitCode.usage;
        }
        io.stdout.write(`${rule.id} (default severity: ${rule.defaultSeverity}; needs ${rule.needs === 'plan' ? 'only the plan' : 'observed data'})\n\n${wrap(rule.doc, 78)}\n`);
        return ExitCode.ok;
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
  // Messages can quote data (a malformed record, a name, Heap's answer): nothing reaches the
  // terminal raw.
  if (e instanceof TracklintError) {
    if (e.diagnostics.length === 0) io.stderr.write(`tracklint: ${visibleLines(e.message)}\n`);
    for (const d of e.diagnostics) {
      io.stderr.write(`${d.position ? visible(formatPosition(d.position)) + ' ' : ''}error: ${visible(d.message)}\n`);
      if (d.frame) io.stderr.write(d.frame + '\n\n');
    }
    if (e.diagnostics.length > 1) io.stderr.write(`tracklint: ${e.message}\n`);
    if (debug && e.stack) io.stderr.write(visibleLines(e.stack) + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  if (err?.name === 'AbortError') {
    io.stderr.write('tracklint: interrupted\n');
    return ExitCode.interrupted;
  }
  io.stderr.write(`tracklint: internal error: ${visible(err?.message ?? String(e))}\n`);
  if (debug && err?.stack) io.stderr.write(visibleLines(err.stack) + '\n');
  else io.stderr.write('Run again with --debug for a stack trace, and please report it.\n');
  return 70;
}


function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** visible() line by line: a multi-line message keeps its line breaks. */
function visibleLines(s: string): string {
  return s.split('\n').map(visible).join('\n');
}
