import type { Observations } from '../observed/aggregate.ts';
import type { SourceInfo, Window } from '../observed/types.ts';

export interface ReadContext {
  signal?: AbortSignal;
  /** Progress and warnings for the user (stderr); sources never write anywhere else. */
  log?: (line: string) => void;
  /** Called as a long read advances (chunks done of total, records so far). */
  progress?: (p: { chunksDone: number; chunksTotal: number; records: number; pages: number }) => void;
  /** Threads that read parts at once, this one included (default: the cores; 1: no worker thread). */
  threads?: number;
  /** Bytes of input per part (default PART_BYTES); the parts decide the merge, the threads do not. */
  partBytes?: number;
}

/** A source of observed data. It knows nothing of plans or rules: it only feeds the aggregate. */
export interface Source {
  readonly info: SourceInfo;
  /**
   * Feed everything read into `into`. Returns the time range the data is known to cover, when the
   * source knows it (a snapshot does; a captured file does not).
   */
  read(into: Observations, ctx: ReadContext): Promise<Window | undefined>;
}
