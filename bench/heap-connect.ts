// Heap Connect: 1,000,000 event rows over 20 tables (snappy Avro), decode-and-aggregate time next
// to a floor of decoding the same files with avsc alone, measured in one run. Target: <= 1.5x.
import { createReadStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import avro from 'avsc';
import { Observations } from '../src/observed/aggregate.ts';
import SnappyJS from 'snappyjs';
import { snappyCompress } from '../src/sources/heap-connect/avro.ts';
import { HeapConnectSource } from '../src/sources/heap-connect/source.ts';
import { prng } from '../scripts/make-example-observed.ts';
import { ratioLine, timeAsync } from './support.ts';

const TABLES = 20;
const ROWS = 1_000_000;
const COLUMNS = ['library', 'platform', 'path', 'referrer', 'country', 'browser', 'value', 'category', 'position', 'label', 'flag'];

async function generate(root: string): Promise<void> {
  if (existsSync(path.join(root, 'manifests/sync_1.json'))) return;
  const rand = prng(11);
  const schema = {
    type: 'record',
    name: 'row',
    fields: [
      { name: 'event_id', type: 'string' },
      { name: 'user_id', type: 'string' },
      { name: 'time', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ...COLUMNS.map((c) => ({ name: c, type: ['null', 'string'] })),
    ],
  };
  const type = avro.Type.forSchema(schema as never);
  const tables = [];
  for (let t = 0; t < TABLES; t++) {
    const table = `event_${t}`;
    const file = `sync_1/${table}/part-00000-bench-c000.avro`;
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    const enc = new avro.streams.BlockEncoder(type, { codec: 'snappy', codecs: { snappy: (b: Buffer, cb: (e: null, r: Buffer) => void) => cb(null, snappyCompress(b)) } as never });
    const chunks: Buffer[] = [];
    enc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => enc.on('end', r));
    for (let i = 0; i < ROWS / TABLES; i++) {
      const row: Record<string, unknown> = { event_id: `${t}-${i}`, user_id: `u${i % 5000}`, time: Date.UTC(2026, 10, 1) + Math.floor(rand() * 20 * 86_400_000) };
      for (const c of COLUMNS) row[c] = rand() < 0.2 ? null : `${c}-${Math.floor(rand() * 40)}`;
      enc.write(row);
    }
    enc.end();
    await done;
    writeFileSync(path.join(root, file), Buffer.concat(chunks));
    tables.push({ name: table, files: [`s3://bench/prefix/${file}`], incremental: false });
  }
  mkdirSync(path.join(root, 'manifests'), { recursive: true });
  writeFileSync(path.join(root, 'manifests/sync_1.json'), JSON.stringify({ dump_id: 1, tables }));
}

export async function benchHeapConnect(root: string): Promise<void> {
  const dir = path.join(root, '.bench/connect');
  console.log('generating the export (cached in .bench/connect)...');
  await generate(dir);
  const files = readdirSync(path.join(dir, 'sync_1')).map((t) => path.join(dir, 'sync_1', t, 'part-00000-bench-c000.avro'));
  // The floor: avsc decoding with a bare snappy codec (no checksum), as avsc's own README does.
  const bare = { null: (b: Buffer, cb: (e: Error | null, r?: Buffer) => void) => cb(null, b), snappy: (b: Buffer, cb: (e: Error | null, r?: Buffer) => void) => cb(null, Buffer.from(SnappyJS.uncompress(b.subarray(0, b.length - 4)))) };
  let n = 0;
  const floor = async () => {
    for (const f of files) {
      await new Promise<void>((resolve, reject) => {
        const d = new avro.streams.BlockDecoder({ codecs: bare as never });
        d.on('data', () => void n++).on('end', resolve).on('error', reject);
        createReadStream(f).pipe(d);
      });
    }
  };
  // As `check --source heap-connect:DIR` reads it (tables on as many threads as there are cores),
  // and on one thread, as on a machine with one core.
  const oursOn = (threads?: number) => async () => {
    const obs = new Observations();
    await (await HeapConnectSource.open(dir, root)).read(obs, { threads });
    if (obs.records.accepted !== ROWS) throw new Error(`read ${obs.records.accepted} rows`);
  };
  const ours = oursOn(undefined);
  const oneThread = oursOn(1);
  const fl: number[] = [];
  const ag: number[] = [];
  const cpus: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < 5; i++) {
    fl.push(await timeAsync(floor));
    const cpu = process.cpuUsage();
    ag.push(await timeAsync(ours));
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    one.push(await timeAsync(oneThread));
  }
  // The fastest of five interleaved runs (see bench/aggregate.ts).
  const [f, a, c, o] = [fl, ag, cpus, one].map((r) => Math.min(...r)) as [number, number, number, number];
  console.log(`heap connect: ${ROWS.toLocaleString('en-US')} event rows over ${TABLES} tables, snappy (fastest of 5 interleaved runs; ${availableParallelism()} cores)`);
  console.log(`  floor: avsc + snappy, no CRC, 1 thread  ${f.toFixed(0)} ms`);
  console.log(`  tracklint decode + aggregate            ${a.toFixed(0)} ms  (CPU time of all threads: ${c.toFixed(0)} ms)`);
  console.log(`  tracklint on one thread                 ${o.toFixed(0)} ms`);
  console.log(ratioLine('  ours / floor', a / f, 1.5));
  console.log(`  on one thread: / floor ${(o / f).toFixed(2)}x  (for reference: what a one-core machine gets)`);
}
