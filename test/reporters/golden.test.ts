// Each reporter's output for the example plan and examples/observed.ndjson, compared exactly with
// test/fixtures/reporters/example.*. UPDATE_GOLDEN=1 rewrites them; review the diff.
import path from 'node:path';
import { suite } from 'uvu';
import { formatConsole } from '../../reporters/console.ts';
import { formatGithub } from '../../reporters/github.ts';
import { formatJson } from '../../reporters/json.ts';
import { formatJunit } from '../../reporters/junit.ts';
import { formatMarkdown } from '../../reporters/markdown.ts';
import { formatSarif } from '../../reporters/sarif.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { buildReport } from '../../src/report/build.ts';
import type { Report } from '../../src/report/types.ts';
import { evaluate } from '../../src/rules/engine.ts';
import { RULES } from '../../src/rules/index.ts';
import { collect } from '../../src/sources/collect.ts';
import { ROOT } from '../support/cli.ts';
import { matchGolden } from '../support/golden.ts';

const test = suite('reporters: golden output for the example');
const DIR = path.join(ROOT, 'test/fixtures/reporters');
let report: Report;

test.before(async () => {
  const plan = await loadPlan(['examples/tracking-plan.yaml'], { cwd: ROOT });
  const obs = await collect([{ kind: 'file', location: 'examples/observed.ndjson' }], { cwd: ROOT, window: {}, maxBadRecords: 0 });
  report = buildReport(plan, obs, evaluate(plan, obs), { version: '0.1.0', now: Date.UTC(2026, 10, 26, 12) });
});

const rules = RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, doc: r.doc }));

test('console', () => matchGolden(formatConsole(report, { color: 0 }), path.join(DIR, 'example.console.txt')));
test('console, coloured', () => matchGolden(formatConsole(report, { color: 1 }), path.join(DIR, 'example.console-color.txt')));
test('console --quiet', () => matchGolden(formatConsole(report, { color: 0, quiet: true }), path.join(DIR, 'example.console-quiet.txt')));
test('junit', () => matchGolden(formatJunit(report, { hostname: 'ci-runner' }), path.join(DIR, 'example.junit.xml')));
test('junit --junit-warnings-as-failures', () => matchGolden(formatJunit(report, { hostname: 'ci-runner', warningsAsFailures: true }), path.join(DIR, 'example.junit-warnings.xml')));
test('github', () => matchGolden(formatGithub(report, { cwd: ROOT, workspace: ROOT, fullReport: 'reports/report.json' }), path.join(DIR, 'example.github.txt')));
test('sarif', () => matchGolden(formatSarif(report, { rules, cwd: ROOT, workspace: ROOT }), path.join(DIR, 'example.sarif')));
test('json', () => matchGolden(formatJson(report), path.join(DIR, 'example.json')));
test('markdown', () => matchGolden(formatMarkdown(report), path.join(DIR, 'example.md')));

test.run();
