// Streaming readers for NDJSON lines and the items of a top-level JSON array, so that memory
// stays bounded by the longest record, not by the file. Callbacks, not async iterators: an
// await per record would cost more than parsing it.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** A single record longer than this is reported as malformed instead of being buffered. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export type OnText = (text: string, line: number) => void;
export type OnOversize = (line: number) => void;

export function abortError(): Error {
  const e = new Error('interrupted');
  e.name = 'AbortError';
  return e;
}

/** Bytes [start, end) of a file; the whole file when not given. */
export interface ByteRange {
  start: number;
  end: number;
}

async function forEachChunk(file: string, onChunk: (text: string) => void, signal?: AbortSignal, range?: ByteRange): Promise<void> {
  if (signal?.aborted) throw abortError();
  if (range && range.end <= range.start) return;
  const stream = createReadStream(file, { highWaterMark: 1 << 20, ...(range && { start: range.start, end: range.end - 1 }) });
  // Stop a read that is waiting for data as soon as the user interrupts, not after it.
  const onAbort = () => stream.destroy(abortError());
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new StringDecoder('utf8');
  // A byte order mark is only one at the start of the file.
  let first = !range || range.start === 0;
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) throw abortError();
      let text = decoder.write(chunk as Buffer);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      onChunk(text);
    }
    const tail = decoder.end();
    if (tail) onChunk(tail);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}

/**
 * Calls onLine for every non-empty line (without its line ending), with its 1-based number
 * (counted from the start of the range, when one is given). Returns the number of lines.
 */
export async function forEachLine(file: string, onLine: OnText, signal?: AbortSignal, onOversize?: OnOversize, range?: ByteRange): Promise<number> {
  let rest = '';
  let lineNo = 0;
  let skipping = false; // inside an oversized line, until its newline
  await forEachChunk(
    file,
    (chunk) => {
      const text = rest.length ? rest + chunk : chunk;
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) !== -1) {
        lineNo++;
        if (skipping) skipping = false;
        else {
          const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          if (end > start) onLine(text.slice(start, end), lineNo);
        }
        start = nl + 1;
      }
      rest = text.slice(start);
      if (rest.length > MAX_RECORD_CHARS) {
        if (!skipping) onOversize?.(lineNo + 1);
        skipping = true;
        rest = '';
      }
    },
    signal,
    range,
  );
  if (rest.length && !skipping) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, lineNo + 1);
  return rest.length ? lineNo + 1 : lineNo;
}

/** The offset just past the first newline at or after `from` (the file's size if there is none). */
export async function nextLineStart(file: string, from: number): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let pos = from; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return pos;
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl !== -1) return pos + nl + 1;
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Calls onItem with the JSON text of every item of a top-level array, and the line it starts on.
 * Returns false if the file does not hold a well-formed array (a truncated file, say): the items
 * before the damage have been delivered.
 */
export async function forEachArrayItem(file: string, onItem: OnText, signal?: AbortSignal, onOversize?: OnOversize): Promise<boolean> {
  let depth = 0; // 1 inside the top-level array, more inside an item
  let inString = false;
  let escaped = false;
  let inItem = false;
  let item = ''; // the current item's text from earlier chunks
  let oversize = false;
  let itemLine = 0;
  let line = 1;
  let done = false;
  let broken = false;
  await forEachChunk(
    file,
    (chunk) => {
      if (done || broken) return;
      let from = inItem ? 0 : -1; // where the current item starts in this chunk
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 10) line++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (depth === 0) {
          if (c === 91) depth = 1;
          else if (!isSpace(c) && c !== 0xfeff) {
            broken = true;
            return;
          }
          continue;
        }
        if (!inItem) {
          if (isSpace(c) || c === 44) continue;
          if (c === 93) {
            done = true;
            return;
          }
          inItem = true;
          from = i;
          itemLine = line;
        } else if (depth === 1 && (c === 44 || c === 93)) {
          if (oversize) onOversize?.(itemLine);
          else onItem(item + chunk.slice(from, i), itemLine);
          item = '';
          oversize = false;
          inItem = false;
          from = -1;
          if (c === 93) {
            done = true;
            return;
          }
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 91 || c === 123) depth++;
        else if (c === 93 || c === 125) depth--;
      }
      if (inItem && !oversize) {
        item += chunk.slice(from);
        if (item.length > MAX_RECORD_CHARS) {
          oversize = true;
          item = '';
        }
      }
    },
    signal,
  );
  return done && !broken;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The first line of a file (at most MAX_RECORD_CHARS), read without reading the rest. */
export async function firstLine(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.alloc(64 * 1024);
    let text = '';
    for (let pos = 0; text.length <= MAX_RECORD_CHARS; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return text + decoder.end();
      pos += bytesRead;
      text += decoder.write(buf.subarray(0, bytesRead));
      const nl = text.indexOf('\n');
      if (nl !== -1) return text.slice(0, nl);
    }
    return text;
  } finally {
    await fh.close();
  }
}

/** The first non-whitespace character of a file (after a BOM), or '' for an empty file. */
export async function firstChar(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return '';
      const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
      const m = /\S/.exec(text);
      if (m) return m[0];
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
