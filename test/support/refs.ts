// The public schemas in ../shared/refs/ (next to the repository). A test that needs one fails when
// it is missing under CI=true; elsewhere it is skipped with a visible notice.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.ts';

export const REFS = path.resolve(ROOT, '..', 'shared', 'refs');

export function readRef(name: string): string | undefined {
  const file = path.join(REFS, name);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (process.env.CI === 'true') throw new Error(`reference file missing: ${file} (CI=true: this must not be skipped)`);
  console.warn(`\n  NOTICE: ${file} is missing; the tests that validate against it are skipped\n`);
  return undefined;
}
