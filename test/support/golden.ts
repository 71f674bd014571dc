// Golden files are compared exactly. UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as assert from 'uvu/assert';

export function matchGolden(actual: string, file: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file missing: ${file} (run with UPDATE_GOLDEN=1 to create it)`);
  assert.fixture(actual, readFileSync(file, 'utf8'));
}
