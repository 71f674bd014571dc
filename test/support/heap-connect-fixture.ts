// Writes a Heap Connect export laid out as its S3 bucket: three dumps, an incremental and a full
// re-sync, rows repeated across dumps, every time encoding, the snappy and null codecs, a file the
// manifest lists but that is missing, and a file with a corrupt block. No binary blobs from
// elsewhere: everything is written here, with avsc.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import avro from 'avsc';
import { snappyCompress } from '../../src/sources/heap-connect/avro.ts';

const BUCKET = 's3://heap-rs3-acme/prefix';
const T = (iso: string) => Date.parse(iso);

type Row = Record<string, unknown>;
type TimeType = 'millis' | 'micros' | 'iso' | 'seconds';

function schema(table: string, time: TimeType, columns: string[]) {
  const timeType =
    time === 'iso' ? 'string' : time === 'millis' ? { type: 'long', logicalType: 'timestamp-millis' } : time === 'micros' ? { type: 'long', logicalType: 'timestamp-micros' } : 'long';
  const idField = table === 'users' ? 'user_id' : 'event_id';
  return {
    type: 'record',
    name: table,
    fields: [
      { name: idField, type: 'string' },
      { name: 'time', type: ['null', timeType] },
      ...columns.map((c) => ({ name: c, type: ['null', 'string'] })),
    ],
  };
}

function encodeTime(iso: string, time: TimeType): unknown {
  const ms = T(iso);
  return time === 'iso' ? iso : time === 'millis' ? ms : time === 'micros' ? ms * 1000 : Math.floor(ms / 1000);
}

async function writeAvro(file: string, table: string, time: TimeType, codec: 'snappy' | 'null', columns: string[], rows: Row[]): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const type = avro.Type.forSchema(schema(table, time, columns) as never);
  const enc = new avro.streams.BlockEncoder(type, { codec, codecs: { snappy: (buf: Buffer, cb: (e: Error | null, b?: Buffer) => void) => cb(null, snappyCompress(buf)), null: (buf: Buffer, cb: (e: Error | null, b?: Buffer) => void) => cb(null, buf) } as never, blockSize: 256 });
  const chunks: Buffer[] = [];
  enc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => enc.on('end', r));
  for (const r of rows) {
    const out: Row = { time: null };
    for (const c of columns) out[c] = null;
    for (const [k, v] of Object.entries(r)) out[k] = k === 'time' ? encodeTime(String(v), time) : v;
    enc.write(out);
  }
  enc.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

const EVENT_COLUMNS = ['library', 'platform', 'path', 'revenue', 'currency'];

export interface ConnectFixture {
  root: string;
  /** What a correct reader must find. */
  expected: { order_completed: number; product_viewed: number; signed_up: number; users: number };
}

export async function writeConnectFixture(root: string): Promise<ConnectFixture> {
  const f = (dump: number, table: string, part: number) => `sync_${dump}/${table}/part-${String(part).padStart(5, '0')}-${dump}${table.length}-c000.avro`;
  const oc = (id: number, day: number, extra: Row = {}): Row => ({ event_id: `oc${id}`, time: `2026-11-${String(19 + day).padStart(2, '0')}T10:00:00.000Z`, library: 'web', revenue: String(10 * id), currency: 'USD', ...extra });
  const manifest = (dump: number, tables: { name: string; files: string[]; incremental: boolean }[]) => {
    mkdirSync(path.join(root, 'manifests'), { recursive: true });
    writeFileSync(path.join(root, 'manifests', `sync_${dump}.json`), JSON.stringify({ dump_id: dump, tables: tables.map((t) => ({ ...t, files: t.files.map((x) => `${BUCKET}/${x}`) })), property_definitions: {} }));
  };

  // Dump 1, full: order_completed (snappy, timestamp-millis), users (null codec), pageviews.
  await writeAvro(path.join(root, f(1, 'order_completed', 0)), 'order_completed', 'millis', 'snappy', EVENT_COLUMNS, [oc(1, 0), oc(2, 1), oc(3, 1)]);
  await writeAvro(path.join(root, f(1, 'users', 0)), 'users', 'millis', 'null', ['email', 'plan'], [
    { user_id: 'u1', time: '2026-11-19T09:00:00.000Z', email: 'a@b.co', plan: 'pro' },
    { user_id: 'u2', time: '2026-11-20T09:00:00.000Z', email: 'c@d.co', plan: null },
  ]);
  await writeAvro(path.join(root, f(1, 'pageviews', 0)), 'pageviews', 'millis', 'null', ['path'], [{ event_id: 'pv1', time: '2026-11-19T09:00:00.000Z', path: '/' }]);
  manifest(1, [
    { name: 'order_completed', files: [f(1, 'order_completed', 0)], incremental: false },
    { name: 'users', files: [f(1, 'users', 0)], incremental: false },
    { name: 'pageviews', files: [f(1, 'pageviews', 0)], incremental: false },
  ]);

  // Dump 2, incremental: order_completed (null codec, ISO strings) repeats oc3; product_viewed
  // (snappy, ISO) lists a file that is not there.
  await writeAvro(path.join(root, f(2, 'order_completed', 0)), 'order_completed', 'iso', 'null', EVENT_COLUMNS, [oc(3, 1), oc(4, 2)]);
  await writeAvro(path.join(root, f(2, 'product_viewed', 0)), 'product_viewed', 'iso', 'snappy', EVENT_COLUMNS, [
    { event_id: 'pv-a', time: '2026-11-21T08:00:00.000Z', library: 'ios', path: '/p/1' },
    { event_id: 'pv-b', time: '2026-11-21T09:00:00.000Z', library: 'web', path: '/p/2' },
  ]);
  manifest(2, [
    { name: 'order_completed', files: [f(2, 'order_completed', 0)], incremental: true },
    { name: 'product_viewed', files: [f(2, 'product_viewed', 0), f(2, 'product_viewed', 1)], incremental: true },
  ]);

  // Dump 3: order_completed fully re-synced (snappy, timestamp-micros), superseding dumps 1 and 2;
  // product_viewed (null codec, a long without logical type: milliseconds) repeats pv-b;
  // signed_up (snappy, seconds) has a good file and one whose block fails its CRC.
  await writeAvro(path.join(root, f(3, 'order_completed', 0)), 'order_completed', 'micros', 'snappy', EVENT_COLUMNS, [oc(1, 0), oc(2, 1), oc(3, 1), oc(4, 2), oc(5, 3, { revenue: 'N/A' })]);
  await writeAvro(path.join(root, f(3, 'product_viewed', 0)), 'product_viewed', 'seconds', 'null', EVENT_COLUMNS, [
    { event_id: 'pv-b', time: '2026-11-21T09:00:00.000Z', library: 'web', path: '/p/2' },
    { event_id: 'pv-c', time: '2026-11-22T09:00:00.000Z', library: 'android', path: '/p/3' },
  ]);
  await writeAvro(path.join(root, f(3, 'signed_up', 0)), 'signed_up', 'seconds', 'snappy', ['library'], [
    { event_id: 's1', time: '2026-11-23T09:00:00.000Z', library: 'web' },
    { event_id: 's2', time: '2026-11-23T10:00:00.000Z', library: 'web' },
  ]);
  await writeAvro(path.join(root, f(3, 'signed_up', 1)), 'signed_up', 'seconds', 'snappy', ['library'], [{ event_id: 's3', time: '2026-11-23T11:00:00.000Z', library: 'web' }]);
  const corrupt = path.join(root, f(3, 'signed_up', 1));
  const bytes = readFileSync(corrupt);
  bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff; // inside the last block: its checksum no longer matches
  writeFileSync(corrupt, bytes);
  manifest(3, [
    { name: 'order_completed', files: [f(3, 'order_completed', 0)], incremental: false },
    { name: 'product_viewed', files: [f(3, 'product_viewed', 0)], incremental: true },
    { name: 'signed_up', files: [f(3, 'signed_up', 0), f(3, 'signed_up', 1)], incremental: true },
  ]);
  return { root, expected: { order_completed: 5, product_viewed: 3, signed_up: 2, users: 2 } };
}
