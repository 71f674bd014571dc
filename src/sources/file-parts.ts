// Captured files too large to read quickly on one thread are read in parts by worker threads
// (src/sources/parallel.ts). A part is a run of whole small files, or one half of a large NDJSON
// file cut at a line end; the cuts depend on the sizes alone, so every machine merges the same
// parts in the same order. A JSON array or pretty-printed document is read whole, in one part.
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import type { Observations } from '../observed/aggregate.ts';
import { isLineDelimited, readRecordLines, readRecordsFile } from './file.ts';
import { type ByteRange, nextLineStart } from './json-stream.ts';
import { aggregateInParts, answerPart, type PartJob } from './parallel.ts';
import type { ReadContext } from './types.ts';

/** Input per part. Large enough that merging a part's aggregate costs little beside reading it. */
export const PART_BYTES = 128 * 1024 * 1024;

/** Slices of a file larger than a part. */
export const SLICES = 2;

export interface FileToRead {
  file: string;
  /** The name findings and warnings use (relative to the working directory). */
  name: string;
}

/** A whole file (no range), or lines [start, end) of one. */
export interface Piece extends FileToRead {
  range?: ByteRange;
}

/** Feed the files into the aggregate: on this thread when they are small, else in parts. */
export async function readFilesInParts(files: readonly FileToRead[], into: Observations, ctx: ReadContext): Promise<void> {
  const parts = await partition(files, ctx.partBytes ?? PART_BYTES);
  if (parts.length <= 1) {
    await readPieces(files, into, ctx.signal);
    return;
  }
  // Line numbers in a slice count from the slice; the lines before it are known once the parts
  // before it are merged, which happens in order.
  const linesBefore = new Map<string, number>();
  await aggregateInParts<PieceCounts>(
    into,
    {
      jobs: parts.map((pieces) => ({ kind: 'file-part', payload: pieces })),
      readHere: (index, obs, signal) => readPieces(parts[index]!, obs, signal),
      beforeMerge: (counts, obs, index) => {
        parts[index]!.forEach((piece, i) => {
          const offset = linesBefore.get(piece.file) ?? 0;
          if (obs) {
            // Part 0 was read straight into the aggregate, where its numbers are right already.
            const samples = obs.malformedSamples;
            const end = counts.samplesBefore[i + 1] ?? samples.length;
            for (let s = counts.samplesBefore[i]!; s < end; s++) samples[s]!.line += offset;
          }
          linesBefore.set(piece.file, offset + counts.lines[i]!);
        });
      },
    },
    ctx,
  );
}

interface PieceCounts {
  /** Lines read from each piece, and the malformed samples taken before each piece began. */
  lines: number[];
  samplesBefore: number[];
}

/** Read pieces one after the other into `obs`: a part's work, wherever it runs. */
export async function readPieces(pieces: readonly Piece[], obs: Observations, signal?: AbortSignal): Promise<PieceCounts> {
  const counts: PieceCounts = { lines: [], samplesBefore: [] };
  for (const piece of pieces) {
    counts.samplesBefore.push(obs.malformedSamples.length);
    const { range } = piece;
    if (range) counts.lines.push(await reading(piece, () => readRecordLines(piece.file, piece.name, obs, { signal }, range)));
    else {
      await reading(piece, () => readRecordsFile(piece.file, piece.name, obs, { signal }));
      counts.lines.push(0); // a whole file: no slice of it comes after
    }
  }
  return counts;
}

/** A file that cannot be read (gone since it was listed, no permission) is the user's to fix, not a crash. */
async function reading<T>(f: FileToRead, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UsageError(`file source: cannot read ${f.name} (${code})`);
    throw e;
  }
}

/** The work of one part, in a worker thread. */
export function aggregateFilePart(part: PartJob<Piece[]>): Promise<string> {
  return answerPart(part, (pieces, obs) => readPieces(pieces, obs));
}

/** Small files grouped up to `partBytes`; a larger NDJSON file cut into two near-equal slices at line ends. */
async function partition(files: readonly FileToRead[], partBytes: number): Promise<Piece[][]> {
  const parts: Piece[][] = [];
  let group: Piece[] = [];
  let groupBytes = 0;
  const flush = () => {
    if (group.length) parts.push(group);
    group = [];
    groupBytes = 0;
  };
  for (const f of files) {
    const { size } = await reading(f, () => stat(f.file));
    if (size > partBytes && (await reading(f, () => isLineDelimited(f.file)))) {
      flush();
      // Two slices, however large: each part's aggregate is merged and dropped, and more parts
      // grew the peak memory with the file (5M records took 1.2-1.6x the memory of 1M in four
      // to ten slices, 1.03x in two), where it must stay bounded by the plan.
      const n = SLICES;
      let start = 0;
      for (let k = 1; k <= n && start < size; k++) {
        const end = k === n ? size : await nextLineStart(f.file, Math.max(start, Math.round((size * k) / n) - 1));
        if (end > start) parts.push([{ ...f, range: { start, end } }]);
        start = end;
      }
      continue;
    }
    if (group.length && groupBytes + size > partBytes) flush();
    group.push(f);
    groupBytes += size;
  }
  flush();
  return parts;
}
