// --format NAME[=PATH]: which reporters run and where their text goes. The reporters are pure;
// this module gives them their options from the environment and writes what they return.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import { didYouMean } from '../util/similar.ts';
import type { IO } from './io.ts';

export const FORMATS = ['console', 'junit', 'github', 'sarif', 'json', 'markdown'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatTarget {
  name: FormatName;
  /** undefined: stdout */
  path?: string;
}

export function parseFormats(flags: readonly string[]): FormatTarget[] {
  const out: FormatTarget[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const name = eq === -1 ? flag : flag.slice(0, eq);
    const file = eq === -1 ? undefined : flag.slice(eq + 1);
    if (!(FORMATS as readonly string[]).includes(name)) {
      throw new UsageError(`--format "${flag}": unknown format "${name}"${didYouMean(name, FORMATS)}; expected one of ${FORMATS.join(', ')}`);
    }
    if (file === '') throw new UsageError(`--format "${flag}": give a path after "=", or leave out "=" for stdout`);
    out.push(file === undefined ? { name: name as FormatName } : { name: name as FormatName, path: file });
  }
  const toStdout = out.filter((t) => t.path === undefined);
  if (toStdout.length > 1) throw new UsageError(`only one format can go to stdout (got ${toStdout.map((t) => t.name).join(' and ')}); give the others a path: --format NAME=PATH`);
  return out;
}

export interface RenderContext {
  io: IO;
  color: 0 | 1 | 2 | 3;
  quiet: boolean;
  junitWarningsAsFailures: boolean;
  /** A report file to point at from formats that cannot show everything. */
  fullReport?: string;
}

export async function render(name: FormatName, report: Report, ctx: RenderContext, toFile: boolean): Promise<string> {
  const { io } = ctx;
  const workspace = io.env.GITHUB_WORKSPACE || undefined;
  switch (name) {
    case 'console': {
      const { formatConsole } = await import('../../reporters/console.ts');
      return formatConsole(report, { color: toFile ? 0 : ctx.color, quiet: ctx.quiet });
    }
    case 'junit': {
      const { formatJunit } = await import('../../reporters/junit.ts');
      return formatJunit(report, { hostname: os.hostname(), warningsAsFailures: ctx.junitWarningsAsFailures });
    }
    case 'github': {
      const { formatGithub } = await import('../../reporters/github.ts');
      return formatGithub(report, { cwd: io.cwd, ...(workspace ? { workspace } : {}), ...(ctx.fullReport ? { fullReport: ctx.fullReport } : {}) });
    }
    case 'sarif': {
      const { formatSarif } = await import('../../reporters/sarif.ts');
      const { RULES } = await import('../rules/index.ts');
      return formatSarif(report, { rules: RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, doc: r.doc })), cwd: io.cwd, ...(workspace ? { workspace } : {}) });
    }
    case 'json': {
      const { formatJson } = await import('../../reporters/json.ts');
      return formatJson(report);
    }
    case 'markdown': {
      const { formatMarkdown } = await import('../../reporters/markdown.ts');
      return formatMarkdown(report);
    }
  }
}

/** Run every format; files are written whatever the exit code will be. */
export async function writeFormats(targets: readonly FormatTarget[], report: Report, ctx: RenderContext): Promise<void> {
  for (const t of targets) {
    const text = await render(t.name, report, ctx, t.path !== undefined);
    if (t.path === undefined) {
      ctx.io.stdout.write(text);
      continue;
    }
    const file = path.resolve(ctx.io.cwd, t.path);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    } catch (e) {
      throw new UsageError(`cannot write the ${t.name} report to ${t.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
}
