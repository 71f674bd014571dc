// Large captured files are read in parts on worker threads and merged in order. What must hold:
// the parts come from the input alone, so one thread and several give the same aggregate; for
// data within the bounds it is the aggregate of reading everything in one go; and line numbers,
// byte order marks and CRLF survive the cuts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Observations } from '../../src/observed/aggregate.ts';
import { toSnapshot } from '../../src/observed/snapshot.ts';
import { readPieces } from '../../src/sources/file-parts.ts';
import { FileSource } from '../../src/sources/file.ts';
import { aggregateInParts } from '../../src/sources/parallel.ts';
import type { ReadContext } from '../../src/sources/types.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('file source in parts');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

const root = path.resolve(import.meta.dirname, '../..');
const example = readFileSync(path.join(root, 'examples/observed.ndjson'), 'utf8');

async function read(location: string, ctx: ReadContext, limits?: ConstructorParameters<typeof Observations>[0]): Promise<Observations> {
  const obs = new Observations(limits);
  await new FileSource(location, tmp.dir).read(obs, ctx);
  return obs;
}

/** The aggregate as data, without the moment it was written. */
const snapshot = (obs: Observations) => ({ ...toSnapshot(obs, 0) });

test('in parts, on one thread or on worker threads, the example gives what one read gives', async () => {
  tmp.write('d/1-example.ndjson', example);
  tmp.write('d/2-small.ndjson', example.split('\n').slice(0, 40).join('\n'));
  tmp.write('d/3-array.json', '[' + example.trim().split('\n').slice(40, 90).join(',\n') + ']');
  const whole = snapshot(await read('d/*', {}));
  // About 20 parts: the example is cut into slices, the small file and the array go whole.
  const oneThread = snapshot(await read('d/*', { partBytes: 64 * 1024, threads: 1 }));
  const workers = snapshot(await read('d/*', { partBytes: 64 * 1024, threads: 3 }));
  assert.equal(oneThread, whole);
  assert.equal(workers, whole);
  assert.is(whole.records.read, 3684 + 40 + 50);
});

test('past the bounds the parts decide the sample, and the threads do not', async () => {
  const lines = Array.from({ length: 6000 }, (_, i) => JSON.stringify({ event: `E${i % 50}`, time: '2026-11-20T10:00:00Z', properties: { v: `value-${i % 997}`, n: i } }));
  tmp.write('many.ndjson', lines.join('\n') + '\n');
  const limits = { limits: { maxDistinctValues: 20, maxEvents: 30 }, pinnedEvents: ['E49'] };
  const a = snapshot(await read('many.ndjson', { partBytes: 50_000, threads: 1 }, limits));
  const b = snapshot(await read('many.ndjson', { partBytes: 50_000, threads: 2 }, limits));
  const c = snapshot(await read('many.ndjson', { partBytes: 50_000, threads: 4 }, limits));
  assert.equal(b, a);
  assert.equal(c, a);
  // Exact counts all the same.
  assert.is(a.records.accepted + a.records.dropped, 6000);
  assert.is(a.events.find((e) => e.name === 'E49')!.count, 120);
});

test('line numbers of malformed records count from the start of the file, whichever slice they are in', async () => {
  const good = (i: number) => JSON.stringify({ event: 'A', time: '2026-11-20T10:00:00Z', properties: { i } });
  const lines = Array.from({ length: 3000 }, (_, i) => ([1200, 1900, 2500, 2501, 2999].includes(i) ? `not json ${i}` : good(i)));
  tmp.write('bad.ndjson', '\ufeff' + lines.join('\r\n') + '\r\n');
  const obs = await read('bad.ndjson', { partBytes: 10_000, threads: 2 });
  assert.equal(
    obs.malformedSamples.map((s) => `${s.file}:${s.line}`),
    ['bad.ndjson:1201', 'bad.ndjson:1901', 'bad.ndjson:2501', 'bad.ndjson:2502', 'bad.ndjson:3000'],
  );
  assert.is(obs.records.malformed, 5);
  // The byte order mark at the start is not part of the first record, and CRLF never is.
  assert.is(obs.events.get('A')!.count, 2995);
  assert.equal(snapshot(obs), snapshot(await read('bad.ndjson', {})));
});

test('an interrupted read in parts stops the workers with an AbortError', async () => {
  tmp.write('big.ndjson', (JSON.stringify({ event: 'A', properties: { x: 1 } }) + '\n').repeat(200_000));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const err = await read('big.ndjson', { partBytes: 1_000_000, threads: 2, signal: controller.signal }).catch((e: Error) => e);
  assert.instance(err, Error);
  assert.is((err as Error).name, 'AbortError');
});

test("a part that fails on a worker fails the read with the worker's error, as on this thread", async () => {
  tmp.write('ok.ndjson', JSON.stringify({ event: 'A', properties: {} }) + '\n');
  const jobs = [{ kind: 'file-part' as const, payload: [{ file: path.join(tmp.dir, 'ok.ndjson'), name: 'ok.ndjson' }] }, { kind: 'file-part' as const, payload: [{ file: path.join(tmp.dir, 'gone.ndjson'), name: 'gone.ndjson' }] }];
  const failure = async (threads: number) => {
    const err = await aggregateInParts(new Observations(), { jobs, readHere: (i, obs) => readPieces(jobs[i]!.payload, obs) }, { threads }).catch((e: Error) => e);
    assert.instance(err, Error);
    assert.is((err as Error & { exitCode?: number }).exitCode, 2, 'a usage error, on either thread');
    return (err as Error).message;
  };
  // Part 1 goes to the worker when there are two threads.
  const onWorker = await failure(2);
  assert.match(onWorker, 'ENOENT');
  assert.match(onWorker, 'file source: cannot read gone.ndjson');
  assert.match(onWorker, 'gone.ndjson');
  assert.is(onWorker, await failure(1));
});

test.run();
