// Every exit code, as scripts see it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI_ARGS, ROOT, runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('exit codes');
const PLAN = ['--plan', 'examples/tracking-plan.yaml'];
const SRC = ['--source', 'file:examples/observed.ndjson'];

test('0: no findings at or above the fail level', async () => {
  assert.is((await runCli(['check', ...PLAN])).code, 0);
  assert.is((await runCli(['check', ...PLAN, ...SRC, '--fail-on', 'never'])).code, 0);
  // Only warnings, failing on errors.
  const warnOnly = ['--rule', 'event-missing=warn', '--rule', 'property-type=warn', '--rule', 'property-value=off', '--rule', 'user-property-value=off', '--rule', 'property-missing=info'];
  const r = await runCli(['check', ...PLAN, ...SRC, ...warnOnly]);
  assert.is(r.code, 0, r.stdout);
  assert.match(r.stdout, '0 errors');
});

test('1: findings at or above the fail level, or more warnings than --max-warnings', async () => {
  assert.is((await runCli(['check', ...PLAN, ...SRC])).code, 1);
  const warnOnly = ['--rule', 'event-missing=off', '--rule', 'property-type=off', '--rule', 'property-value=off', '--rule', 'user-property-value=off', '--rule', 'property-missing=off'];
  assert.is((await runCli(['check', ...PLAN, ...SRC, ...warnOnly])).code, 0);
  assert.is((await runCli(['check', ...PLAN, ...SRC, ...warnOnly, '--fail-on', 'warn'])).code, 1);
  assert.is((await runCli(['check', ...PLAN, ...SRC, ...warnOnly, '--max-warnings', '7'])).code, 0);
  assert.is((await runCli(['check', ...PLAN, ...SRC, ...warnOnly, '--max-warnings', '6'])).code, 1);
});

test('2: usage, config and plan errors', async () => {
  for (const args of [
    ['check', '--nope'],
    ['check', ...PLAN, '--fail-on', 'sometimes'],
    ['check', ...PLAN, '--rule', 'event-mising=off'],
    ['check', ...PLAN, '--rule', 'event-missing=fatal'],
    ['check', ...PLAN, '--max-warnings', '-1'],
    ['check', '--plan', 'test/fixtures/plans/bad/schema-type.yaml'],
  ]) {
    const r = await runCli(args);
    assert.is(r.code, 2, args.join(' '));
    assert.ok(r.stderr.length > 0);
  }
  assert.match((await runCli(['check', ...PLAN, '--rule', 'event-mising=off'])).stderr, 'unknown rule "event-mising" (did you mean "event-missing"?)');
});

test('3: a source error, or incomplete data without --allow-partial', async () => {
  const tmp = tempDir();
  try {
    tmp.write('bad.ndjson', '{"event": "Order Completed"}\nnot json\nnot json either\n');
    const r = await runCli(['check', '--plan', path.join(ROOT, 'examples/tracking-plan.yaml'), '--source', 'file:bad.ndjson'], { cwd: tmp.dir });
    assert.is(r.code, 3);
    assert.match(r.stderr, '2 of 3 records are malformed');
  } finally {
    tmp.cleanup();
  }
});

test('130: interrupted by Ctrl-C (SIGINT) while reading', async () => {
  const tmp = tempDir();
  try {
    const line = JSON.stringify({ event: 'Order Completed', time: '2026-11-20T10:00:00Z', properties: { order_id: 'ORD-1', revenue: 1, currency: 'USD', items_count: 1 } }) + '\n';
    // Big enough that reading it takes far longer than the wait below.
    tmp.write('big.ndjson', Buffer.from(line.repeat(100_000)).toString().repeat(25));
    const child = spawn(process.execPath, [...CLI_ARGS, 'check', '--plan', path.join(ROOT, 'examples/tracking-plan.yaml'), '--source', 'file:big.ndjson'], { cwd: tmp.dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Interrupt once the command is reading (it says nothing before it is done, so wait).
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 2500))]);
    assert.is(early, 'running', `the command ended before it could be interrupted: ${stderr}${stdout}`);
    child.kill('SIGINT');
    const code = await exited;
    assert.is(code, 130, stderr);
    assert.match(stderr, 'interrupted');
  } finally {
    tmp.cleanup();
  }
});

test.run();
