import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPlan } from '../../src/plan/load.ts';
import type { Plan, PropertyDef } from '../../src/plan/types.ts';
import { ROOT } from '../support/cli.ts';

const test = suite('plan loader');
const load = (...inputs: string[]) => loadPlan(inputs, { cwd: ROOT });

test('the example plan loads with positions for every event and property', async () => {
  const plan = await load('examples/tracking-plan.yaml');
  assert.is(plan.events.size, 21);
  assert.equal(plan.files, ['examples/tracking-plan.yaml']);
  const order = plan.events.get('Order Completed')!;
  assert.equal(order.location, { file: 'examples/tracking-plan.yaml', line: 124, column: 3 });
  assert.equal(order.platforms, ['web', 'ios', 'android', 'server']);
  const revenue = order.properties.get('revenue')!;
  assert.equal(revenue.location, { file: 'examples/tracking-plan.yaml', line: 130, column: 7 });
  assert.equal(revenue.types, ['number']);
  assert.is(revenue.required, true);
  assert.equal(order.properties.get('coupon')!.types, ['string', 'null']);
  assert.equal(plan.eventsKeys, [{ file: 'examples/tracking-plan.yaml', line: 43, column: 1 }]);
});

test('$ref: the shared definition, with the referencing key\'s name, place and required', async () => {
  const plan = await load('examples/tracking-plan.yaml');
  const p = plan.events.get('Product Viewed')!.properties.get('product_id')!;
  assert.is(p.name, 'product_id');
  assert.is(p.pattern, '^SKU-[0-9]{4,8}$');
  assert.is(p.required, true);
  assert.equal(p.ref, { target: '#/properties/product_id', location: { file: 'examples/tracking-plan.yaml', line: 18, column: 3 } });
  assert.equal(p.location.line, 73);
  // The shared definition itself is not required; the reference made it so.
  assert.is(plan.sharedProperties.get('product_id')!.required, false);
  assert.ok(plan.referencedShared.has('product_id'));
  assert.ok(plan.referencedShared.has('plan_tier')); // through user_properties
});

test('statuses, ignore_events and naming', async () => {
  const plan = await load('examples/tracking-plan.yaml');
  assert.is(plan.events.get('Logged Out')!.status, 'active');
  assert.is(plan.events.get('Gift Card Redeemed')!.status, 'planned');
  assert.is(plan.events.get('Legacy Checkout Clicked')!.status, 'deprecated');
  const ignored = (n: string) => plan.ignoreEvents.some((m) => m.test(n));
  assert.ok(ignored('Pageview'));
  assert.ok(ignored('Heap Autocapture'));
  assert.not.ok(ignored('pageview'));
  assert.not.ok(ignored('Order Completed'));
  assert.equal(plan.naming.events, { kind: 'title' });
  assert.equal(plan.rules.get('property-unplanned')?.severity, 'warn');
});

test('value validators check enum, pattern, format and bounds, not the type', async () => {
  const plan = await load('examples/tracking-plan.yaml');
  const viewed = plan.events.get('Product Viewed')!.properties;
  const v = (p: PropertyDef | undefined, x: unknown) => p!.validate(x);
  assert.ok(v(viewed.get('product_id'), 'SKU-12345'));
  assert.not.ok(v(viewed.get('product_id'), 'sku-1'));
  assert.ok(v(viewed.get('currency'), 'EUR'));
  assert.not.ok(v(viewed.get('currency'), 'eur'));
  assert.not.ok(v(viewed.get('price'), -1));
  assert.ok(v(viewed.get('price'), 12.5));
  assert.ok(v(plan.userProperties.get('email'), 'ana@example.com'));
  assert.not.ok(v(plan.userProperties.get('email'), 'not an email'));
  assert.not.ok(v(plan.userProperties.get('signup_date'), '2026-13-01'));
  // in_stock has no constraints beyond its type
  assert.is(viewed.get('in_stock')!.hasValueConstraints, false);
  assert.ok(v(viewed.get('in_stock'), 'anything'));
});

/** The plan without positions, to compare two layouts of the same plan. */
function shape(plan: Plan) {
  const props = (m: Map<string, PropertyDef>) =>
    Object.fromEntries([...m].map(([k, p]) => [k, { types: p.types, required: p.required, enum: p.enum, pattern: p.pattern, format: p.format, minimum: p.minimum, maximum: p.maximum, maxLength: p.maxLength, minLength: p.minLength }]));
  return {
    events: Object.fromEntries(
      [...plan.events].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, { status: e.status, owner: e.owner, platforms: e.platforms, description: e.description, properties: props(e.properties) }]),
    ),
    shared: props(plan.sharedProperties),
    user: props(plan.userProperties),
    account: props(plan.accountProperties),
    ignore: plan.ignoreEvents.map((m) => m.source),
    naming: plan.naming.events,
    rules: [...plan.rules].map(([k, r]) => [k, r.severity]),
  };
}

test('the split example is the same plan as the single file (including a cross-file $ref)', async () => {
  const single = await load('examples/tracking-plan.yaml');
  const split = await load('examples/split-plan');
  assert.is(split.files.length, 6);
  assert.equal(shape(split), shape(single));
  const crossFile = split.events.get('Review Submitted')!.properties.get('product_id')!;
  assert.is(crossFile.ref!.target, 'shared.yaml#/properties/product_id');
  assert.is(crossFile.ref!.location.file, 'examples/split-plan/shared.yaml');
  assert.is(crossFile.location.file, 'examples/split-plan/catalog.yaml');
});

test('globs and lists of files: each file once, in a stable order', async () => {
  const plan = await load('examples/split-plan/*.yaml', 'examples/split-plan/shared.yaml');
  assert.equal(plan.files, ['account', 'billing', 'catalog', 'checkout', 'plan', 'shared'].map((f) => `examples/split-plan/${f}.yaml`));
});

test('files outside the working directory are named by absolute path', async () => {
  const plan = await loadPlan(['examples/tracking-plan.yaml'], { cwd: path.join(ROOT, 'src') }).catch((e: Error) => e);
  assert.instance(plan, Error); // relative to src/, the path does not exist
  const abs = await loadPlan([path.join(ROOT, 'examples/tracking-plan.yaml')], { cwd: path.join(ROOT, 'src') });
  assert.is(abs.files[0], path.join(ROOT, 'examples/tracking-plan.yaml'));
});

test.run();
