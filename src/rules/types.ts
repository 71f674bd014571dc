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

/** The context of a rule that needs observed data: the engine runs it only when there is some. */
export interface ObservedRuleContext extends RuleContext {
  obs: Observations;
}

interface RuleBase {
  id: string;
  defaultSeverity: Severity;
  /** One paragraph: what it reports, when, and why it matters. */
  doc: string;
}

/** plan: needs only the plan; observed: needs observed data. */
export type Rule = RuleBase & ({ needs: 'plan'; check(ctx: RuleContext): RawFinding[] } | { needs: 'observed'; check(ctx: ObservedRuleContext): RawFinding[] });
