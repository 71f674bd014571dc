// `--source heap-connect:./local-copy`: Heap Connect's S3 export, read from a folder laid out as
// the bucket. Manifests say which dumps are complete and which tables each holds; a table that
// was fully re-synced supersedes its earlier dumps; rows repeated across dumps are counted once.
// String-typed: Heap Connect writes custom properties as text (a column's Avro type still gives
// numbers and booleans their kinds).
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SourceError } from '../../errors.ts';
import type { Observations } from '../../observed/aggregate.ts';
import type { SourceInfo, Window } from '../../observed/types.ts';
import { abortError } from '../json-stream.ts';
import { aggregateInParts, answerPart, type PartJob } from '../parallel.ts';
import type { ReadContext, Source } from '../types.ts';
import { decodeContainer, timeEncoding, type TimeEncoding } from './avro.ts';
import type { S3Options } from './s3.ts';

/** Tables that are not custom events. `users` feeds user properties. */
export const NOT_EVENTS = new Set(['pageviews', 'sessions', 'users', 'user_migrations', '_event_metadata']);

/** Columns that identify a row rather than describe it: never properties. */
const ROW_COLUMNS = new Set(['event_id', 'user_id', 'session_id', 'time', 'joindate', 'last_modified', 'identity', 'handle']);

/**
 * How Heap names an event's table: lower case, every other character "_". Heap may prefix the
 * category; a plan names such a table with `heap: { table: ... }`.
 */
export function tableSlug(eventName: string): string {
  return eventName.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

export interface ManifestTable {
  name: string;
  columns?: string[];
  files: string[];
  incremental: boolean;
}

export interface Manifest {
  dumpId: number;
  key: string;
  /** When the manifest appeared, as the store says (the dump was complete by then). */
  completedAt?: number;
  tables: ManifestTable[];
}

/** Where the export lives: a local folder now; the same interface serves S3. */
export interface Store {
  describe: string;
  list(prefix: string): Promise<{ key: string; modified?: number }[]>;
  read(key: string): Promise<Readable>;
  text(key: string): Promise<string>;
}

export class LocalStore implements Store {
  constructor(readonly root: string) {}
  get describe() {
    return this.root;
  }
  async list(prefix: string) {
    const dir = path.join(this.root, prefix);
    const names = await readdir(dir).catch(() => [] as string[]);
    return Promise.all(names.map(async (n) => ({ key: `${prefix}${n}`, modified: (await stat(path.join(dir, n))).mtimeMs })));
  }
  async read(key: string) {
    const file = path.join(this.root, key);
    await stat(file); // missing files fail here, before the stream
    return createReadStream(file);
  }
  text(key: string) {
    return readFile(path.join(this.root, key), 'utf8');
  }
}

export interface HeapConnectOptions {
  /** Table -> planned event name, for tables the plan names or whose slug matches a planned event. */
  tableEvents?: ReadonlyMap<string, string>;
  s3?: S3Options;
}

export function parseManifest(text: string, key: string): Manifest | string {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const m = j as { dump_id?: unknown; tables?: unknown };
  if (typeof m.dump_id !== 'number' || !Array.isArray(m.tables)) return 'no dump_id number or tables list';
  const tables: ManifestTable[] = [];
  for (const t of m.tables as Record<string, unknown>[]) {
    if (typeof t?.name !== 'string' || !Array.isArray(t.files) || t.files.some((f) => typeof f !== 'string')) return 'a table without a name or a files list';
    tables.push({ name: t.name, files: t.files as string[], incremental: t.incremental !== false, ...(Array.isArray(t.columns) ? { columns: t.columns as string[] } : {}) });
  }
  return { dumpId: m.dump_id, key, tables };
}

/** s3://bucket/prefix/sync_12/table/part-0.avro -> sync_12/table/part-0.avro (relative to the export root). */
export function fileKey(file: string, dumpId: number): string {
  const marker = `sync_${dumpId}/`;
  const i = file.indexOf(marker);
  return i === -1 ? file.replace(/^s3:\/\/[^/]+\//, '') : file.slice(i);
}

/** One table to read: what it feeds, and its files per dump to read, oldest first. */
interface TableToRead {
  kind: 'event' | 'user';
  event: string;
  dumps: { manifest: Pick<Manifest, 'dumpId' | 'key'>; files: string[] }[];
}

/** Where a source reads from, as a worker thread can open it again. */
interface Origin {
  location: string;
  cwd: string;
  s3?: S3Options;
}

export class HeapConnectSource implements Source {
  readonly info: SourceInfo;
  /** Set when opened from a location: then tables can be read by worker threads. */
  private origin: Origin | undefined;

  constructor(
    private readonly store: Store,
    location: string,
    private readonly options: HeapConnectOptions = {},
  ) {
    this.info = { kind: 'heap-connect', location, typed: false };
  }

  /** A folder laid out as the bucket, or the bucket itself (s3://bucket/prefix). */
  static async open(location: string, cwd: string, options: HeapConnectOptions = {}): Promise<HeapConnectSource> {
    let source: HeapConnectSource;
    if (location.startsWith('s3://')) {
      const { s3Store } = await import('./s3.ts');
      source = new HeapConnectSource(await s3Store(location, options.s3 ?? {}), location, options);
    } else source = new HeapConnectSource(new LocalStore(path.resolve(cwd, location)), location, options);
    source.origin = { location, cwd, ...(options.s3 && { s3: options.s3 }) };
    return source;
  }

  async read(into: Observations, ctx: ReadContext): Promise<Window | undefined> {
    into.addSource(this.info);
    const manifests = await this.manifests(into);
    if (manifests.length === 0) throw new SourceError(`heap-connect: no manifests under ${this.store.describe}/manifests/ (expected manifests/sync_<dump_id>.json)`);
    const tables: TableToRead[] = [];
    for (const [table, dumps] of this.plan(manifests, into.window)) {
      const kind = table === 'users' ? 'user' : NOT_EVENTS.has(table) ? undefined : 'event';
      if (!kind) continue;
      const event = this.options.tableEvents?.get(table) ?? table;
      tables.push({ kind, event, dumps: dumps.map(({ manifest, entry }) => ({ manifest: { dumpId: manifest.dumpId, key: manifest.key }, files: entry.files })) });
    }
    // Tables are independent (each feeds its own event, or the users), so they are the parts:
    // merged in order, they give exactly what reading them one after the other gives. (Only when
    // a plan maps two tables to one event can the parts decide which values are kept past the
    // bound on distinct values, as for files read in parts; the counts stay exact.)
    const origin = this.origin;
    if (!origin || tables.length < 2 || ctx.threads === 1) {
      for (const t of tables) await this.readTable(t, into, ctx.signal);
      return undefined;
    }
    await aggregateInParts(
      into,
      {
        jobs: tables.map((table) => ({ kind: 'heap-connect-table', payload: { origin, table } satisfies TableJob })),
        readHere: (index, obs, signal) => this.readTable(tables[index]!, obs, signal),
      },
      ctx,
    );
    return undefined;
  }

  /** Read one table's dumps into the aggregate. */
  async readTable(t: TableToRead, into: Observations, signal?: AbortSignal): Promise<void> {
    // Rows repeat across dumps, not within one: ids are remembered only while a later dump
    // of the table is still to come, so one dump costs no memory for them.
    const seen = new Set<string>();
    for (const [i, { manifest, files }] of t.dumps.entries()) {
      const remember = i < t.dumps.length - 1;
      for (const file of files) {
        if (signal?.aborted) throw abortError();
        await this.readFile(fileKey(file, manifest.dumpId), manifest, t.kind, t.event, seen, remember, into);
      }
    }
  }

  private async manifests(into: Observations): Promise<Manifest[]> {
    const out: Manifest[] = [];
    for (const { key, modified } of await this.store.list('manifests/')) {
      if (!/sync_\d+\.json$/.test(key)) continue;
      const parsed = parseManifest(await this.store.text(key), key);
      if (typeof parsed === 'string') {
        into.markIncomplete(`heap-connect: manifest ${key} cannot be read: ${parsed}`);
        continue;
      }
      if (modified !== undefined) parsed.completedAt = modified;
      out.push(parsed);
    }
    return out.sort((a, b) => a.dumpId - b.dumpId);
  }

  /**
   * Per table, the dumps to read: from its last full re-sync (incremental: false) on, leaving out
   * incremental dumps that were complete before the window began (they cannot hold its rows).
   */
  plan(manifests: Manifest[], window: Window): Map<string, { manifest: Manifest; entry: ManifestTable }[]> {
    const byTable = new Map<string, { manifest: Manifest; entry: ManifestTable }[]>();
    for (const manifest of manifests) {
      for (const entry of manifest.tables) {
        const list = byTable.get(entry.name) ?? [];
        if (!entry.incremental) list.length = 0; // a full re-sync supersedes what came before
        list.push({ manifest, entry });
        byTable.set(entry.name, list);
      }
    }
    for (const [table, list] of byTable) {
      byTable.set(
        table,
        list.filter(({ manifest, entry }, i) => i === 0 || !entry.incremental || window.since === undefined || manifest.completedAt === undefined || manifest.completedAt >= window.since),
      );
    }
    return byTable;
  }

  private async readFile(key: string, manifest: Pick<Manifest, 'key'>, kind: 'event' | 'user', event: string, seen: Set<string>, remember: boolean, into: Observations): Promise<void> {
    let input: Readable;
    try {
      input = await this.store.read(key);
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      into.markIncomplete(`heap-connect: ${key}, listed in ${manifest.key}, is missing or unreadable`);
      return;
    }
    let encoding: TimeEncoding = 'magnitude';
    // The property columns come from the writer's schema, once per file; null columns were not
    // sent with the event and are not observed.
    let add: ReturnType<Observations['rows']> | undefined;
    try {
      await decodeContainer(
        input,
        (schema) => {
          encoding = timeEncoding(schema);
          add = into.rows(kind, kind === 'event' ? event : undefined, (schema.fields ?? []).map((f) => f.name).filter((n) => !ROW_COLUMNS.has(n)));
        },
        (row) => {
          const id = kind === 'event' ? row.event_id : row.user_id;
          if (id !== undefined && id !== null && (remember || seen.size > 0)) {
            const k = String(id);
            if (seen.has(k)) return; // the same row in an earlier dump
            if (remember) seen.add(k);
          }
          add!(rowTime(row.time, encoding), typeof row.library === 'string' ? row.library : undefined, row);
        },
      );
    } catch (e) {
      const err = e as Error & { cause?: Error };
      // avsc wraps codec errors; the cause says what was wrong (a failed CRC, say).
      into.markIncomplete(`heap-connect: ${key} could not be read to the end: ${err.message}${err.cause?.message ? ` (${err.cause.message})` : ''}`);
    }
  }
}

interface TableJob {
  origin: Origin;
  table: TableToRead;
}

/** Sources a worker thread has opened, by origin: one S3 client (and credential lookup) for all its tables. */
const opened = new Map<string, Promise<HeapConnectSource>>();

/** The work of one table, in a worker thread. */
export function aggregateTable(part: PartJob<TableJob>): Promise<string> {
  return answerPart(part, async ({ origin, table }, obs) => {
    const key = JSON.stringify(origin);
    let source = opened.get(key);
    if (!source) {
      source = HeapConnectSource.open(origin.location, origin.cwd, origin.s3 ? { s3: origin.s3 } : {});
      opened.set(key, source);
      source.catch(() => opened.delete(key));
    }
    await (await source).readTable(table, obs);
  });
}

/** A row's time as epoch milliseconds, by the file's encoding. */
export function rowTime(v: unknown, encoding: TimeEncoding): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'number') return undefined;
  if (encoding === 'millis') return v;
  if (encoding === 'micros') return Math.floor(v / 1000);
  // No logical type: the last resort is the magnitude (seconds, milliseconds or microseconds).
  return v > 1e14 ? Math.floor(v / 1000) : v < 1e11 ? v * 1000 : v;
}
