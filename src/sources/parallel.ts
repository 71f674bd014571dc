// Large inputs are read in parts, on this thread and on worker threads, and the parts'
// aggregates merged in the parts' order. The parts are decided by the input alone (never by the
// number of cores), so a run gives the same report on every machine; the cores only decide how
// many parts are read at once. A worker runs the file this module is in, so there is no separate worker file to ship and
// find: a source file under tsx; in the CLI bundle, a chunk (sources load lazily, so this module
// is never in the entry file, which would run the command again: test/cli/large-input.test.ts
// would fail); in the one-file Action bundle, the bundle, whose entry imports this module when it
// finds itself in a worker thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SourceError, UsageError } from '../errors.ts';
import { Observations } from '../observed/aggregate.ts';
import { fromSnapshot, toSnapshot, type SnapshotJson } from '../observed/snapshot.ts';
import { abortError } from './json-stream.ts';

/** Job kinds and the module that does each. Loaded on demand, in the worker. */
const HANDLERS = {
  'file-part': async () => (await import('./file-parts.ts')).aggregateFilePart,
  'heap-connect-table': async () => (await import('./heap-connect/source.ts')).aggregateTable,
} satisfies Record<string, () => Promise<(payload: never) => Promise<string>>>;

export type JobKind = keyof typeof HANDLERS;
export interface Job<P = unknown> {
  kind: JobKind;
  payload: P;
}

const MARK = 'tracklint-worker';

interface Answer {
  result?: string;
  error?: { name: string; message: string; stack?: string };
}

async function handle(job: Job): Promise<string> {
  const fn = (await HANDLERS[job.kind]()) as (payload: unknown) => Promise<string>;
  return fn(job.payload);
}

if (!isMainThread && (workerData as { mark?: string } | null)?.mark === MARK) {
  parentPort!.on('message', (job: Job) => {
    handle(job).then(
      (result) => parentPort!.postMessage({ result } satisfies Answer),
      (e: Error) => parentPort!.postMessage({ error: { name: e?.name ?? 'Error', message: e?.message ?? String(e), stack: e?.stack } } satisfies Answer),
    );
  });
}

export interface JobRunner<R> {
  /** The jobs, as sent to a worker thread. */
  jobs: readonly Job[];
  /** Run job `index` on this thread instead (this thread takes jobs too, and job 0 first). */
  runHere: (index: number, signal: AbortSignal) => Promise<R>;
  /** A worker's answer to job `index`. */
  fromWorker: (text: string, index: number) => R;
  /** Each result, in the jobs' order, as soon as it and all before it are done. */
  onResult: (result: R, index: number) => void;
}

/**
 * Runs every job, on this thread and on up to `threads - 1` worker threads, and hands the results
 * over in the jobs' order, so that merges do not depend on which thread finished first.
 */
export async function runJobs<R>(run: JobRunner<R>, opts: { signal?: AbortSignal; threads?: number } = {}): Promise<void> {
  const { jobs } = run;
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const helpers = Math.max(0, Math.min(jobs.length - 1, (opts.threads ?? availableParallelism()) - 1));
  const results = new Map<number, R>();
  let delivered = 0;
  let next = 0;
  const workers: Worker[] = [];
  // Results wait for the ones before them; a worker does not start a job while this many are
  // waiting, so memory stays bounded when one part is slow.
  const window = helpers + 1;
  const idle: Worker[] = [];
  // Stops this thread's job when the user interrupts or another job fails.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop.abort();
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        stop.abort();
        reject(e);
      };
      const done = (index: number, r: R) => {
        results.set(index, r);
        try {
          while (results.has(delivered)) {
            const r = results.get(delivered)!;
            results.delete(delivered);
            run.onResult(r, delivered++);
          }
        } catch (e) {
          fail(e);
        }
        if (delivered === jobs.length) resolve();
        else for (const w of idle.splice(0)) feed(w);
      };
      stop.signal.addEventListener('abort', () => fail(abortError()), { once: true });
      if (stop.signal.aborted) return fail(abortError());
      const feed = (w: Worker) => {
        if (failed || next >= jobs.length) return;
        if (next - delivered >= window) return void idle.push(w);
        const index = next++;
        w.once('message', (a: Answer) => {
          if (a.error) return fail(revive(a.error));
          let r: R;
          try {
            r = run.fromWorker(a.result!, index);
          } catch (e) {
            return fail(e);
          }
          done(index, r);
          feed(w);
        });
        w.postMessage(jobs[index]);
      };
      const here = async () => {
        while (!failed && next < jobs.length) {
          const index = next++;
          done(index, await run.runHere(index, stop.signal));
        }
      };
      // This thread starts on job 0 at once; the workers take the next ones as they come up.
      here().catch(fail);
      for (let i = 0; i < helpers; i++) {
        const w = startWorker();
        workers.push(w);
        w.on('error', fail);
        w.on('exit', (code) => {
          if (delivered < jobs.length) fail(new Error(`a worker thread stopped (exit code ${code})`));
        });
        feed(w);
      }
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const w of workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
}

/** What a part's reader returns beside the aggregate itself (line counts, say). */
export interface PartReader<E> {
  jobs: readonly Job[];
  /** Read part `index` into `obs` on this thread. */
  readHere: (index: number, obs: Observations, signal: AbortSignal) => Promise<E>;
  /** Before a part is merged: `obs` is undefined for part 0, which was read straight into the aggregate. */
  beforeMerge?: (extra: E, obs: Observations | undefined, index: number) => void;
}

/**
 * Read parts into one aggregate: part 0 straight into it on this thread, the others each into an
 * aggregate of its own (on this thread or a worker), merged in the parts' order.
 */
export async function aggregateInParts<E>(into: Observations, reader: PartReader<E>, opts: { signal?: AbortSignal; threads?: number }): Promise<void> {
  const settings = into.settings();
  await runJobs<{ extra: E; obs?: Observations }>(
    {
      jobs: reader.jobs.map((j) => ({ ...j, payload: { job: j.payload, settings } satisfies PartJob<unknown> })),
      runHere: async (index, signal) => {
        const obs = index === 0 ? into : new Observations(settings);
        const extra = await reader.readHere(index, obs, signal);
        return index === 0 ? { extra } : { extra, obs };
      },
      fromWorker: (text) => {
        const answer = JSON.parse(text) as PartAnswer<E>;
        return { extra: answer.extra, obs: fromSnapshot(answer.snapshot) };
      },
      onResult: ({ extra, obs }, index) => {
        reader.beforeMerge?.(extra, obs, index);
        if (obs) into.merge(obs);
      },
    },
    opts,
  );
}

/** A part as a worker gets it: the job and the settings of the aggregate it goes to. */
export interface PartJob<P> {
  job: P;
  settings: ReturnType<Observations['settings']>;
}

interface PartAnswer<E> {
  extra: E;
  snapshot: SnapshotJson;
}

/** In a worker: read a part into an aggregate of its own, and answer with it as a snapshot. */
export async function answerPart<P, E>(part: PartJob<P>, read: (job: P, obs: Observations) => Promise<E>): Promise<string> {
  const obs = new Observations(part.settings);
  const extra = await read(part.job, obs);
  return JSON.stringify({ extra, snapshot: toSnapshot(obs) } satisfies PartAnswer<E>);
}

function startWorker(): Worker {
  const self = new URL(import.meta.url);
  const data = { mark: MARK };
  if (!self.pathname.endsWith('.ts')) return new Worker(self, { workerData: data });
  // From the sources (tests, benchmarks, `npm run demo`): the worker registers tsx first.
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); })`, { eval: true, workerData: data });
}

/** An error thrown in a worker, as the class the CLI knows how to report. */
function revive(e: { name: string; message: string; stack?: string }): Error {
  let err: Error;
  if (e.name === 'UsageError') err = new UsageError(e.message);
  else if (e.name === 'SourceError') err = new SourceError(e.message);
  else if (e.name === 'AbortError') err = abortError();
  else {
    err = new Error(e.message);
    err.name = e.name;
  }
  if (e.stack) err.stack = e.stack;
  return err;
}
