// The only door to the outside world for commands: streams, working directory, environment.
// Tests pass their own; bin.ts passes the process's.

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface IO {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export function processIO(signal?: AbortSignal): IO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, signal };
}
