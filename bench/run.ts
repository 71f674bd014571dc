// npm run bench [-- name...]: runs the benchmarks (not part of npm test). Every figure is a
// ratio of two timings taken in the same run, because this machine is shared and noisy.
import path from 'node:path';
import { benchAggregate } from './aggregate.ts';
import { benchHeap } from './heap.ts';
import { benchHeapConnect } from './heap-connect.ts';
import { benchPlanLoad } from './plan-load.ts';
import { benchStartup } from './startup.ts';

const root = path.resolve(import.meta.dirname, '..');
const benches: Record<string, (root: string) => Promise<void>> = {
  'plan-load': benchPlanLoad,
  aggregate: benchAggregate,
  startup: benchStartup,
  heap: benchHeap,
  'heap-connect': benchHeapConnect,
};
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run(root);
  console.log();
}
