// Heap credentials come from the environment or a file, never from a flag (shell history and
// process lists would show them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.ts';
import type { Credentials } from './client.ts';

/**
 * From --heap-credentials-file (JSON {"client_id", "client_secret"}, or KEY=VALUE lines with
 * HEAP_CLIENT_ID and HEAP_CLIENT_SECRET), else from HEAP_CLIENT_ID and HEAP_CLIENT_SECRET.
 */
export function readCredentials(env: Record<string, string | undefined>, file: string | undefined, cwd: string): Credentials {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (e) {
      throw new UsageError(`--heap-credentials-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let id: unknown;
    let secret: unknown;
    if (text.trimStart().startsWith('{')) {
      try {
        const j = JSON.parse(text) as Record<string, unknown>;
        id = j.client_id ?? j.HEAP_CLIENT_ID;
        secret = j.client_secret ?? j.HEAP_CLIENT_SECRET;
      } catch {
        throw new UsageError(`--heap-credentials-file: ${file} is not valid JSON`);
      }
    } else {
      const vars = Object.fromEntries(
        text
          .split(/\r?\n/)
          .map((l) => /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1], m[2]!.replace(/^(["'])(.*)\1$/, '$2')]),
      );
      id = vars.HEAP_CLIENT_ID;
      secret = vars.HEAP_CLIENT_SECRET;
    }
    if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) {
      throw new UsageError(`--heap-credentials-file: ${file} must hold client_id and client_secret (JSON) or HEAP_CLIENT_ID and HEAP_CLIENT_SECRET lines`);
    }
    return { clientId: id, clientSecret: secret };
  }
  const id = env.HEAP_CLIENT_ID;
  const secret = env.HEAP_CLIENT_SECRET;
  if (!id || !secret) {
    throw new UsageError(`the heap source needs credentials: set ${!id ? 'HEAP_CLIENT_ID' : ''}${!id && !secret ? ' and ' : ''}${!secret ? 'HEAP_CLIENT_SECRET' : ''}, or give --heap-credentials-file`);
  }
  return { clientId: id, clientSecret: secret };
}
