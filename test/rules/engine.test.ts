import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import reportSchema from '../../specs/report.schema.json' with { type: 'json' };
import { Observations } from '../../src/observed/aggregate.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { buildReport } from '../../src/report/build.ts';
import { evaluate } from '../../src/rules/engine.ts';
import { RULE_IDS } from '../../src/rules/index.ts';
import { collect } from '../../src/sources/collect.ts';
import { ROOT } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('rule engine');
const examplePlan = () => loadPlan(['examples/tracking-plan.yaml'], { cwd: ROOT, knownRules: RULE_IDS });
const exampleObs = () => collect([{ kind: 'file', location: 'examples/observed.ndjson' }], { cwd: ROOT, window: {}, maxBadRecords: 0 });

// Every deliberate problem of examples/observed.ndjson (see scripts/make-example-observed.ts),
// as rule, event, property: all of them are found, and nothing else.
const EXPECTED = [
  'event-unplanned | Newsletter Signup | ',
  'property-type | Product Viewed | price',
  'property-unplanned | Product Added | variant',
  'naming-property | Cart Viewed | cartId',
  'property-unplanned | Cart Viewed | cartId',
  'property-value | Coupon Applied | coupon_code',
  'property-missing | Order Completed | currency',
  'property-value | Order Completed | shipping_method',
  'event-missing | Wishlist Item Added | ',
  'event-missing | Review Submitted | ', // linked with "Review Submited"
  'event-platform-missing | Support Ticket Created | ',
  'event-deprecated | Legacy Checkout Clicked | ',
  'user-property-value |  | plan',
  'account-property-unplanned |  | mrr',
];

test('the example: every deliberate problem is found, and nothing else', async () => {
  const { findings } = evaluate(await examplePlan(), await exampleObs());
  assert.equal(findings.map((f) => `${f.rule} | ${f.event ?? ''} | ${f.property ?? ''}`), EXPECTED);
  const typo = findings.find((f) => f.event === 'Review Submitted')!;
  assert.equal(typo.evidence.related, { name: 'Review Submited', count: 116 });
  // The misspelt name is not reported a second time as unplanned.
  assert.not.ok(findings.some((f) => f.event === 'Review Submited'));
});

test('the report validates against specs/report.schema.json, with and without observed data', async () => {
  const validate = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true }).compile(reportSchema);
  const plan = await examplePlan();
  const obs = await exampleObs();
  for (const report of [buildReport(plan, obs, evaluate(plan, obs), { version: '1.2.3', now: 0 }), buildReport(plan, undefined, evaluate(plan, undefined), { version: '1.2.3', now: 0 })]) {
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
  }
});

test('severity: the plan sets it, --rule overrides it, off disables', async () => {
  const plan = await examplePlan();
  const obs = await exampleObs();
  const sev = (severities?: Map<string, 'error' | 'warn' | 'info' | 'off'>) =>
    evaluate(plan, obs, severities ? { severities } : {}).findings.filter((f) => f.rule === 'property-unplanned').map((f) => f.severity);
  assert.equal(sev(), ['warn', 'warn']);
  assert.equal(sev(new Map([['property-unplanned', 'info']])), ['info', 'info']);
  assert.equal(sev(new Map([['property-unplanned', 'off']])), []);
  plan.rules.set('property-unplanned', { severity: 'error', location: { file: 'x', line: 1, column: 1 } });
  assert.equal(sev(), ['error', 'error']);
});

test('thresholds: --min-rate and a rule threshold drop problems below the share, never above', async () => {
  const plan = await examplePlan();
  const obs = await exampleObs();
  const rates = (minRate: number) => evaluate(plan, obs, { minRate }).findings.filter((f) => f.evidence.rate !== undefined).map((f) => f.evidence.rate!);
  const all = rates(0);
  const above = rates(0.05);
  assert.ok(above.length < all.length);
  assert.ok(above.every((r) => r >= 0.05));
  assert.is(above.length, all.filter((r) => r >= 0.05).length);
  plan.rules.set('property-value', { threshold: 0.05, location: { file: 'x', line: 1, column: 1 } });
  const values = evaluate(plan, obs).findings.filter((f) => f.rule === 'property-value');
  assert.equal(values.map((f) => f.property), ['coupon_code']); // 10.6%; shipping_method is 2.6%
});

test('incomplete data: event-missing and event-platform-missing say why and report nothing; the rest runs', async () => {
  const plan = await examplePlan();
  const obs = await exampleObs();
  obs.markIncomplete('chunk 2026-11-21 failed after 5 retries');
  const { findings, notices } = evaluate(plan, obs);
  assert.not.ok(findings.some((f) => f.rule === 'event-missing' || f.rule === 'event-platform-missing'));
  assert.ok(findings.some((f) => f.rule === 'property-type'));
  assert.ok(notices.includes('event-missing: no event is reported missing because the data is incomplete (chunk 2026-11-21 failed after 5 retries)'));
  // Without event-missing to link it, the misspelt event is reported as unplanned, with the suggestion.
  const unplanned = findings.find((f) => f.event === 'Review Submited')!;
  assert.is(unplanned.rule, 'event-unplanned');
  assert.match(unplanned.message, 'did you mean "Review Submitted"?');
});

test('an empty window concludes nothing about missing events', async () => {
  const plan = await examplePlan();
  const obs = new Observations();
  const { findings, notices } = evaluate(plan, obs);
  assert.not.ok(findings.some((f) => f.rule === 'event-missing'));
  assert.ok(notices.some((n) => n.includes('window holds no records')));
});

test('typed and string-typed sources: the same values, the verdicts the kinds table gives', async () => {
  const tmp = tempDir();
  try {
    tmp.write('plan.yaml', 'version: 1\nevents:\n  Buy:\n    properties:\n      price: { type: number }\n      qty: { type: integer }\n      gift: { type: boolean }\n      sku: { type: string }\n');
    const plan = await loadPlan(['plan.yaml'], { cwd: tmp.dir });
    const run = (typed: boolean) => {
      const obs = new Observations();
      obs.addSource({ kind: typed ? 'file' : 'heap-connect', location: 'x', typed });
      for (const properties of [
        { price: '12.99', qty: '3', gift: 'true', sku: '12345' },
        { price: '7', qty: '2.5', gift: 'false', sku: 'A-1' },
      ]) obs.add({ kind: 'event', event: 'Buy', properties });
      return evaluate(plan, obs).findings.map((f) => `${f.rule} ${f.property}`);
    };
    assert.equal(run(true), ['property-type price', 'property-type qty', 'property-type gift']);
    // In a string-typed source "12.99" reads as a number and "true" as a boolean; "2.5" is no integer.
    assert.equal(run(false), ['property-value qty']);
  } finally {
    tmp.cleanup();
  }
});

test('findings are sorted by file, line, column, rule, then name', async () => {
  const { findings } = evaluate(await examplePlan(), await exampleObs());
  const keys = findings.map((f) => [f.location.file, f.location.line, f.location.column, f.rule, f.event ?? '', f.property ?? ''] as const);
  const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0) || (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0) || (a[5] < b[5] ? -1 : a[5] > b[5] ? 1 : 0));
  assert.equal(keys, sorted);
  assert.ok(path.basename(findings[0]!.location.file) === 'tracking-plan.yaml');
});

test.run();
