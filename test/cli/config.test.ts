import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('tracklint.config.yaml');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
  tmp.write('tracking/plan.yaml', readFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), 'utf8'));
  tmp.write('data/observed.ndjson', readFileSync(path.join(ROOT, 'examples/observed.ndjson'), 'utf8'));
});
test.after.each(() => tmp.cleanup());

const CONFIG = `plan: tracking/*.yaml
source: file:data/observed.ndjson
format:
  - console
  - json=reports/report.json
rules:
  property-unplanned: off
fail-on: warn
`;

test('found in the working directory: "tracklint check" alone runs the whole check', async () => {
  tmp.write('tracklint.config.yaml', CONFIG);
  const r = await runCli(['check'], { cwd: tmp.dir });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, '✖ 12 problems (7 errors, 5 warnings)'); // property-unplanned is off
  assert.ok(existsSync(path.join(tmp.dir, 'reports/report.json')));
});

test('found from a folder below, with paths relative to the file', async () => {
  tmp.write('tracklint.config.yaml', CONFIG);
  mkdirSync(path.join(tmp.dir, 'src/deep'), { recursive: true });
  const r = await runCli(['check'], { cwd: path.join(tmp.dir, 'src/deep') });
  assert.is(r.code, 1, r.stderr);
  assert.ok(existsSync(path.join(tmp.dir, 'reports/report.json')));
});

test('flags win over the file; --rule adds to its rules', async () => {
  tmp.write('tracklint.config.yaml', CONFIG);
  const r = await runCli(['check', '--fail-on', 'never', '--rule', 'event-deprecated=off', '--format', 'json'], { cwd: tmp.dir });
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { rule: string }[] };
  assert.not.ok(report.findings.some((f) => f.rule === 'property-unplanned' || f.rule === 'event-deprecated'));
  assert.not.ok(existsSync(path.join(tmp.dir, 'reports/report.json'))); // --format replaced the file's formats
});

test('--config names the file', async () => {
  tmp.write('ci/lint.yaml', 'plan: ../tracking/plan.yaml\n');
  const r = await runCli(['check', '--config', 'ci/lint.yaml'], { cwd: tmp.dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'plan OK: 21 events, 54 properties in 1 file\n');
  const missing = await runCli(['check', '--config', 'nope.yaml'], { cwd: tmp.dir });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, '--config: no such file: nope.yaml');
});

test('unknown keys and wrong values: exit 2 at the line, with a did-you-mean', async () => {
  tmp.write('tracklint.config.yaml', 'plan: tracking/plan.yaml\nfail_on: warn\nmax-warnings: many\n');
  const r = await runCli(['check'], { cwd: tmp.dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'tracklint.config.yaml:2:1 error: unknown key "fail_on" (did you mean "fail-on"?)');
  assert.match(r.stderr, 'tracklint.config.yaml:3:15 error: max-warnings must be an integer');
});

test('an unknown rule in the file is an error', async () => {
  tmp.write('tracklint.config.yaml', 'plan: tracking/plan.yaml\nrules:\n  event-mising: off\n');
  const r = await runCli(['check'], { cwd: tmp.dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'unknown rule "event-mising" (did you mean "event-missing"?)');
});

test('without plan anywhere, the error says where a plan can come from', async () => {
  const r = await runCli(['check'], { cwd: tmp.dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'no plan given: use --plan <files|globs|dir>, or a tracklint.config.yaml with plan:');
});

test.run();
