// Runs every test/**/*.test.ts file with uvu in one process and ends with the line CI reads:
// "N passed, N failed" (", N skipped" when some were skipped), from uvu's own counts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';

const root = path.resolve(import.meta.dirname, '..');
const filter = process.argv.slice(2);
let files = (await fg('test/**/*.test.ts', { cwd: root, absolute: true })).sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));

(globalThis as { UVU_DEFER?: number }).UVU_DEFER = 1;
const uvu = await import('uvu');
const queue = (globalThis as unknown as { UVU_QUEUE: unknown[][] }).UVU_QUEUE;
for (const [i, file] of files.entries()) {
  (globalThis as { UVU_INDEX?: number }).UVU_INDEX = i;
  queue.push([path.relative(root, file)]);
  await import(pathToFileURL(file).href);
}

// uvu prints its totals through process.stdout.write; read them as they go by.
let transcript = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  transcript += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (transcript.length > 4096) transcript = transcript.slice(-4096);
  return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

await uvu.exec();
process.stdout.write = write;

const plain = transcript.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
if (Number.isNaN(total) || Number.isNaN(passed)) {
  console.log('0 passed, 1 failed (could not read the test totals)');
  process.exitCode = 1;
} else {
  const failed = total - passed;
  if (failed > 0 || files.length === 0) process.exitCode = 1;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
