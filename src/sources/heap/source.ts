// `--source heap`: the events, users and accounts Heap observed over the window, read in chunks
// (one day by default, several at once), page by page into the aggregate. What could not be read
// becomes a gap that makes the data incomplete, never a silent hole.
import { SourceError } from '../../errors.ts';
import type { Observations } from '../../observed/aggregate.ts';
import { normalizeRecord } from '../../observed/record.ts';
import type { SourceInfo, Window } from '../../observed/types.ts';
import { iso } from '../../util/time.ts';
import type { ReadContext, Source } from '../types.ts';
import { HeapClient, TooLarge, type HeapClientOptions, type Resource } from './client.ts';
import { HttpError } from './http.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface HeapSourceOptions extends HeapClientOptions {
  /** Chunk length (default one day); a chunk Heap finds too large is halved down to an hour. */
  chunkMs?: number;
  /** Chunks read at once (default 4). */
  concurrency?: number;
  resources?: Resource[];
}

export interface HeapProgress {
  chunksDone: number;
  chunksTotal: number;
  records: number;
  pages: number;
}

export class HeapSource implements Source {
  readonly info: SourceInfo;
  readonly client: HeapClient;

  constructor(private readonly options: HeapSourceOptions) {
    this.client = new HeapClient(options);
    // The read contract returns records in the observed-record shape, with their JSON types.
    this.info = { kind: 'heap', location: this.client.http.options.baseUrl, typed: true };
  }

  async read(into: Observations, ctx: ReadContext): Promise<Window | undefined> {
    into.addSource(this.info);
    const { since, until } = into.window;
    if (since === undefined || until === undefined) throw new SourceError('the heap source needs a window: give --since (and --until, or let --lag set it)');
    const chunkMs = this.options.chunkMs ?? DAY;
    const chunks: [number, number][] = [];
    for (let t = since; t < until; t += chunkMs) chunks.push([t, Math.min(t + chunkMs, until)]);
    const progress: HeapProgress = { chunksDone: 0, chunksTotal: chunks.length, records: 0, pages: 0 };
    const resources = this.options.resources ?? ['events', 'users', 'accounts'];
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const [a, b] = chunks[next++]!;
        for (const resource of resources) await this.readRange(resource, a, b, into, ctx, progress);
        progress.chunksDone++;
        ctx.progress?.(progress);
      }
    };
    const started = this.client.http.options.now();
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, chunks.length) }, worker));
    const c = this.client.http.counters;
    ctx.log?.(
      `heap: ${chunks.length} chunks, ${progress.pages} pages, ${progress.records.toLocaleString('en-US')} records in ${((this.client.http.options.now() - started) / 1000).toFixed(1)} s; ${c.requests} requests, ${c.retries} retries, ${c.rateLimited} rate-limited`,
    );
    return undefined;
  }

  /** Read one resource over [a, b): halve on "too large", record a gap on failure. */
  private async readRange(resource: Resource, a: number, b: number, into: Observations, ctx: ReadContext, progress: HeapProgress): Promise<void> {
    try {
      await this.readPages(resource, a, b, into, ctx, progress);
    } catch (e) {
      if (e instanceof TooLarge && b - a > HOUR) {
        const mid = a + Math.max(HOUR, Math.floor((b - a) / 2 / HOUR) * HOUR);
        ctx.log?.(`heap: ${resource} ${iso(a)} .. ${iso(b)} is too large for Heap; splitting it at ${iso(mid)}`);
        await this.readRange(resource, a, mid, into, ctx, progress);
        await this.readRange(resource, mid, b, into, ctx, progress);
        return;
      }
      if (e instanceof TooLarge || e instanceof HttpError || (e instanceof Error && e.name === 'CursorLoop')) {
        into.markIncomplete(`heap: ${resource} for ${iso(a)} .. ${iso(b)} could not be read: ${this.client.redact(e.message)}`, { since: a, until: b });
        return;
      }
      throw e;
    }
  }

  private async readPages(resource: Resource, a: number, b: number, into: Observations, ctx: ReadContext, progress: HeapProgress): Promise<void> {
    const seen = new Set<string>();
    const kind = resource === 'events' ? 'event' : resource === 'users' ? 'user' : 'account';
    let cursor: string | undefined;
    for (let n = 1; ; n++) {
      const page = await this.client.page(resource, a, b, cursor, ctx.signal);
      progress.pages++;
      for (const raw of page.data) {
        const withKind = resource !== 'events' && typeof raw === 'object' && raw !== null && !('kind' in raw) ? { ...raw, kind } : raw;
        const r = normalizeRecord(withKind);
        if ('malformed' in r) into.malformed({ file: `heap:${resource}`, line: n, reason: r.malformed });
        else {
          into.add(r);
          progress.records++;
        }
      }
      if (page.partial) into.markIncomplete(`heap: Heap marked a page of ${resource} for ${iso(a)} .. ${iso(b)} as partial`, { since: a, until: b });
      if (page.nextCursor === null) return;
      if (seen.has(page.nextCursor)) {
        const err = new Error(`Heap returned the cursor ${JSON.stringify(page.nextCursor.slice(0, 40))} twice (a pagination loop)`);
        err.name = 'CursorLoop';
        throw err;
      }
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
  }
}
