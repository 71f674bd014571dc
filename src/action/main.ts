// The GitHub Action: inputs -> `tracklint check` arguments, run in-process, then outputs, the
// step summary and the step's verdict through @actions/core. Both Heap secrets are masked before
// anything else runs; no input ever reaches a shell.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { formatMarkdown } from '../../reporters/markdown.ts';
import { main } from '../cli/main.ts';
import { coveragePct } from '../util/format.ts';
import type { Report } from '../report/types.ts';

/** The inputs action.yml declares, in its order (a test compares the two). */
export const INPUTS = [
  'plan',
  'source',
  'since',
  'lag',
  'fail-on',
  'max-warnings',
  'config',
  'junit-path',
  'sarif-path',
  'json-path',
  'heap-client-id',
  'heap-client-secret',
  'heap-base-url',
] as const;

export const OUTPUTS = ['errors', 'warnings', 'coverage', 'report-json', 'exit-code'] as const;

export async function runAction(): Promise<number> {
  const clientId = core.getInput('heap-client-id');
  const clientSecret = core.getInput('heap-client-secret');
  if (clientId) core.setSecret(clientId);
  if (clientSecret) core.setSecret(clientSecret);

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const temp = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'tracklint-'));
  const jsonPath = path.resolve(workspace, core.getInput('json-path') || path.join(temp, 'report.json'));
  const annotations = path.join(temp, 'annotations.txt');

  const args = ['check'];
  for (const plan of core.getMultilineInput('plan')) args.push('--plan', plan);
  for (const source of core.getMultilineInput('source')) args.push('--source', source);
  const flag = (input: string, name = input) => {
    const v = core.getInput(input);
    if (v) args.push(`--${name}`, v);
  };
  flag('since');
  flag('lag');
  flag('fail-on');
  flag('max-warnings');
  flag('config');
  flag('heap-base-url');
  args.push('--format', 'console', '--format', `github=${annotations}`, '--format', `json=${jsonPath}`);
  const junit = core.getInput('junit-path');
  if (junit) args.push('--format', `junit=${junit}`);
  const sarif = core.getInput('sarif-path');
  if (sarif) args.push('--format', `sarif=${sarif}`);

  const env: Record<string, string | undefined> = { ...process.env };
  if (clientId) env.HEAP_CLIENT_ID = clientId;
  if (clientSecret) env.HEAP_CLIENT_SECRET = clientSecret;
  // The action writes the step summary itself, through @actions/core.
  delete env.GITHUB_STEP_SUMMARY;

  const code = await main(args, { stdout: process.stdout, stderr: process.stderr, cwd: workspace, env });
  const annotationText = await readFile(annotations, 'utf8').catch(() => '');
  if (annotationText) process.stdout.write(annotationText);

  core.setOutput('exit-code', String(code));
  const report = await readFile(jsonPath, 'utf8')
    .then((t) => JSON.parse(t) as Report)
    .catch(() => undefined);
  if (report) {
    core.setOutput('errors', String(report.summary.errors));
    core.setOutput('warnings', String(report.summary.warnings));
    const rate = report.summary.coverage?.events.rate;
    core.setOutput('coverage', rate === null || rate === undefined ? '' : coveragePct(rate).slice(0, -1));
    core.setOutput('report-json', jsonPath);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(formatMarkdown(report)).write();
  }
  if (code !== 0) {
    const why =
      code === 1
        ? `tracklint found ${report?.summary.errors ?? 0} errors and ${report?.summary.warnings ?? 0} warnings at or above the fail level`
        : code === 2
          ? 'tracklint could not run: a usage, config or plan error (see the log)'
          : code === 3
            ? 'tracklint could not read complete data from the source (see the log)'
            : `tracklint stopped with exit code ${code}`;
    core.setFailed(why);
  }
  return code;
}
