// One folder per rule under test/fixtures/rules/<rule-id>/: a small plan, a small observed file,
// and the rule's findings as expected.json, compared exactly (a changed message shows as a diff).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPlan } from '../../src/plan/load.ts';
import { evaluate } from '../../src/rules/engine.ts';
import { RULE_IDS, ruleById } from '../../src/rules/index.ts';
import { collect } from '../../src/sources/collect.ts';
import { rulesDoc } from '../../scripts/gen-rules-doc.ts';
import { ROOT } from '../support/cli.ts';
import { matchGolden } from '../support/golden.ts';

const test = suite('rules: golden fixtures');
const DIR = path.join(ROOT, 'test/fixtures/rules');

test('every rule has a fixture folder, and every folder is a rule', () => {
  assert.equal(readdirSync(DIR).sort(), [...RULE_IDS].sort());
});

for (const id of RULE_IDS) {
  test(id, async () => {
    const dir = path.join(DIR, id);
    const plan = await loadPlan(['plan.yaml'], { cwd: dir, knownRules: RULE_IDS });
    const obs = existsSync(path.join(dir, 'observed.ndjson'))
      ? await collect([{ kind: 'file', location: 'observed.ndjson' }], { cwd: dir, window: {}, maxBadRecords: 0 })
      : undefined;
    const result = evaluate(plan, obs, { rules: [ruleById(id)!] });
    assert.ok(result.findings.length > 0, 'a fixture must show the rule firing');
    assert.ok(result.findings.every((f) => f.rule === id));
    matchGolden(JSON.stringify(result, null, 2) + '\n', path.join(dir, 'expected.json'));
  });
}

test('docs/rules.md is generated from the current rules and fixtures', () => {
  assert.ok(readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8') === rulesDoc(), 'regenerate with: npx tsx scripts/gen-rules-doc.ts');
});

test.run();
