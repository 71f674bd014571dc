import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Observations } from '../../src/observed/aggregate.ts';
import { fromSnapshot, snapshotProblems, toSnapshot, type SnapshotJson } from '../../src/observed/snapshot.ts';
import type { ObservedRecord } from '../../src/observed/types.ts';

const test = suite('aggregate');
const T0 = Date.UTC(2026, 10, 20);
const ev = (event: string, properties: Record<string, unknown>, extra: Partial<ObservedRecord> = {}): ObservedRecord => ({ kind: 'event', event, time: T0, properties, ...extra });

test('counts per event, platform, property, kind; nulls; first and last seen', () => {
  const obs = new Observations();
  obs.add(ev('Order Completed', { revenue: 10, coupon: null }, { platform: 'web', time: T0 + 5 }));
  obs.add(ev('Order Completed', { revenue: '12.99' }, { platform: 'ios', time: T0 }));
  obs.add(ev('Order Completed', { revenue: 7.5 }, { platform: 'web', time: T0 + 9 }));
  const e = obs.events.get('Order Completed')!;
  assert.is(e.count, 3);
  assert.equal([...e.platforms], [['web', 2], ['ios', 1]]);
  assert.is(e.firstSeen, T0);
  assert.is(e.lastSeen, T0 + 9);
  const revenue = e.properties.get('revenue')!;
  assert.is(revenue.present, 3);
  assert.equal([...revenue.kinds].map(([k, s]) => [k, s.count, s.examples]), [
    ['integer', 1, ['10']],
    ['numeric-string', 1, ['"12.99"']],
    ['number', 1, ['7.5']],
  ]);
  const coupon = e.properties.get('coupon')!;
  assert.is(coupon.present, 1);
  assert.is(coupon.nulls, 1);
  assert.is(coupon.values.size, 0); // nulls are counted, not kept as values
  assert.equal(obs.records, { read: 3, accepted: 3, outsideWindow: 0, malformed: 0, dropped: 0 });
});

test('the window: records outside [since, until) are counted and skipped', () => {
  const obs = new Observations({ window: { since: T0, until: T0 + 1000 } });
  assert.is(obs.add(ev('A', {}, { time: T0 - 1 })), false);
  assert.is(obs.add(ev('A', {}, { time: T0 })), true);
  assert.is(obs.add(ev('A', {}, { time: T0 + 999 })), true);
  assert.is(obs.add(ev('A', {}, { time: T0 + 1000 })), false);
  assert.is(obs.events.get('A')!.count, 2);
  assert.is(obs.records.outsideWindow, 2);
  assert.is(obs.records.read, 4);
});

test('bounds: distinct values overflow with exact counts, examples stay few, short and distinct', () => {
  const obs = new Observations({ limits: { maxDistinctValues: 100 } });
  for (let i = 0; i < 1000; i++) obs.add(ev('Search', { q: `query number ${i % 250}`, long: 'x'.repeat(5000) }));
  const q = obs.events.get('Search')!.properties.get('q')!;
  assert.is(q.present, 1000);
  assert.is(q.values.size, 100);
  assert.is(q.overflow, true);
  // The first 100 distinct values are kept, seen once each before the 101st arrived; every
  // occurrence after that is counted as beyond the bound. Together: every value, exactly.
  assert.is([...q.values.values()].reduce((s, c) => s + c, 0), 100);
  assert.is(q.overflowCount, 900);
  assert.equal(q.kinds.get('string')!.examples.length, 5);
  assert.is(new Set(q.kinds.get('string')!.examples).size, 5);
  const long = obs.events.get('Search')!.properties.get('long')!;
  assert.is(long.kinds.get('string')!.examples[0]!.length, 82); // 80 characters and its quotes
  assert.is((long.values.keys().next().value as string).length, 1024);
});

test('small integers and other values: the same counts, whichever way they are kept', () => {
  const obs = new Observations({ limits: { maxDistinctValues: 6 } });
  for (const v of [0, 1, 1, 1023, 1024, -1, 2.5, '1', true, 1]) obs.add(ev('E', { v }));
  const p = obs.events.get('E')!.properties.get('v')!;
  assert.equal(
    [...p.values].sort(([a], [b]) => String(a).localeCompare(String(b))),
    [[-1, 1], [0, 1], [1, 2], [1023, 1], [1024, 1], [2.5, 1]],
  );
  // "1" was the seventh distinct value: it, true and the last 1 are beyond the bound.
  assert.is(p.overflow, true);
  assert.is(p.overflowCount, 3);
  assert.equal([...p.kinds.keys()], ['integer', 'number', 'numeric-string', 'boolean']);
});

test('memory is bounded by distinct names, not records: 10x the records, the same structure', () => {
  const build = (n: number) => {
    const obs = new Observations();
    for (let i = 0; i < n; i++) obs.add(ev(`E${i % 20}`, { a: i % 7, b: `v${i % 3}`, c: i % 2 === 0 }));
    return obs;
  };
  const small = build(2_000);
  const large = build(20_000);
  const size = (o: Observations) => [...o.events.values()].map((e) => [...e.properties.values()].map((p) => p.values.size + p.kinds.size));
  assert.equal(size(large), size(small));
  assert.is(large.events.get('E0')!.count, 10 * small.events.get('E0')!.count);
});

test('hostile names: no prototype pollution, no crash, names kept exactly', () => {
  const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'x'.repeat(10_000), 'a\u0000b\u001b[31m', 'lone \ud800 surrogate', 'toString'];
  const obs = new Observations();
  for (const name of names) {
    const props = JSON.parse(`{${names.map((p) => `${JSON.stringify(p)}: {"polluted": true}`).join(',')}}`) as Record<string, unknown>;
    obs.add(ev(name, props));
    obs.add({ kind: 'user', properties: props });
  }
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal([...obs.events.keys()], names);
  assert.equal([...obs.events.get('__proto__')!.properties.keys()], names);
  assert.equal([...obs.users.properties.keys()], names);
  // And through a snapshot and back.
  const again = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(obs))) as SnapshotJson);
  assert.equal([...again.events.keys()], names);
  assert.equal([...again.events.get('constructor')!.properties.keys()], names);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('the bound on distinct event names never drops a planned (pinned) event', () => {
  const obs = new Observations({ limits: { maxEvents: 10 }, pinnedEvents: ['Order Completed'] });
  for (let i = 0; i < 50; i++) obs.add(ev(`junk ${i}`, {}));
  obs.add(ev('Order Completed', {}));
  assert.is(obs.events.size, 11);
  assert.ok(obs.events.has('Order Completed'));
  assert.is(obs.records.dropped, 40);
});

test('snapshot: round trip is exact and validates against its schema', () => {
  const obs = new Observations({ window: { since: T0, until: T0 + 86_400_000 } });
  obs.addSource({ kind: 'file', location: 'a.ndjson', typed: true });
  obs.add(ev('Order Completed', { revenue: 10, tags: ['a', 'b'], meta: { k: 1 }, ok: true }, { platform: 'web' }));
  obs.add({ kind: 'account', properties: { seats: 3 } });
  obs.malformed({ file: 'a.ndjson', line: 7, reason: 'not valid JSON' });
  obs.markIncomplete('chunk failed', { since: T0, until: T0 + 3_600_000 });
  const snap = toSnapshot(obs, T0 + 1);
  assert.equal(snapshotProblems(snap), []);
  const back = toSnapshot(fromSnapshot(JSON.parse(JSON.stringify(snap)) as SnapshotJson), T0 + 1);
  assert.equal(back, snap);
  assert.is(snap.complete, false);
  assert.equal(snap.window, { since: '2026-11-20T00:00:00Z', until: '2026-11-21T00:00:00Z' });
});

test('snapshot: a document of the wrong shape is refused with its problems', () => {
  assert.ok(snapshotProblems({ format: 'something else' }).length > 0);
  const snap = toSnapshot(new Observations(), T0) as unknown as Record<string, unknown>;
  snap.events = [{ name: 'x' }];
  assert.match(snapshotProblems(snap).join('\n'), '/events/0');
});

test('merge: two aggregates add up exactly', () => {
  const a = new Observations();
  const b = new Observations();
  a.add(ev('A', { p: 1 }, { platform: 'web', time: T0 + 10 }));
  b.add(ev('A', { p: 1 }, { platform: 'ios', time: T0 }));
  b.add(ev('A', { p: 'x', q: null }, { platform: 'ios', time: T0 + 20 }));
  b.add(ev('B', {}));
  a.merge(b);
  const e = a.events.get('A')!;
  assert.is(e.count, 3);
  assert.equal([...e.platforms], [['web', 1], ['ios', 2]]);
  assert.is(e.firstSeen, T0);
  assert.is(e.lastSeen, T0 + 20);
  const p = e.properties.get('p')!;
  assert.is(p.present, 3);
  assert.is(p.kinds.get('integer')!.count, 2);
  assert.is(p.values.get(1), 2);
  assert.is(e.properties.get('q')!.nulls, 1);
  assert.is(a.events.get('B')!.count, 1);
  assert.is(a.records.accepted, 4);
});

test('merge: events past the bound on names are dropped, not also accepted', () => {
  const a = new Observations({ limits: { maxEvents: 2 } });
  const b = new Observations({ limits: { maxEvents: 2 } });
  a.add(ev('A', {}));
  a.add(ev('B', {}));
  b.add(ev('C', {}));
  b.add(ev('C', {}));
  b.add(ev('A', {}));
  a.merge(b);
  assert.equal([...a.events.keys()], ['A', 'B']);
  assert.equal(a.records, { read: 5, accepted: 3, outsideWindow: 0, malformed: 0, dropped: 2 });
});

test('NaN and the infinities: counted as numbers with their own examples, not as values, and a snapshot keeps them', () => {
  const obs = new Observations();
  for (const x of [NaN, Infinity, -Infinity, NaN, 1.5]) obs.add(ev('A', { x }));
  const p = obs.events.get('A')!.properties.get('x')!;
  assert.is(p.kinds.get('number')!.count, 5);
  assert.equal(p.kinds.get('number')!.examples, ['1.5', 'NaN', 'Infinity', '-Infinity']);
  assert.equal([...p.values], [[1.5, 1]]);
  const snap = toSnapshot(obs, T0);
  assert.equal(snapshotProblems(JSON.parse(JSON.stringify(snap))), []);
  assert.equal(toSnapshot(fromSnapshot(JSON.parse(JSON.stringify(snap)) as SnapshotJson), T0), snap);
});

test('typed: derived from the sources', () => {
  const o = new Observations();
  o.addSource({ kind: 'file', location: 'a', typed: true });
  assert.is(o.typed, true);
  o.addSource({ kind: 'heap-connect', location: 'b', typed: false });
  assert.is(o.typed, 'mixed');
});

test.run();
