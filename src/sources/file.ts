// `--source file:PATH|GLOB`: captured track calls as NDJSON, a JSON array, or Heap's
// server-side bulk track body. Typed: values keep their JSON types.
import { readFile } from 'node:fs/promises';
import fg from 'fast-glob';
import { UsageError } from '../errors.ts';
import type { Observations } from '../observed/aggregate.ts';
import { isBulkBody, normalizeRecord } from '../observed/record.ts';
import type { SourceInfo, Window } from '../observed/types.ts';
import { displayName } from '../plan/files.ts';
import { readFilesInParts } from './file-parts.ts';
import { type ByteRange, firstChar, firstLine, forEachArrayItem, forEachLine, MAX_RECORD_CHARS } from './json-stream.ts';
import type { ReadContext, Source } from './types.ts';

export class FileSource implements Source {
  readonly info: SourceInfo;
  private readonly pattern: string;
  private readonly cwd: string;

  constructor(location: string, cwd: string) {
    this.pattern = location;
    this.cwd = cwd;
    this.info = { kind: 'file', location, typed: true };
  }

  async read(into: Observations, ctx: ReadContext): Promise<Window | undefined> {
    into.addSource(this.info);
    const files = await this.files();
    await readFilesInParts(
      files.map((file) => ({ file, name: displayName(file, this.cwd) })),
      into,
      ctx,
    );
    return undefined;
  }

  private async files(): Promise<string[]> {
    const isGlob = fg.isDynamicPattern(this.pattern);
    const found = await fg(isGlob ? this.pattern : fg.escapePath(this.pattern), { cwd: this.cwd, absolute: true, onlyFiles: true });
    if (found.length === 0) {
      throw new UsageError(isGlob ? `file source: no files match "${this.pattern}"` : `file source: no such file: ${this.pattern}`);
    }
    return found.sort();
  }
}

/** What reads the records of one file, given its text: a record, or a line of them. */
function recordReader(name: string, into: Observations) {
  const feed = (value: unknown, line: number) => {
    if (isBulkBody(value)) {
      for (const e of value.events) feedOne(into, bulkEvent(e), name, line);
    } else feedOne(into, value, name, line);
  };
  const parse = (text: string, line: number) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      into.malformed({ file: name, line, reason: `not valid JSON (${(e as Error).message})` });
      return;
    }
    feed(value, line);
  };
  const oversize = (line: number) => into.malformed({ file: name, line, reason: `record longer than ${MAX_RECORD_CHARS} characters` });
  return { feed, parse, oversize };
}

/** Feed the lines in bytes [start, end) of an NDJSON file; line numbers count from `start`. Returns the lines read. */
export function readRecordLines(file: string, name: string, into: Observations, ctx: ReadContext, range?: ByteRange): Promise<number> {
  const { parse, oversize } = recordReader(name, into);
  return forEachLine(file, parse, ctx.signal, oversize, range);
}

/** Can the file be read in pieces split at line ends (NDJSON), or only whole (a JSON array or document)? */
export async function isLineDelimited(file: string): Promise<boolean> {
  const first = await firstChar(file);
  return first !== '[' && (first !== '{' || (await firstLineIsJson(file)));
}

/** Feed one file of records into the aggregate, whatever its layout. */
export async function readRecordsFile(file: string, name: string, into: Observations, ctx: ReadContext): Promise<void> {
  const { feed, parse, oversize } = recordReader(name, into);
  const first = await firstChar(file);
  if (first === '[') {
    const whole = await forEachArrayItem(file, parse, ctx.signal, oversize);
    if (!whole) into.malformed({ file: name, line: 0, reason: 'the JSON array is not closed (truncated file?)' });
    return;
  }
  if (first === '{' && !(await firstLineIsJson(file))) {
    // A pretty-printed object: Heap's bulk body, or one record.
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      feed(value, 1);
      return;
    }
  }
  await forEachLine(file, parse, ctx.signal, oversize);
}

async function firstLineIsJson(file: string): Promise<boolean> {
  try {
    JSON.parse((await firstLine(file)).replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}

function feedOne(into: Observations, raw: unknown, file: string, line: number): void {
  const r = normalizeRecord(raw);
  if ('malformed' in r) into.malformed({ file, line, reason: r.malformed });
  else into.add(r);
}

/** Heap's bulk track items name the user `identity`; the rest is the record shape. */
function bulkEvent(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const item = e as Record<string, unknown>;
  return item.user_id === undefined && item.identity !== undefined ? { ...item, user_id: item.identity } : item;
}
