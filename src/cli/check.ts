// `tracklint check`: load the plan, read the sources into one aggregate, run the rules, write
// the reports, and decide the exit code.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.ts';
import type { Observations } from '../observed/aggregate.ts';
import { loadPlan } from '../plan/load.ts';
import type { Plan } from '../plan/types.ts';
import type { RuleSeverity } from '../plan/types.ts';
import type { Report } from '../report/types.ts';
import { didYouMean } from '../util/similar.ts';
import { visible } from '../util/visible.ts';
import { iso, parseDuration, parseInstant } from '../util/time.ts';
import { parseFlags } from './args.ts';
import type { HeapSourceOptions } from '../sources/heap/source.ts';
import type { IO } from './io.ts';
import { VERSION } from './version.ts';

export const CHECK_HELP = `Usage: tracklint check --plan <files|globs|dir> [--source <kind:location>] [options]

Plan:
  --plan <path>             plan file, folder (all *.yaml / *.yml in it) or glob; repeatable

Observed data:
  --source <kind:location>  heap (the Heap API), heap-connect:DIR|s3://BUCKET/PREFIX
                            (a Heap Connect export), file:PATH|GLOB (NDJSON, JSON
                            array or Heap bulk body), snapshot:PATH (saved with
                            --save-observed); repeatable
  --since <7d|24h|ISO>      start of the window (a duration means that long before now)
  --until <ISO|duration>    end of the window (exclusive; for live sources, default now
                            minus --lag)
  --lag <duration>          Heap's processing delay left out of live sources (default 2h)
  --max-bad-records <r>     stop when more than this share of records is malformed
                            (0.01 or 1%; default 1%)
  --save-observed <path>    write the aggregate as a snapshot (JSON)
  --threads <n>             threads reading large files and Heap Connect tables at once
                            (default: the cores; the report is the same for any n)

Heap API (--source heap; credentials from HEAP_CLIENT_ID and HEAP_CLIENT_SECRET):
  --heap-credentials-file <path>
                            read the credentials from a file instead (JSON or KEY=VALUE)
  --heap-base-url <url>     default https://heapanalytics.com (other regions, tests)
  --heap-path <kind=path>   auth, events, users or accounts path; repeatable
  --chunk <duration>        window chunk read at once (default 1d; halved down to 1h
                            when Heap finds it too large)
  --concurrency <n>         chunks read at once (default 4)
  --request-timeout <d>     per request (default 60s)
  --max-retries <n>         per request (default 5)
  --time-budget <d>         for all requests and retries (default 15m)

Heap Connect (--source heap-connect:DIR or heap-connect:s3://bucket/prefix; AWS credentials
from the standard chain):
  --s3-endpoint <url>       an S3-compatible endpoint instead of AWS (path-style)
  --allow-partial           go on when a source could not read everything (exit 0/1
                            instead of 3); event-missing then reports nothing

Rules and failing:
  --rule <id=severity>      error | warn | info | off; repeatable; wins over the plan's rules:
  --min-rate <r>            ignore problems that affect less than this share of events
  --fail-on <level>         error (default) | warn | never
  --max-warnings <n>        also fail when there are more than n warnings

Output:
  --format <name[=path]>    console (default), junit, github, sarif, json, markdown;
                            repeatable; without a path to stdout (one format at most)
  --quiet                   report errors only
  --junit-warnings-as-failures
                            warnings become JUnit failures too (not only system-out)

Other:
  --config <path>           options from this file instead of the nearest
                            tracklint.config.yaml (flags win over the file)
  --debug                   show stack traces for errors
  -h, --help                show this help

Exit codes: 0 no findings at or above the fail level, 1 findings at or above it,
2 usage, config or plan error, 3 source error or incomplete data, 130 interrupted.
`;

const OPTIONS = {
  plan: { type: 'string', multiple: true },
  source: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  lag: { type: 'string' },
  'heap-credentials-file': { type: 'string' },
  's3-endpoint': { type: 'string' },
  'heap-base-url': { type: 'string' },
  'heap-path': { type: 'string', multiple: true },
  chunk: { type: 'string' },
  concurrency: { type: 'string' },
  'request-timeout': { type: 'string' },
  'max-retries': { type: 'string' },
  'time-budget': { type: 'string' },
  config: { type: 'string' },
  'max-bad-records': { type: 'string' },
  'save-observed': { type: 'string' },
  threads: { type: 'string' },
  'allow-partial': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'min-rate': { type: 'string' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  format: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  'junit-warnings-as-failures': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type FailOn = 'error' | 'warn' | 'never';

/** Sources that read Heap as it is now, which has not processed the newest events yet. */
const LIVE_SOURCES = new Set(['heap']);

type Values = ReturnType<typeof parseFlags<typeof OPTIONS>>['values'];

export async function runCheck(argv: string[], io: IO, now = Date.now()): Promise<number> {
  const parsed = parseFlags(argv, OPTIONS, 'check');
  if (parsed.values.help) {
    io.stdout.write(CHECK_HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"; give plan files with --plan`);
  let values: Values = parsed.values;
  const { findConfig, loadConfig, mergeOptions } = await import('./config.ts');
  const configFile = findConfig(io.cwd, values.config);
  if (configFile !== undefined) values = mergeOptions(loadConfig(configFile, io.cwd).values, values) as Values;
  const planInputs = values.plan ?? [];
  if (planInputs.length === 0) {
    throw new UsageError(`no plan given: use --plan <files|globs|dir>${configFile === undefined ? ', or a tracklint.config.yaml with plan:' : ` (or plan: in ${configFile})`}`);
  }

  // Validate every flag before doing any work.
  const { RULE_IDS } = await import('../rules/index.ts');
  const { parseSourceSpec } = await import('../sources/index.ts');
  const specs = (values.source ?? []).map(parseSourceSpec);
  const window: { since?: number; until?: number } = {};
  if (values.since !== undefined) window.since = parseInstant(values.since, '--since', now);
  const lag = parseDuration(values.lag ?? '2h', '--lag');
  const live = specs.some((s) => LIVE_SOURCES.has(s.kind));
  if (values.until !== undefined) window.until = parseInstant(values.until, '--until', now);
  // Heap processes events with a delay: live sources leave out the newest --lag.
  else if (live) window.until = now - lag;
  if (live && window.since === undefined) window.since = window.until! - 7 * 86_400_000;
  const heap = live ? await heapOptions(values, io) : undefined;
  if (window.since !== undefined && window.until !== undefined && window.since >= window.until) {
    throw new UsageError(`the window is empty: --since ${iso(window.since)} is not before --until ${iso(window.until)}`);
  }
  const maxBadRecords = parseShare(values['max-bad-records'] ?? '1%', '--max-bad-records');
  const minRate = values['min-rate'] === undefined ? 0 : parseShare(values['min-rate'], '--min-rate');
  const severities = parseRuleFlags(values.rule ?? [], RULE_IDS);
  const failOn = parseChoice(values['fail-on'] ?? 'error', '--fail-on', ['error', 'warn', 'never'] as const);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings');
  const threads = values.threads === undefined ? undefined : parseCount(values.threads, '--threads');
  if (threads === 0) throw new UsageError('--threads: give at least 1');
  if (values['save-observed'] !== undefined && specs.length === 0) throw new UsageError('--save-observed needs at least one --source');
  const { parseFormats, writeFormats } = await import('./formats.ts');
  const formats = parseFormats(values.format ?? []);
  if (formats.length === 0) {
    formats.push({ name: 'console' });
    // On GitHub Actions, annotations too.
    if (io.env.GITHUB_ACTIONS === 'true') formats.push({ name: 'github' });
  }

  const plan = await loadPlan(planInputs, { cwd: io.cwd, knownRules: RULE_IDS });
  let obs: Observations | undefined;
  if (specs.length > 0) {
    const { collect } = await import('../sources/collect.ts');
    const progress = showProgress(io, values.quiet ?? false);
    obs = await collect(specs, {
      cwd: io.cwd,
      window,
      maxBadRecords,
      pinnedEvents: plan.events.keys(),
      signal: io.signal,
      ...(threads !== undefined && { threads }),
      log: (line) => io.stderr.write(visible(line) + '\n'),
      sources: {
        ...(heap ? { heap } : {}),
        ...(specs.some((s) => s.kind === 'heap-connect') ? { heapConnect: { tableEvents: await tableEvents(plan), s3: { env: awsEnv(io.env), ...(values['s3-endpoint'] ? { endpoint: values['s3-endpoint'] } : {}) } } } : {}),
      },
      ...(progress ? { progress: progressLine(io, now) } : {}),
    });
    if (progress) io.stderr.write('\r\u001b[K');
    if (live && values.until === undefined) obs.notice(`the window ends ${values.lag ?? '2h'} before now (--lag): Heap processes events with a delay`);
    for (const s of obs.malformedSamples) io.stderr.write(`warning: ${visible(`${s.file}:${s.line}: malformed record skipped: ${s.reason}`)}\n`);
    if (obs.records.malformed > obs.malformedSamples.length) {
      io.stderr.write(`warning: ${obs.records.malformed - obs.malformedSamples.length} more malformed records skipped\n`);
    }
    if (values['save-observed'] !== undefined) {
      const { toSnapshot } = await import('../observed/snapshot.ts');
      const file = path.resolve(io.cwd, values['save-observed']);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(toSnapshot(obs, now), null, 1) + '\n');
    }
  }

  const { evaluate } = await import('../rules/engine.ts');
  const { buildReport } = await import('../report/build.ts');
  const report = buildReport(plan, obs, evaluate(plan, obs, { severities, minRate }), { version: VERSION, now });

  const fullReport = formats.find((f) => f.path !== undefined && (f.name === 'json' || f.name === 'sarif' || f.name === 'junit'))?.path;
  await writeFormats(formats, report, {
    io,
    color: colorLevel(io),
    quiet: values.quiet ?? false,
    junitWarningsAsFailures: values['junit-warnings-as-failures'] ?? false,
    ...(fullReport ? { fullReport } : {}),
  });

  // On GitHub Actions, the Markdown summary goes on the run's page as well.
  const summaryFile = io.env.GITHUB_ACTIONS === 'true' ? io.env.GITHUB_STEP_SUMMARY : undefined;
  if (summaryFile) {
    const { formatMarkdown } = await import('../../reporters/markdown.ts');
    await appendFile(summaryFile, formatMarkdown(report)).catch((e: NodeJS.ErrnoException) => {
      io.stderr.write(`warning: cannot write the step summary to ${summaryFile}: ${e.code ?? e.message}\n`);
    });
  }

  if (obs && !obs.complete && !values['allow-partial']) {
    io.stderr.write(`tracklint: the data is incomplete (${visible(obs.incomplete.join('; '))}); rerun with --allow-partial to accept it\n`);
    return ExitCode.source;
  }
  return exitCodeFor(report, failOn, maxWarnings);
}

/** The one place findings become an exit code. */
export function exitCodeFor(report: Report, failOn: FailOn, maxWarnings: number | undefined): number {
  const { errors, warnings } = report.summary;
  if (failOn === 'error' && errors > 0) return ExitCode.findings;
  if (failOn === 'warn' && errors + warnings > 0) return ExitCode.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) return ExitCode.findings;
  return ExitCode.ok;
}

/** NO_COLOR, FORCE_COLOR, then whether stdout is a terminal. */
export function colorLevel(io: IO): 0 | 1 | 2 | 3 {
  const env = io.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (!io.stdout.isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1;
}

/** "1%", "0.01" -> 0.01 */
export function parseShare(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v >= 0 && v <= 1)) throw new UsageError(`${flag}: "${text}" is not a share; use a number from 0 to 1, or a percentage such as 1%`);
  return v;
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag}: "${text}" is not a whole number`);
  return Number(text);
}

function parseChoice<T extends string>(text: string, flag: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag}: "${text}" is not one of ${choices.join(', ')}${didYouMean(text, choices)}`);
}

const SEVERITIES = ['error', 'warn', 'info', 'off'] as const;

export function parseRuleFlags(flags: readonly string[], known: readonly string[]): Map<string, RuleSeverity> {
  const out = new Map<string, RuleSeverity>();
  for (const flag of flags) {
    const [id, severity, ...rest] = flag.split('=');
    if (severity === undefined || rest.length) throw new UsageError(`--rule "${flag}": use --rule RULE=SEVERITY, such as --rule property-unplanned=off`);
    if (!known.includes(id!)) throw new UsageError(`--rule: unknown rule "${id}"${didYouMean(id!, known)}; "tracklint rules" lists them`);
    out.set(id!, parseChoice(severity, `--rule ${id}`, SEVERITIES));
  }
  return out;
}

async function heapOptions(values: Values, io: IO): Promise<HeapSourceOptions> {
  const { readCredentials } = await import('../sources/heap/credentials.ts');
  const credentials = readCredentials(io.env, values['heap-credentials-file'], io.cwd);
  const options: HeapSourceOptions = { credentials };
  if (values['heap-base-url'] !== undefined) {
    try {
      options.baseUrl = new URL(values['heap-base-url']).href;
    } catch {
      throw new UsageError(`--heap-base-url: "${values['heap-base-url']}" is not a URL`);
    }
  }
  const paths: Record<string, string> = {};
  for (const p of values['heap-path'] ?? []) {
    const [kind, value] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
    const kinds = ['auth', 'events', 'users', 'accounts'];
    if (!p.includes('=') || !kinds.includes(kind) || !value.startsWith('/')) throw new UsageError(`--heap-path "${p}": use KIND=/path with KIND one of ${kinds.join(', ')}`);
    paths[kind] = value;
  }
  if (Object.keys(paths).length) options.paths = paths;
  if (values.chunk !== undefined) {
    options.chunkMs = parseDuration(values.chunk, '--chunk');
    if (options.chunkMs < 3_600_000) throw new UsageError('--chunk: at least 1h');
  }
  if (values.concurrency !== undefined) options.concurrency = Math.max(1, parseCount(values.concurrency, '--concurrency'));
  if (values['request-timeout'] !== undefined) options.timeoutMs = parseDuration(values['request-timeout'], '--request-timeout');
  if (values['max-retries'] !== undefined) options.maxRetries = parseCount(values['max-retries'], '--max-retries');
  if (values['time-budget'] !== undefined) options.budgetMs = parseDuration(values['time-budget'], '--time-budget');
  if (values.debug) options.trace = (line) => io.stderr.write(`debug: ${visible(line)}\n`);
  return options;
}

/** A single updating line on a terminal; in CI or with --quiet only the final line. */
function showProgress(io: IO, quiet: boolean): boolean {
  return !quiet && io.stderr.isTTY === true && io.env.CI !== 'true';
}

function progressLine(io: IO, started: number) {
  return (p: { chunksDone: number; chunksTotal: number; records: number }) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? Math.round(p.records / elapsed) : 0;
    const eta = p.chunksDone > 0 ? Math.round((elapsed / p.chunksDone) * (p.chunksTotal - p.chunksDone)) : undefined;
    io.stderr.write(`\r\u001b[Kheap: ${p.chunksDone}/${p.chunksTotal} chunks, ${p.records.toLocaleString('en-US')} records, ${rate.toLocaleString('en-US')}/s${eta !== undefined ? `, ETA ${eta}s` : ''}`);
  };
}

/** The AWS_* variables only: S3 options travel to worker threads, the rest of the environment (secrets of other tools) need not. */
function awsEnv(env: IO['env']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('AWS_')));
}

/** Heap Connect tables of the planned events: the table the plan names, or the name's slug. */
async function tableEvents(plan: Plan): Promise<Map<string, string>> {
  const { tableSlug } = await import('../sources/heap-connect/source.ts');
  return new Map([...plan.events.values()].map((e) => [e.heapTable ?? tableSlug(e.name), e.name]));
}
