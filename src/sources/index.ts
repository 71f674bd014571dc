// `--source KIND:LOCATION` -> a Source, loaded only when asked for.
import { UsageError } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';
import type { Source } from './types.ts';

export const SOURCE_KINDS = ['file', 'snapshot'] as const;

export interface SourceSpec {
  kind: string;
  location: string;
}

export function parseSourceSpec(text: string): SourceSpec {
  const colon = text.indexOf(':');
  const kind = colon === -1 ? text : text.slice(0, colon);
  const location = colon === -1 ? '' : text.slice(colon + 1);
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--source "${text}": unknown source kind "${kind}"${didYouMean(kind, SOURCE_KINDS)}; expected one of ${SOURCE_KINDS.map((k) => `${k}:PATH`).join(', ')}`,
    );
  }
  if (location === '') throw new UsageError(`--source "${text}": give a location, as in ${kind}:PATH`);
  return { kind, location };
}

export async function createSource(spec: SourceSpec, cwd: string): Promise<Source> {
  switch (spec.kind) {
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
