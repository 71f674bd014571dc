// Every class of bad plan: exit code 2, the file:line:col, the message and its code frame,
// compared exactly with test/fixtures/plans/bad/expected/<name>.txt.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli, spawnCli } from '../support/cli.ts';
import { matchGolden } from '../support/golden.ts';

const test = suite('bad plans');
const BAD = 'test/fixtures/plans/bad';

// The position each fixture must be reported at (the golden files hold the full text).
const POSITIONS: Record<string, string> = {
  'yaml-syntax': 'yaml-syntax.yaml:6:3',
  'duplicate-key': 'duplicate-key.yaml:6:7',
  'schema-type': 'schema-type.yaml:5:24',
  'schema-enum': 'schema-enum.yaml:4:13',
  'unknown-top-key': 'unknown-top-key.yaml:2:1',
  'unresolved-ref': 'unresolved-ref.yaml:5:27',
  'circular-ref': 'circular-ref.yaml:4:14',
  'bad-pattern': 'bad-pattern.yaml:5:37',
  'enum-type': 'enum-type.yaml:5:45',
  'alias-bomb': 'alias-bomb.yaml:3:8',
  empty: 'empty.yaml:1:1',
  'not-utf8': 'not-utf8.yaml:3:6',
  'no-events': 'no-events.yaml:1:1',
  'min-over-max': 'min-over-max.yaml:5:41',
  'bad-ignore-regex': 'bad-ignore-regex.yaml:3:5',
  'duplicate-event': 'duplicate-event/b.yaml:4:3',
  'ref-missing-file': 'ref-missing-file.yaml:5:20',
  'unknown-rule': 'unknown-rule.yaml:3:3',
};

const fixtures = readdirSync(path.join(ROOT, BAD)).filter((f) => f !== 'expected').map((f) => f.replace(/\.yaml$/, ''));

test('every fixture has an expected position', () => {
  assert.equal(fixtures.sort(), Object.keys(POSITIONS).sort());
});

for (const name of fixtures) {
  test(`${name}: exit 2 with position and message`, async () => {
    const input = path.join(BAD, existsSync(path.join(ROOT, BAD, `${name}.yaml`)) ? `${name}.yaml` : name);
    const r = await runCli(['check', '--plan', input]);
    assert.is(r.code, 2, r.stderr);
    assert.is(r.stdout, '');
    assert.ok(r.stderr.startsWith(`${BAD}/${POSITIONS[name]} error: `), r.stderr);
    assert.not.match(r.stderr, /\n\s+at /); // no stack trace
    matchGolden(r.stderr, path.join(ROOT, BAD, 'expected', `${name}.txt`));
  });
}

test('a glob that matches nothing', async () => {
  const r = await runCli(['check', '--plan', 'test/fixtures/plans/nowhere/*.yaml']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'tracklint: no plan files match "test/fixtures/plans/nowhere/*.yaml"\n');
});

test('a plan file that does not exist', async () => {
  const r = await runCli(['check', '--plan', 'nope.yaml']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'tracklint: plan file not found: nope.yaml\n');
});

test('all problems of all files are reported together', async () => {
  const r = await runCli(['check', '--plan', `${BAD}/schema-type.yaml`, '--plan', `${BAD}/enum-type.yaml`]);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'schema-type.yaml:5:24 error:');
  assert.match(r.stderr, 'enum-type.yaml:5:45 error:');
  assert.match(r.stderr, 'tracklint: 2 problems in the tracking plan\n');
});

test('the real process exits 2 without a stack trace, and shows one with --debug', () => {
  const plain = spawnCli(['check', '--plan', `${BAD}/schema-type.yaml`]);
  assert.is(plain.code, 2);
  assert.not.match(plain.stderr, /PlanError|\n\s+at /);
  const debug = spawnCli(['check', '--plan', `${BAD}/schema-type.yaml`, '--debug']);
  assert.is(debug.code, 2);
  assert.match(debug.stderr, /PlanError: .*\n\s+at /);
});

test.run();
