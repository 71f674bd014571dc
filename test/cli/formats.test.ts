import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('check --format');
const PLAN = ['--plan', 'examples/tracking-plan.yaml', '--source', 'file:examples/observed.ndjson'];
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

test('every format to a file: all written although the exit code is 1', async () => {
  const out = (n: string) => path.join(tmp.dir, 'reports', n);
  const r = await runCli(['check', ...PLAN, '--format', `junit=${out('junit.xml')}`, '--format', `sarif=${out('tracklint.sarif')}`, '--format', `json=${out('report.json')}`, '--format', `markdown=${out('summary.md')}`, '--format', `github=${out('github.txt')}`, '--format', `console=${out('console.txt')}`]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  for (const f of ['junit.xml', 'tracklint.sarif', 'report.json', 'summary.md', 'github.txt', 'console.txt']) assert.ok(existsSync(out(f)), f);
  const report = JSON.parse(readFileSync(out('report.json'), 'utf8')) as { summary: { errors: number } };
  assert.is(report.summary.errors, 7);
  assert.match(readFileSync(out('junit.xml'), 'utf8'), '<testsuites>');
  assert.not.match(readFileSync(out('console.txt'), 'utf8'), '\u001b['); // no colour in files
});

test('one format on stdout, the others in files', async () => {
  const r = await runCli(['check', ...PLAN, '--format', 'json', '--format', `markdown=${path.join(tmp.dir, 's.md')}`, '--fail-on', 'never']);
  assert.is(r.code, 0);
  assert.is((JSON.parse(r.stdout) as { version: number }).version, 1);
});

test('two formats on stdout, an unknown format, an empty path: usage errors', async () => {
  const two = await runCli(['check', ...PLAN, '--format', 'json', '--format', 'junit']);
  assert.is(two.code, 2);
  assert.match(two.stderr, 'only one format can go to stdout (got json and junit)');
  const unknown = await runCli(['check', ...PLAN, '--format', 'sarf']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'unknown format "sarf" (did you mean "sarif"?)');
  const empty = await runCli(['check', ...PLAN, '--format', 'json=']);
  assert.is(empty.code, 2);
});

test('on GitHub Actions the default is console plus github annotations', async () => {
  const r = await runCli(['check', ...PLAN, '--fail-on', 'never'], { env: { NO_COLOR: '1', GITHUB_ACTIONS: 'true' } });
  assert.is(r.code, 0);
  assert.match(r.stdout, '✖ 14 problems');
  assert.match(r.stdout, '\n::error file=examples/tracking-plan.yaml,line=74,col=7,title=property-type::');
});

test('colour: NO_COLOR and FORCE_COLOR are honoured; no colour when stdout is not a terminal', async () => {
  const plain = await runCli(['check', ...PLAN, '--fail-on', 'never'], { env: {}, isTTY: false });
  assert.not.match(plain.stdout, '\u001b[');
  const forced = await runCli(['check', ...PLAN, '--fail-on', 'never'], { env: { FORCE_COLOR: '1' }, isTTY: false });
  assert.match(forced.stdout, '\u001b[31m');
  const tty = await runCli(['check', ...PLAN, '--fail-on', 'never'], { env: {}, isTTY: true });
  assert.match(tty.stdout, '\u001b[');
  const noColor = await runCli(['check', ...PLAN, '--fail-on', 'never'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true });
  assert.not.match(noColor.stdout, '\u001b[');
});

test.run();
