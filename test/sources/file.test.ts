import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Observations } from '../../src/observed/aggregate.ts';
import { collect } from '../../src/sources/collect.ts';
import { FileSource } from '../../src/sources/file.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('file source');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

async function read(location: string): Promise<Observations> {
  const obs = new Observations();
  await new FileSource(location, tmp.dir).read(obs, {});
  return obs;
}

const rec = (event: string, i: number) => ({ event, time: `2026-11-20T10:00:${String(i % 60).padStart(2, '0')}Z`, platform: 'web', properties: { n: i, s: `a,b]}{"${i}` } });

test('NDJSON with CRLF, a BOM, blank lines and a last line without newline', async () => {
  tmp.write('a.ndjson', '\ufeff' + JSON.stringify(rec('A', 1)) + '\r\n\r\n' + JSON.stringify(rec('B', 2)) + '\n' + JSON.stringify(rec('A', 3)));
  const obs = await read('a.ndjson');
  assert.is(obs.events.get('A')!.count, 2);
  assert.is(obs.events.get('B')!.count, 1);
  assert.equal(obs.records, { read: 3, accepted: 3, outsideWindow: 0, malformed: 0, dropped: 0 });
  assert.equal(obs.sources, [{ kind: 'file', location: 'a.ndjson', typed: true }]);
});

test('malformed lines are counted and reported with file and line', async () => {
  tmp.write('bad.ndjson', [JSON.stringify(rec('A', 1)), '{"event": "A", "properties": ', '[1,2]', '{"kind": "page"}', '{"properties": {}}', '{"event": "A", "time": "yesterday"}', '{"event": "A", "properties": [1]}'].join('\n'));
  const obs = await read('bad.ndjson');
  assert.is(obs.records.malformed, 6);
  assert.is(obs.records.accepted, 1);
  assert.equal(
    obs.malformedSamples.map((s) => `${s.file}:${s.line}`),
    ['bad.ndjson:2', 'bad.ndjson:3', 'bad.ndjson:4', 'bad.ndjson:5', 'bad.ndjson:6'], // the first five
  );
  assert.match(obs.malformedSamples[0]!.reason, /^not valid JSON/);
  assert.is(obs.malformedSamples[1]!.reason, 'a record must be a JSON object');
  assert.match(obs.malformedSamples[2]!.reason, 'unknown record kind "page"');
  assert.match(obs.malformedSamples[3]!.reason, 'needs a non-empty "event"');
  assert.match(obs.malformedSamples[4]!.reason, '"time" is not a date-time');
});

test('a JSON array, streamed across chunk boundaries, with brackets and commas inside strings', async () => {
  // Over 1 MiB so that items straddle the reader's chunks.
  const records = Array.from({ length: 12_000 }, (_, i) => rec(i % 3 === 0 ? 'A' : 'B', i));
  tmp.write('a.json', '[\n' + records.map((r) => '  ' + JSON.stringify(r, null, i(r))).join(',\n') + '\n]\n');
  function i(r: { properties: { n: number } }) {
    return r.properties.n % 2 ? 2 : undefined;
  }
  const obs = await read('a.json');
  assert.is(obs.records.malformed, 0);
  assert.is(obs.events.get('A')!.count, 4000);
  assert.is(obs.events.get('B')!.count, 8000);
  assert.is(obs.events.get('B')!.properties.get('s')!.present, 8000);
});

test('a truncated JSON array keeps what it read and says the array is not closed', async () => {
  tmp.write('t.json', '[' + JSON.stringify(rec('A', 1)) + ',' + JSON.stringify(rec('A', 2)) + ',{"event": "A", "prop');
  const obs = await read('t.json');
  assert.is(obs.events.get('A')!.count, 2);
  assert.is(obs.records.malformed, 1);
  assert.match(obs.malformedSamples[0]!.reason, 'not closed');
});

test("Heap's bulk track body, compact (one line) and pretty-printed", async () => {
  const body = { app_id: '12345', events: [{ identity: 'u1', event: 'A', timestamp: '2026-11-20T10:00:00Z', properties: { x: 1 } }, { identity: 'u2', event: 'B', properties: {} }] };
  tmp.write('compact.json', JSON.stringify(body));
  tmp.write('pretty.json', JSON.stringify(body, null, 2));
  for (const f of ['compact.json', 'pretty.json']) {
    const obs = await read(f);
    assert.is(obs.events.get('A')!.count, 1, f);
    assert.is(obs.events.get('B')!.count, 1, f);
    assert.is(obs.events.get('A')!.firstSeen, Date.UTC(2026, 10, 20, 10));
  }
});

test('user and account records, library for platform, timestamp for time, epoch numbers', async () => {
  tmp.write('m.ndjson', [
    { kind: 'user', user_id: 'u1', properties: { email: 'a@b.co' } },
    { kind: 'account', account_id: 'acme', properties: { seats: 12 } },
    { event: 'A', library: 'ios', timestamp: 1795600000, properties: {} },
    { event: 'A', library: 'ios', timestamp: 1795600000000, properties: {} },
    { event: 'A', library: 'ios', timestamp: 1795600000000000, properties: {} },
  ].map((r) => JSON.stringify(r)).join('\n'));
  const obs = await read('m.ndjson');
  assert.is(obs.users.count, 1);
  assert.is(obs.users.properties.get('email')!.present, 1);
  assert.is(obs.accounts.properties.get('seats')!.kinds.get('integer')!.count, 1);
  const a = obs.events.get('A')!;
  assert.equal([...a.platforms], [['ios', 3]]);
  assert.is(a.firstSeen, 1795600000000);
  assert.is(a.lastSeen, 1795600000000);
});

test('globs read every matching file; no match is a usage error', async () => {
  tmp.write('d/1.ndjson', JSON.stringify(rec('A', 1)));
  tmp.write('d/2.ndjson', JSON.stringify(rec('A', 2)));
  const obs = await read('d/*.ndjson');
  assert.is(obs.events.get('A')!.count, 2);
  const err = await read('nothing/*.ndjson').catch((e: Error & { exitCode: number }) => e);
  assert.instance(err, Error);
  assert.is((err as { exitCode: number }).exitCode, 2);
  assert.match((err as Error).message, 'no files match "nothing/*.ndjson"');
});

test('collect: above --max-bad-records the run stops with exit 3 and the samples', async () => {
  tmp.write('x.ndjson', [JSON.stringify(rec('A', 1)), 'garbage', JSON.stringify(rec('A', 2))].join('\n'));
  const ok = await collect([{ kind: 'file', location: 'x.ndjson' }], { cwd: tmp.dir, window: {}, maxBadRecords: 0.5 });
  assert.is(ok.records.malformed, 1);
  const err = (await collect([{ kind: 'file', location: 'x.ndjson' }], { cwd: tmp.dir, window: {}, maxBadRecords: 0.01 }).catch((e: unknown) => e)) as Error & { exitCode: number };
  assert.is(err.exitCode, 3);
  assert.match(err.message, '1 of 3 records are malformed (33.3%, above --max-bad-records 1.0%):\n  x.ndjson:2: not valid JSON');
});

test('an aborted read stops with an AbortError', async () => {
  tmp.write('big.ndjson', (JSON.stringify(rec('A', 1)) + '\n').repeat(50_000));
  const controller = new AbortController();
  controller.abort();
  const err = await new FileSource('big.ndjson', tmp.dir).read(new Observations(), { signal: controller.signal }).catch((e: Error) => e);
  assert.is((err as Error).name, 'AbortError');
});

test.run();
