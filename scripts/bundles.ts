// The two bundles: the CLI (code-split, so reporters and sources load only when asked for) and
// the GitHub Action (one file, committed, run by the runner as it is).
import type { BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // Bundled CommonJS dependencies (ajv) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __tlCreateRequire } from 'node:module'; const require = __tlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

export function cliBundle(root: string): BuildOptions {
  return { ...common, absWorkingDir: root, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' };
}

export function actionBundle(root: string): BuildOptions {
  return { ...common, absWorkingDir: root, entryPoints: { action: 'src/action/index.ts' }, outdir: 'dist', splitting: false, legalComments: 'eof', target: 'node24' };
}
