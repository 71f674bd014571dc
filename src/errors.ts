// Every error a user can cause is one of these. The CLI prints `message` (and the diagnostics),
// exits with `exitCode`, and shows a stack trace only with --debug.

export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  source: 3,
  interrupted: 130,
} as const;

export interface Position {
  file: string;
  line: number;
  column: number;
}

/** One problem in an input file, with where it is and, when we have the text, a code frame. */
export interface Diagnostic {
  message: string;
  position?: Position;
  frame?: string;
}

export class TracklintError extends Error {
  readonly exitCode: number;
  readonly diagnostics: Diagnostic[];
  constructor(message: string, exitCode: number, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.diagnostics = diagnostics;
  }
}

/** Bad flags, bad config: exit 2. */
export class UsageError extends TracklintError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A plan that cannot be loaded: exit 2, with one diagnostic per problem. */
export class PlanError extends TracklintError {
  constructor(diagnostics: Diagnostic[]) {
    const n = diagnostics.length;
    super(n === 1 ? diagnostics[0]!.message : `${n} problems in the tracking plan`, ExitCode.usage, diagnostics);
  }
}

/** A data source that failed or could not deliver complete data: exit 3. */
export class SourceError extends TracklintError {
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message, ExitCode.source, diagnostics);
  }
}

export function formatPosition(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`;
}
