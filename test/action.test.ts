// The GitHub Action as the runner runs it: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
// and GITHUB_WORKSPACE set, then `node dist/action.js` (the committed bundle).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { actionBundle } from '../scripts/bundles.ts';
import { INPUTS, OUTPUTS } from '../src/action/main.ts';
import { ROOT } from './support/cli.ts';
import { startEmulator } from './support/heap-emulator.ts';
import { writeLargeNdjson } from './support/large-ndjson.ts';
import { tempDir } from './support/tmp.ts';

const test = suite('github action');

test('action.yml declares exactly the inputs and outputs the code reads and writes', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
  assert.equal(Object.keys(action.inputs), [...INPUTS]);
  assert.equal(Object.keys(action.outputs), [...OUTPUTS]);
  assert.equal(action.runs, { using: 'node24', main: 'dist/action.js' });
});

test('the committed dist/action.js is the bundle of the current sources', async () => {
  const result = await build({ ...actionBundle(ROOT), write: false });
  const built = result.outputFiles.find((f) => f.path.endsWith('action.js'))!.text;
  assert.ok(built === readFileSync(path.join(ROOT, 'dist/action.js'), 'utf8'), 'dist/action.js is stale: run npm run build and commit it');
});

/** Parse the GITHUB_OUTPUT file: name<<DELIMITER, value lines, DELIMITER. */
function outputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

function actionEnv(inputs: Record<string, string>, workspace: string) {
  const output = path.join(workspace, '.github-output');
  const summary = path.join(workspace, '.step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: workspace,
  };
  // The runner's names: INPUT_ and the input's name in upper case, hyphens kept.
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const read = () => ({ outputs: outputs(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') });
  return { env, read };
}

/** Run the committed bundle without blocking this process (the Heap emulator answers from it). */
async function runAction(inputs: Record<string, string>, workspace: string) {
  const { env, read } = actionEnv(inputs, workspace);
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/action.js')], { cwd: workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr, ...read() };
}

/** A workspace holding the example plan (at `planPath`) and the example traffic. */
function exampleWorkspace(planPath: string) {
  const ws = tempDir();
  ws.write(planPath, readFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), 'utf8'));
  ws.write('observed.ndjson', readFileSync(path.join(ROOT, 'examples/observed.ndjson'), 'utf8'));
  return ws;
}

test('a run with findings: annotations, outputs, summary, reports and a failed step', async () => {
  const ws = exampleWorkspace('tracking/plan.yaml');
  try {
    const r = await runAction({ plan: 'tracking/plan.yaml', source: 'file:observed.ndjson', 'junit-path': 'reports/junit.xml', 'sarif-path': 'reports/tracklint.sarif', 'json-path': 'reports/report.json' }, ws.dir);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stdout, '\n::error file=tracking/plan.yaml,line=74,col=7,title=property-type::');
    assert.match(r.stdout, '✖ 14 problems (7 errors, 7 warnings)');
    assert.equal(r.outputs, { 'exit-code': '1', errors: '7', warnings: '7', coverage: '89.4', 'report-json': path.join(ws.dir, 'reports/report.json') });
    assert.match(r.summary, '## ❌ **tracklint**: 7 errors, 7 warnings');
    assert.match(r.stdout, '::error::tracklint found 7 errors and 7 warnings at or above the fail level');
    for (const f of ['junit.xml', 'tracklint.sarif', 'report.json']) assert.ok(readFileSync(path.join(ws.dir, 'reports', f), 'utf8').length > 100, f);
  } finally {
    ws.cleanup();
  }
});

test('secrets are masked before anything else, and fail-on never passes the step', async () => {
  const ws = exampleWorkspace('plan.yaml');
  try {
    const r = await runAction({ plan: 'plan.yaml', source: 'file:observed.ndjson', 'fail-on': 'never', 'heap-client-id': 'id-1234', 'heap-client-secret': 's3cr3t-value' }, ws.dir);
    assert.is(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.slice(0, 2), ['::add-mask::id-1234', '::add-mask::s3cr3t-value']);
    assert.not.match(lines.slice(2).join('\n') + r.stderr + r.summary, 's3cr3t-value');
    assert.is(r.outputs['exit-code'], '0');
  } finally {
    ws.cleanup();
  }
});

test('a plan error: exit 2, the step fails with the reason, no report outputs', async () => {
  const ws = tempDir();
  try {
    ws.write('plan.yaml', 'version: 1\nevents: {}\n');
    const r = await runAction({ plan: 'plan.yaml', source: 'file:nothing.ndjson' }, ws.dir);
    assert.is(r.code, 2);
    assert.is(r.outputs['exit-code'], '2');
    assert.is(r.outputs.errors, undefined);
    assert.match(r.stdout, '::error::tracklint could not run');
  } finally {
    ws.cleanup();
  }
});

test('a file larger than a part is read on worker threads started from the bundle itself', async () => {
  const ws = tempDir();
  try {
    ws.write('plan.yaml', readFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), 'utf8'));
    const big = writeLargeNdjson(path.join(ws.dir, 'big.ndjson'));
    const r = await runAction({ plan: 'plan.yaml', source: 'file:big.ndjson', 'json-path': 'report.json', 'fail-on': 'never' }, ws.dir);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, `big.ndjson:${big.malformedLine}: malformed record skipped`);
    const report = JSON.parse(readFileSync(path.join(ws.dir, 'report.json'), 'utf8')) as { observed: { records: Record<string, number> } };
    assert.equal(report.observed.records, { read: big.records + 1, accepted: big.records, outsideWindow: 0, malformed: 1, dropped: 0 });
  } finally {
    ws.cleanup();
  }
});

test('against the Heap emulator: the heap source, masked secrets, annotations, outputs and summary', async () => {
  const ws = tempDir();
  const secret = 'action-secret-5d4c3b2a';
  const em = await startEmulator({ data: [path.join(ROOT, 'examples/observed.ndjson')], clientId: 'action-client', clientSecret: secret });
  try {
    ws.write('tracking/plan.yaml', readFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), 'utf8'));
    const r = await runAction(
      { plan: 'tracking/plan.yaml', source: 'heap', since: '2026-11-19', 'heap-base-url': em.url, 'heap-client-id': 'action-client', 'heap-client-secret': secret, 'sarif-path': 'reports/tracklint.sarif' },
      ws.dir,
    );
    assert.is(r.code, 1, r.stderr);
    assert.equal(r.stdout.split('\n').slice(0, 2), ['::add-mask::action-client', `::add-mask::${secret}`]);
    assert.not.match(r.stdout.split('\n').slice(2).join('\n') + r.stderr + r.summary, secret);
    assert.ok(em.requests.some((x) => x.path.startsWith('/api/public/v0/events?')));
    assert.match(r.stdout, '\n::error file=tracking/plan.yaml,line=150,col=3,title=event-missing::');
    assert.equal(r.outputs, { 'exit-code': '1', errors: '7', warnings: '7', coverage: '89.4', 'report-json': r.outputs['report-json']! });
    assert.ok(readFileSync(r.outputs['report-json']!, 'utf8').includes('"kind": "heap"'));
    assert.match(r.summary, 'the window ends 2h before now (--lag): Heap processes events with a delay');
    assert.ok(readFileSync(path.join(ws.dir, 'reports/tracklint.sarif'), 'utf8').includes('"ruleId": "event-missing"'));
  } finally {
    await em.close();
    ws.cleanup();
  }
});

test.run();
