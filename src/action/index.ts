import { isMainThread } from 'node:worker_threads';
import { runAction } from './main.ts';

// The bundle is also the code of tracklint's worker threads (src/sources/parallel.ts), which it
// only evaluates when something imports it.
if (isMainThread) process.exitCode = await runAction();
else await import('../sources/parallel.ts');
