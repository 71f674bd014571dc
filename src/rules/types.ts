import type { Observations } from '../observed/aggregate.ts';
import type { Plan } from '../plan/types.ts';
import type { Finding, Severity } from '../report/types.ts';
import type { Matches } from './matching.ts';

/** A finding before the engine decides its severity. */
export type RawFinding = Omit<Finding, 'severity'>;

export interface RuleContext {
  plan: Plan;
  /** Absent when the check has no observed data: only plan rules run. */
  obs: Observations | undefined;
  /** True only when every source keeps JSON types (mixed sources are judged as string-typed). */
  typed: boolean;
  /** Near matches between missing and unplanned names, shared by the rules that link them. */
  matches: Matches;
  /** Say why a rule could not conclude (incomplete data, limits reached). */
  notice(message: string): void;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** plan: needs only the plan; observed: needs observed data. */
  needs: 'plan' | 'observed';
  /** One paragraph: what it reports, when, and why it matters. */
  doc: string;
  check(ctx: RuleContext): RawFinding[];
}
