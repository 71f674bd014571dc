// `tracklint check`: load the plan and report on it.
import { ExitCode, UsageError } from '../errors.ts';
import { loadPlan } from '../plan/load.ts';
import type { Plan } from '../plan/types.ts';
import { parseFlags } from './args.ts';
import type { IO } from './io.ts';

export const CHECK_HELP = `Usage: tracklint check --plan <files|globs|dir> [options]

Plan:
  --plan <path>      plan file, folder (all *.yaml / *.yml in it) or glob; repeatable

Other:
  --debug            show stack traces for errors
  -h, --help         show this help
`;

const OPTIONS = {
  plan: { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCheck(argv: string[], io: IO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'check');
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; give plan files with --plan`);
  const planInputs = values.plan ?? [];
  if (planInputs.length === 0) throw new UsageError('no plan given: use --plan <files|globs|dir>');
  const plan = await loadPlan(planInputs, { cwd: io.cwd });
  io.stdout.write(planSummary(plan) + '\n');
  return ExitCode.ok;
}

export function planSummary(plan: Plan): string {
  let properties = plan.userProperties.size + plan.accountProperties.size;
  for (const e of plan.events.values()) properties += e.properties.size;
  const n = (count: number, one: string, many = one + 's') => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  return `plan OK: ${n(plan.events.size, 'event')}, ${n(properties, 'property', 'properties')} in ${n(plan.files.length, 'file')}`;
}
