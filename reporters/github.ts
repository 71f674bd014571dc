// GitHub Actions annotations: one workflow command per finding, pointing at the plan file and line.
// GitHub shows 10 errors and 10 warnings (and 10 notices) per step and cuts messages at 4,096
// characters: the most severe come first, and a last notice says how many more there are.
import path from 'node:path';
import type { Finding, Report } from '../src/report/types.ts';
import { truncate } from '../src/util/visible.ts';
import { escapeData, escapeProperty, neutralize } from './workflow.ts';

export interface GithubOptions {
  /** The folder the plan paths in the report are relative to (the working directory). */
  cwd: string;
  /** GITHUB_WORKSPACE: annotation paths are relative to it. */
  workspace?: string;
  /** Where the full report is, for the notice about annotations GitHub would not show. */
  fullReport?: string;
}

export const ANNOTATIONS_PER_LEVEL = 10;
export const MAX_MESSAGE = 4096;

const LEVEL = { error: 'error', warn: 'warning', info: 'notice' } as const;
const ORDER = { error: 0, warn: 1, info: 2 } as const;

export function formatGithub(report: Report, options: GithubOptions): string {
  const repoPath = (file: string) => {
    if (!options.workspace) return file;
    const rel = path.relative(options.workspace, path.resolve(options.cwd, file));
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
  const sorted = [...report.findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const shown = new Map<string, number>();
  const lines: string[] = [];
  let hidden = 0;
  for (const f of sorted) {
    const level = LEVEL[f.severity];
    const n = shown.get(level) ?? 0;
    if (n >= ANNOTATIONS_PER_LEVEL) {
      hidden++;
      continue;
    }
    shown.set(level, n + 1);
    lines.push(annotation(level, f, repoPath(f.location.file)));
  }
  if (hidden > 0) {
    const where = options.fullReport ? ` in ${options.fullReport}` : ' in the job log or the other report formats';
    lines.push(`::notice title=tracklint::${escapeData(neutralize(`${hidden} more finding${hidden === 1 ? '' : 's'} not shown as annotations (GitHub shows 10 per level); see the full report${where}`))}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function annotation(level: string, f: Finding, file: string): string {
  const props = [`file=${escapeProperty(neutralize(file))}`, `line=${f.location.line}`, `col=${f.location.column}`, `title=${escapeProperty(f.rule)}`].join(',');
  const text = f.suggestion ? `${f.message} (fix: ${f.suggestion})` : f.message;
  return `::${level} ${props}::${escapeData(neutralize(truncate(text, MAX_MESSAGE - 96)))}`;
}
