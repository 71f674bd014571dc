// Bundles the CLI and the Action into dist/ (npm run build; npm pack runs it).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { actionBundle, cliBundle } from './bundles.ts';

const root = path.resolve(import.meta.dirname, '..');
rmSync(path.join(root, 'dist/chunks'), { recursive: true, force: true });
await build(cliBundle(root));
await build(actionBundle(root));
