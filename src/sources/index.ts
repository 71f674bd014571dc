// `--source KIND[:LOCATION]` -> a Source, loaded only when asked for.
import { UsageError } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';
import type { HeapConnectOptions } from './heap-connect/source.ts';
import type { HeapSourceOptions } from './heap/source.ts';
import type { Source } from './types.ts';

export const SOURCE_KINDS = ['heap', 'heap-connect', 'file', 'snapshot'] as const;

/** Kinds that take no location. */
const NO_LOCATION = new Set(['heap']);

export interface SourceSpec {
  kind: string;
  location: string;
}

export interface SourceOptions {
  /** Everything the heap source needs but the window; credentials come from the CLI. */
  heap?: HeapSourceOptions;
  heapConnect?: HeapConnectOptions;
}

export function parseSourceSpec(text: string): SourceSpec {
  const colon = text.indexOf(':');
  const kind = colon === -1 ? text : text.slice(0, colon);
  const location = colon === -1 ? '' : text.slice(colon + 1);
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
    const forms = SOURCE_KINDS.map((k) => (NO_LOCATION.has(k) ? k : `${k}:PATH`)).join(', ');
    throw new UsageError(`--source "${text}": unknown source kind "${kind}"${didYouMean(kind, SOURCE_KINDS)}; expected one of ${forms}`);
  }
  if (location === '' && !NO_LOCATION.has(kind)) throw new UsageError(`--source "${text}": give a location, as in ${kind}:PATH`);
  return { kind, location };
}

export async function createSource(spec: SourceSpec, cwd: string, options: SourceOptions = {}): Promise<Source> {
  switch (spec.kind) {
    case 'heap': {
      if (!options.heap) throw new UsageError('the heap source needs credentials: set HEAP_CLIENT_ID and HEAP_CLIENT_SECRET, or give --heap-credentials-file');
      const { HeapSource } = await import('./heap/source.ts');
      return new HeapSource(options.heap);
    }
    case 'heap-connect': {
      const { HeapConnectSource } = await import('./heap-connect/source.ts');
      return HeapConnectSource.open(spec.location, cwd, options.heapConnect);
    }
    case 'file': {
      const { FileSource } = await import('./file.ts');
      return new FileSource(spec.location, cwd);
    }
    case 'snapshot': {
      const { SnapshotSource } = await import('./snapshot.ts');
      return new SnapshotSource(spec.location, cwd);
    }
    default:
      throw new UsageError(`unknown source kind "${spec.kind}"`);
  }
}
