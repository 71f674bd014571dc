#!/usr/bin/env node
import { main } from './main.ts';
import { processIO } from './io.ts';

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  // A second Ctrl-C, or a command that does not stop promptly, ends the process.
  process.once('SIGINT', () => process.exit(130));
  setTimeout(() => {
    process.stderr.write('tracklint: interrupted\n');
    process.exit(130);
  }, 2000).unref();
});

const code = await main(process.argv.slice(2), processIO(controller.signal));
if (controller.signal.aborted && code !== 130) process.stderr.write('tracklint: interrupted\n');
process.exitCode = controller.signal.aborted ? 130 : code;
