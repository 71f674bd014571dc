// Run the CLI in-process (fast, for most tests) or as a real process (exit codes, signals).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** tsx's loader, by URL, so a process started in another folder can still run the sources. */
export const TSX = import.meta.resolve('tsx');
/** node arguments that run the CLI from its TypeScript sources. */
export const CLI_ARGS = ['--import', TSX, path.join(ROOT, 'src/cli/bin.ts')];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.isTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.isTTY ?? false },
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

/** The real command, through tsx, as a separate process. */
export function spawnCli(args: string[], opts: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...opts,
  });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
