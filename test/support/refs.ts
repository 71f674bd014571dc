// The public schemas in ../shared/refs/ (next to the repository). A fresh clone made elsewhere
// (CI's clean checkout, say) finds them next to the repository it was cloned from. A test that
// needs one fails when it is missing under CI=true; elsewhere it is skipped with a visible notice.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './cli.ts';

/** Where the references are looked for, in order. */
export const REF_DIRS = [path.resolve(ROOT, '..', 'shared', 'refs'), ...originRefs()];

/** ../shared/refs beside the local repository this clone came from, if it came from one. */
function originRefs(): string[] {
  let url: string;
  try {
    url = execFileSync('git', ['-C', ROOT, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return [];
  }
  const dir = url.startsWith('file://') ? fileURLToPath(url) : path.isAbsolute(url) ? url : undefined;
  return dir ? [path.resolve(dir, '..', 'shared', 'refs')] : [];
}

export function readRef(name: string): string | undefined {
  for (const dir of REF_DIRS) {
    const file = path.join(dir, name);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  const where = REF_DIRS.map((d) => path.join(d, name)).join(' or ');
  if (process.env.CI === 'true') throw new Error(`reference file missing: ${where} (CI=true: this must not be skipped)`);
  console.warn(`\n  NOTICE: ${where} is missing; the tests that validate against it are skipped\n`);
  return undefined;
}
