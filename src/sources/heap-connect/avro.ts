// Avro object container files, record by record (avsc), with Avro's snappy codec checked as the
// specification says: each block is the compressed data followed by the big-endian CRC-32 of
// the uncompressed data.
import type { Readable } from 'node:stream';
import { crc32 as zlibCrc32, inflateRaw } from 'node:zlib';
import avro from 'avsc';
import SnappyJS from 'snappyjs';

/** CRC-32 (IEEE), as Avro's snappy codec uses it: zlib's, native (Node.js 20.15 and later). */
export function crc32(buf: Uint8Array): number {
  return zlibCrc32(buf) >>> 0;
}

type Callback = (err: Error | null, data?: Buffer) => void;

export const CODECS = {
  null: (buf: Buffer, cb: Callback) => cb(null, buf),
  deflate: (buf: Buffer, cb: Callback) => inflateRaw(buf, cb),
  snappy: (buf: Buffer, cb: Callback) => {
    if (buf.length < 4) return cb(new Error('snappy block shorter than its checksum'));
    let out: Buffer;
    try {
      out = Buffer.from(SnappyJS.uncompress(buf.subarray(0, buf.length - 4)));
    } catch (e) {
      return cb(new Error(`snappy block does not decompress (${(e as Error).message})`));
    }
    if (crc32(out) !== buf.readUInt32BE(buf.length - 4)) return cb(new Error('snappy block fails its CRC-32 check'));
    cb(null, out);
  },
};

export function snappyCompress(buf: Buffer): Buffer {
  const c = Buffer.from(SnappyJS.compress(buf));
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(buf));
  return Buffer.concat([c, crc]);
}

export type TimeEncoding = 'iso' | 'millis' | 'micros' | 'magnitude';

interface FieldSchema {
  name: string;
  type: unknown;
}

/** How a file writes its `time` column, from the Avro schema and logical type. */
export function timeEncoding(schema: { fields?: FieldSchema[] }): TimeEncoding {
  const field = schema.fields?.find((f) => f.name === 'time');
  const branches = field === undefined ? [] : Array.isArray(field.type) ? field.type : [field.type];
  for (const b of branches) {
    if (b === 'null') continue;
    if (b === 'string') return 'iso';
    if (typeof b === 'object' && b !== null) {
      const t = b as { type?: string; logicalType?: string };
      if (t.logicalType === 'timestamp-millis' || t.logicalType === 'local-timestamp-millis') return 'millis';
      if (t.logicalType === 'timestamp-micros' || t.logicalType === 'local-timestamp-micros') return 'micros';
      if (t.type === 'string') return 'iso';
    }
  }
  // A long or double without a logical type: only its magnitude can tell.
  return 'magnitude';
}

/** Decode a container stream; onRecord gets each record, onSchema the writer's schema first. */
export function decodeContainer(input: Readable, onSchema: (schema: { fields?: FieldSchema[] }) => void, onRecord: (r: Record<string, unknown>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new avro.streams.BlockDecoder({ codecs: CODECS as never });
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      input.destroy();
      decoder.destroy();
      reject(e);
    };
    let header = false;
    decoder.on('metadata', (type: { schema: (o?: object) => unknown }) => {
      header = true;
      onSchema(type.schema({ exportAttrs: true }) as { fields?: FieldSchema[] });
    });
    decoder.on('data', (r: Record<string, unknown>) => {
      try {
        onRecord(r);
      } catch (e) {
        fail(e as Error);
      }
    });
    decoder.on('error', fail);
    input.on('error', fail);
    decoder.on('end', () => {
      if (failed) return;
      // avsc ends quietly on a file cut short: bytes left in its buffer are a block that never
      // completed. (Its internal tap is the only place that says so.)
      const tap = (decoder as unknown as { _tap?: { buf: Buffer; pos: number } })._tap;
      const left = tap ? tap.buf.length - tap.pos : 0;
      if (!header) reject(new Error('not an Avro container file (no complete header)'));
      else if (left > 0) reject(new Error(`truncated: ${left} bytes after the last whole block`));
      else resolve();
    });
    input.pipe(decoder);
  });
}
