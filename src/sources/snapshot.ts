// `--source snapshot:PATH`: an aggregate saved earlier with --save-observed.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import type { Observations } from '../observed/aggregate.ts';
import { fromSnapshot, snapshotProblems, type SnapshotJson } from '../observed/snapshot.ts';
import type { SourceInfo, Window } from '../observed/types.ts';
import type { ReadContext, Source } from './types.ts';
import path from 'node:path';

export class SnapshotSource implements Source {
  readonly info: SourceInfo;
  private readonly file: string;

  constructor(location: string, cwd: string) {
    this.info = { kind: 'snapshot', location, typed: true };
    this.file = path.resolve(cwd, location);
  }

  async read(into: Observations, _ctx: ReadContext): Promise<Window | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`snapshot source: ${code === 'ENOENT' ? 'no such file' : 'cannot read'}: ${this.info.location}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`snapshot source: ${this.info.location} is not valid JSON (${(e as Error).message})`);
    }
    const problems = snapshotProblems(json);
    if (problems.length) {
      throw new UsageError(`snapshot source: ${this.info.location} is not a tracklint snapshot (version 1):\n  ${problems.join('\n  ')}`);
    }
    const snap = fromSnapshot(json as SnapshotJson);
    // The snapshot stands for the sources it was made from; keep their typedness.
    const typed = snap.typed;
    snap.sources.splice(0, snap.sources.length, { ...this.info, typed: typed === true });
    into.merge(snap);
    return snap.window;
  }
}
