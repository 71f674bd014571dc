import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Observations } from '../../src/observed/aggregate.ts';
import { toSnapshot } from '../../src/observed/snapshot.ts';
import { crc32, timeEncoding } from '../../src/sources/heap-connect/avro.ts';
import { fileKey, HeapConnectSource, LocalStore, rowTime, tableSlug } from '../../src/sources/heap-connect/source.ts';
import { runCli } from '../support/cli.ts';
import { writeConnectFixture, type ConnectFixture } from '../support/heap-connect-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('heap connect (local folder)');
let tmp: ReturnType<typeof tempDir>;
let fx: ConnectFixture;
test.before(async () => {
  tmp = tempDir();
  fx = await writeConnectFixture(tmp.dir);
});
test.after(() => tmp.cleanup());

const read = async (window = {}, threads?: number) => {
  const obs = new Observations({ window });
  await (await HeapConnectSource.open(fx.root, '/', { tableEvents: new Map([['order_completed', 'Order Completed']]) })).read(obs, { threads });
  return obs;
};

test('tables read on worker threads give exactly what one thread gives, incomplete reasons in the same order', async () => {
  const one = toSnapshot(await read({}, 1), 0);
  assert.ok(one.events.length >= 3 && one.incomplete.length >= 2, 'the fixture has several tables and damaged files');
  assert.equal(toSnapshot(await read({}, 2), 0), one);
  assert.equal(toSnapshot(await read({}, 4), 0), one);
});

test('slug, file keys, CRC-32', () => {
  assert.is(tableSlug('Order Completed'), 'order_completed');
  assert.is(tableSlug('Sign-up: Step 2/3'), 'sign_up__step_2_3');
  assert.is(fileKey('s3://heap-rs3-acme/prefix/sync_12/t/part-00000-x-c000.avro', 12), 'sync_12/t/part-00000-x-c000.avro');
  assert.is(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('time encodings: from the schema and logical type, magnitude only as a last resort', () => {
  const s = (type: unknown) => ({ fields: [{ name: 'time', type }] });
  assert.is(timeEncoding(s(['null', 'string'])), 'iso');
  assert.is(timeEncoding(s(['null', { type: 'long', logicalType: 'timestamp-millis' }])), 'millis');
  assert.is(timeEncoding(s({ type: 'long', logicalType: 'timestamp-micros' })), 'micros');
  assert.is(timeEncoding(s(['null', 'long'])), 'magnitude');
  const t = Date.UTC(2026, 10, 20, 10);
  assert.is(rowTime('2026-11-20T10:00:00Z', 'iso'), t);
  assert.is(rowTime(t, 'millis'), t);
  assert.is(rowTime(t * 1000, 'micros'), t);
  // Without a logical type: seconds, milliseconds and microseconds told apart by size.
  assert.is(rowTime(t / 1000, 'magnitude'), t);
  assert.is(rowTime(t, 'magnitude'), t);
  assert.is(rowTime(t * 1000, 'magnitude'), t);
  // A small millisecond value is not mistaken for seconds when the schema says millis.
  assert.is(rowTime(5000, 'millis'), 5000);
});

test('dumps: a full re-sync supersedes, rows repeated across dumps count once, pageviews are not events', async () => {
  const obs = await read();
  assert.is(obs.events.get('Order Completed')!.count, fx.expected.order_completed);
  assert.is(obs.events.get('product_viewed')!.count, fx.expected.product_viewed);
  assert.is(obs.events.get('signed_up')!.count, fx.expected.signed_up);
  assert.is(obs.users.count, fx.expected.users);
  assert.not.ok(obs.events.has('pageviews'));
  assert.not.ok(obs.events.has('order_completed'));
});

test('every time encoding lands on the right instant, and the window filters by it', async () => {
  const obs = await read();
  const seen = (e: string) => [obs.events.get(e)!.firstSeen, obs.events.get(e)!.lastSeen];
  assert.equal(seen('Order Completed'), [Date.UTC(2026, 10, 19, 10), Date.UTC(2026, 10, 22, 10)]); // micros
  assert.equal(seen('product_viewed'), [Date.UTC(2026, 10, 21, 8), Date.UTC(2026, 10, 22, 9)]); // ISO and seconds-magnitude
  assert.equal(seen('signed_up'), [Date.UTC(2026, 10, 23, 9), Date.UTC(2026, 10, 23, 10)]);
  const windowed = await read({ since: Date.UTC(2026, 10, 21), until: Date.UTC(2026, 10, 23) });
  assert.is(windowed.events.get('Order Completed')!.count, 2);
  assert.is(windowed.events.get('product_viewed')!.count, 3);
  assert.not.ok(windowed.events.has('signed_up'));
});

test('platform is the library column; null columns are not observed; the source is string-typed', async () => {
  const obs = await read();
  assert.equal([...obs.events.get('product_viewed')!.platforms].sort(), [['android', 1], ['ios', 1], ['web', 1]]);
  const oc = obs.events.get('Order Completed')!;
  assert.not.ok(oc.properties.has('platform')); // null in every row
  assert.not.ok(oc.properties.has('event_id'));
  assert.is(oc.properties.get('revenue')!.kinds.get('numeric-string')!.count, 4);
  assert.is(obs.typed, false);
  assert.is(obs.users.properties.get('plan')!.present, 1);
});

test('a missing file and a corrupt block make the data incomplete, with reasons, never a crash', async () => {
  const obs = await read();
  assert.not.ok(obs.complete);
  assert.is(obs.incomplete.length, 2);
  assert.match(obs.incomplete[0]!, /sync_2\/product_viewed\/part-00001-.*\.avro, listed in manifests\/sync_2\.json, is missing or unreadable/);
  assert.match(obs.incomplete[1]!, /sync_3\/signed_up\/part-00001-.*\.avro could not be read to the end: snappy codec decompression error \(snappy block fails its CRC-32 check\)/);
});

test('a truncated file is incomplete data too', async () => {
  const other = tempDir();
  const dir = other.dir;
  cpSync(fx.root, dir, { recursive: true });
  const users = readdirSync(path.join(dir, 'sync_1/users'))[0]!;
  const file = path.join(dir, 'sync_1/users', users);
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, bytes.length - 10));
  const obs = new Observations();
  await (await HeapConnectSource.open(dir, '/')).read(obs, {});
  other.cleanup();
  assert.ok(obs.incomplete.some((r) => r.includes(`sync_1/users/${users} could not be read to the end`)), obs.incomplete.join('\n'));
});

test('an incremental dump complete before the window began is not read', async () => {
  const other = tempDir();
  cpSync(fx.root, other.dir, { recursive: true });
  // Dump 2 appeared on 2026-11-01; the window starts on 2026-11-10.
  const old = new Date(Date.UTC(2026, 10, 1));
  utimesSync(path.join(other.dir, 'manifests/sync_2.json'), old, old);
  const obs = new Observations({ window: { since: Date.UTC(2026, 10, 10) } });
  await (await HeapConnectSource.open(other.dir, '/')).read(obs, {});
  other.cleanup();
  // product_viewed's first dump (2) is its base and is still read; nothing else of dump 2 is.
  assert.is(obs.events.get('product_viewed')!.count, 3);
  assert.is(obs.incomplete.length, 2);
  const plan = new HeapConnectSource(new LocalStore('/nowhere'), 'x').plan(
    [
      { dumpId: 1, key: 'm1', completedAt: 1, tables: [{ name: 't', files: ['a'], incremental: false }] },
      { dumpId: 2, key: 'm2', completedAt: 5, tables: [{ name: 't', files: ['b'], incremental: true }] },
      { dumpId: 3, key: 'm3', completedAt: 20, tables: [{ name: 't', files: ['c'], incremental: true }] },
    ],
    { since: 10 },
  );
  assert.equal(plan.get('t')!.map((d) => d.manifest.dumpId), [1, 3]);
});

test('the CLI: planned events by slug or heap.table, string-typed verdicts, exit 3 without --allow-partial', async () => {
  const plan = tmp.write(
    'plan.yaml',
    'version: 1\nevents:\n  Order Completed:\n    properties:\n      revenue: { type: number }\n  Sign Up:\n    heap: { table: signed_up }\n  Product Viewed: {}\n',
  );
  const r = await runCli(['check', '--plan', plan, '--source', `heap-connect:${fx.root}`, '--format', 'json']);
  assert.is(r.code, 3);
  const partial = await runCli(['check', '--plan', plan, '--source', `heap-connect:${fx.root}`, '--format', 'json', '--allow-partial', '--fail-on', 'never']);
  const report = JSON.parse(partial.stdout) as { findings: { rule: string; event?: string; property?: string; message: string }[]; observed: { events: { planned: number } } };
  assert.is(report.observed.events.planned, 3);
  // "12.5" passes for a number in a string-typed source; "N/A" does not.
  const type = report.findings.find((f) => f.rule === 'property-type')!;
  assert.equal([type.event, type.property], ['Order Completed', 'revenue']);
  assert.match(type.message, 'string 20%');
  assert.not.ok(report.findings.some((f) => f.rule === 'event-unplanned'));
});

test.run();
