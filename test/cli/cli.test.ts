import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli } from '../support/cli.ts';

const test = suite('cli');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
});

test('--help lists commands and exit codes; no arguments is a usage error', async () => {
  const help = await runCli(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, 'tracklint check --plan');
  assert.match(help.stdout, /Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 .*\n\s+3 .*\n\s+130 /);
  const none = await runCli([]);
  assert.is(none.code, 2);
});

test('check --help', async () => {
  const r = await runCli(['check', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, 'Usage: tracklint check --plan');
});

test('--threads takes a whole number of at least 1', async () => {
  const plan = 'examples/tracking-plan.yaml';
  const src = 'file:examples/observed.ndjson';
  assert.equal(await runCli(['check', '--plan', plan, '--source', src, '--threads', '0']), { code: 2, stdout: '', stderr: 'tracklint: --threads: give at least 1\n' });
  assert.equal(await runCli(['check', '--plan', plan, '--source', src, '--threads', 'two']), { code: 2, stdout: '', stderr: 'tracklint: --threads: "two" is not a whole number\n' });
  const one = await runCli(['check', '--plan', plan, '--source', src, '--threads', '1', '--format', 'json', '--fail-on', 'never']);
  const dflt = await runCli(['check', '--plan', plan, '--source', src, '--format', 'json', '--fail-on', 'never']);
  assert.is(one.code, 0, one.stderr);
  assert.equal(JSON.parse(one.stdout).findings, JSON.parse(dflt.stdout).findings);
});

test('--debug: the stack trace of an error that quotes its input reaches the terminal made visible too', async () => {
  const r = await runCli(['check', '--plan', 'examples/tracking-plan.yaml', '--source', 'file:\u001b]0;pwned\u0007x.ndjson', '--debug']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'UsageError: file source: no such file:');
  assert.not.match(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/);
});

test('an unknown flag is exit 2 with a did-you-mean', async () => {
  const r = await runCli(['check', '--plna', 'examples/tracking-plan.yaml']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'tracklint: unknown option --plna for "check" (did you mean "--plan"?); see tracklint check --help\n');
});

test('an unknown command is exit 2 with a did-you-mean', async () => {
  const r = await runCli(['chek']);
  assert.is(r.code, 2);
  assert.ok(r.stderr.startsWith('tracklint: unknown command "chek" (did you mean "check"?)'));
});

test('a flag without its value, and a stray argument, are usage errors', async () => {
  const missing = await runCli(['check', '--plan']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, '--plan');
  const stray = await runCli(['check', 'examples/tracking-plan.yaml']);
  assert.is(stray.code, 2);
  assert.match(stray.stderr, 'unexpected argument "examples/tracking-plan.yaml"');
  const noPlan = await runCli(['check']);
  assert.is(noPlan.code, 2);
  assert.match(noPlan.stderr, 'no plan given');
});

test('check --plan prints the one-line summary for the example, single and split', async () => {
  const single = await runCli(['check', '--plan', 'examples/tracking-plan.yaml']);
  assert.equal(single, { code: 0, stdout: 'plan OK: 21 events, 54 properties in 1 file\n', stderr: '' });
  const split = await runCli(['check', '--plan', 'examples/split-plan/']);
  assert.equal(split, { code: 0, stdout: 'plan OK: 21 events, 54 properties in 6 files\n', stderr: '' });
});

test('schema prints the plan JSON Schema', async () => {
  const r = await runCli(['schema']);
  assert.is(r.code, 0);
  assert.equal(JSON.parse(r.stdout), JSON.parse(readFileSync(path.join(ROOT, 'specs/tracking-plan.schema.json'), 'utf8')));
});

test.run();
