// An NDJSON file larger than one part of the file source (src/sources/file-parts.ts), so that it
// is read by worker threads: known counts, and one malformed line near the end, in the last part.
import { closeSync, openSync, writeSync } from 'node:fs';
import { PART_BYTES } from '../../src/sources/file-parts.ts';

export interface LargeFile {
  records: number;
  malformedLine: number;
}

export function writeLargeNdjson(file: string): LargeFile {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    lines.push(JSON.stringify({ event: 'Order Completed', time: `2026-11-20T10:${String(i % 60).padStart(2, '0')}:00Z`, platform: i % 3 ? 'web' : 'ios', properties: { order_id: `A${i}`, revenue: (i % 50) + 0.5, currency: 'EUR' } }));
  }
  const block = lines.join('\n') + '\n';
  const repeats = Math.ceil((PART_BYTES * 1.1) / Buffer.byteLength(block));
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < repeats; i++) writeSync(fd, block);
    writeSync(fd, 'not a record\n' + lines[0] + '\n');
  } finally {
    closeSync(fd);
  }
  return { records: repeats * 1000 + 1, malformedLine: repeats * 1000 + 1 };
}
