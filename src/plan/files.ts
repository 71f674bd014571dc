// Turning what the user typed after --plan (files, folders, globs) into a list of files.
import { statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { UsageError } from '../errors.ts';

const YAML_GLOB = '**/*.{yaml,yml}';

/** Absolute paths, each once, in the order given (globs and folders sorted, for stable output). */
export async function resolveInputFiles(inputs: readonly string[], cwd: string, what = 'plan'): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push(abs);
    }
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      const found = await fg(YAML_GLOB, { cwd: abs, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (found.length === 0) throw new UsageError(`${what} folder "${input}" holds no .yaml or .yml files`);
      found.sort().forEach(add);
    } else if (stat) {
      add(abs);
    } else if (fg.isDynamicPattern(input)) {
      const found = await fg(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (found.length === 0) throw new UsageError(`no ${what} files match "${input}"`);
      found.map((f) => path.resolve(f)).sort().forEach(add);
    } else {
      throw new UsageError(`${what} file not found: ${input}`);
    }
  }
  return out;
}

/** How a file is named in messages: relative to the working directory when it is inside it. */
export function displayName(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
