// Aggregation of 1,000,000 NDJSON records: against the floor (read the lines and JSON.parse
// each, nothing else), against per-event JSON Schema validation as ingestion-time validators do
// it, and peak memory for 1M against 5M records.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Observations } from '../src/observed/aggregate.ts';
import { PART_BYTES, readFilesInParts, SLICES } from '../src/sources/file-parts.ts';
import { forEachLine } from '../src/sources/json-stream.ts';
import { benchModel, benchRecordSchemas, writeBenchStream } from './generate.ts';
import { ratioLine, timeAsync } from './support.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export async function benchAggregate(root: string): Promise<void> {
  const dir = path.join(root, '.bench/stream');
  console.log('generating streams (cached in .bench/stream)...');
  const f1 = await writeBenchStream(path.join(dir, 'records-1m.ndjson'), 1_000_000);
  const f5 = await writeBenchStream(path.join(dir, 'records-5m.ndjson'), 5_000_000);
  const model = benchModel();

  const floor = () => forEachLine(f1, (text) => void JSON.parse(text));
  // As `check --source file:...` reads it: in parts, on as many threads as there are cores; and
  // on one thread, as on a machine with one core (the same parts, the same aggregate).
  const aggregateOn = (threads?: number) => async () => {
    const obs = new Observations({ pinnedEvents: model.map((e) => e.name) });
    await readFilesInParts([{ file: f1, name: f1 }], obs, { threads });
  };
  const aggregate = aggregateOn(undefined);
  const oneThread = aggregateOn(1);
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  const validators = new Map<string, ValidateFunction>();
  for (const [name, schema] of benchRecordSchemas(model)) validators.set(name, ajv.compile(schema));
  let invalid = 0;
  const validate = () =>
    forEachLine(f1, (text) => {
      const rec = JSON.parse(text) as { event?: string };
      const v = rec.event === undefined ? undefined : validators.get(rec.event);
      if (v && !v(rec)) invalid++;
    });

  const runs = { floor: [] as number[], aggregate: [] as number[], cpu: [] as number[], oneThread: [] as number[], validate: [] as number[] };
  for (let i = 0; i < 5; i++) {
    runs.floor.push(await timeAsync(floor));
    const cpu = process.cpuUsage();
    runs.aggregate.push(await timeAsync(aggregate));
    const used = process.cpuUsage(cpu);
    runs.cpu.push((used.user + used.system) / 1000);
    runs.oneThread.push(await timeAsync(oneThread));
    runs.validate.push(await timeAsync(validate));
  }
  // The fastest of five interleaved runs: the work is deterministic, and on a shared machine the
  // slower runs measure the neighbours, not the code.
  const [fl, ag, cpu, one, va] = [runs.floor, runs.aggregate, runs.cpu, runs.oneThread, runs.validate].map((r) => Math.min(...r)) as [number, number, number, number, number];
  const parts = statSync(f1).size > PART_BYTES ? SLICES : 1;
  console.log(`aggregation of 1,000,000 NDJSON records (fastest of 5 interleaved runs; ${parts} parts, ${availableParallelism()} cores)`);
  console.log(`  floor: read lines + JSON.parse, 1 thread ${fl.toFixed(0)} ms`);
  console.log(`  tracklint aggregate                      ${ag.toFixed(0)} ms  (CPU time of all threads: ${cpu.toFixed(0)} ms)`);
  console.log(`  tracklint aggregate on one thread        ${one.toFixed(0)} ms`);
  console.log(`  ajv: one schema per event, every record  ${va.toFixed(0)} ms  (${(invalid / 5).toFixed(0)} invalid records per run)`);
  console.log(ratioLine('  aggregate / floor', ag / fl, 1.5));
  console.log(ratioLine('  aggregate / ajv', ag / va, 1.0));
  console.log(`  on one thread: / floor ${(one / fl).toFixed(2)}x, / ajv ${(one / va).toFixed(2)}x  (for reference: what a one-core machine gets)`);

  const rss = (file: string) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/aggregate-child.ts'), file], { cwd: root, encoding: 'utf8' })) as { records: number; maxRssKiB: number };
  const r1 = rss(f1);
  const r5 = rss(f5);
  console.log(`peak RSS, aggregating in a process of its own`);
  console.log(`  1M records  ${(r1.maxRssKiB / 1024).toFixed(0)} MiB`);
  console.log(`  5M records  ${(r5.maxRssKiB / 1024).toFixed(0)} MiB`);
  console.log(ratioLine('  5M / 1M', r5.maxRssKiB / r1.maxRssKiB, 1.2));
}
