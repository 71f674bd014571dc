// (plan, aggregate) -> findings. Severity and thresholds are decided here, once, for every rule.
import type { Observations } from '../observed/aggregate.ts';
import type { Plan, RuleSeverity } from '../plan/types.ts';
import type { Finding, Severity } from '../report/types.ts';
import { RULES } from './index.ts';
import { findMatches } from './matching.ts';
import type { Rule, RuleContext } from './types.ts';

export interface EngineOptions {
  /** Severities from the command line (--rule id=severity); they win over the plan's rules:. */
  severities?: ReadonlyMap<string, RuleSeverity>;
  /** Ignore findings that affect less than this share of events (--min-rate); default 0. */
  minRate?: number;
  rules?: readonly Rule[];
}

export interface EngineResult {
  findings: Finding[];
  notices: string[];
}

export function severityOf(rule: Rule, plan: Plan, options: EngineOptions): RuleSeverity {
  return options.severities?.get(rule.id) ?? plan.rules.get(rule.id)?.severity ?? rule.defaultSeverity;
}

export function evaluate(plan: Plan, obs: Observations | undefined, options: EngineOptions = {}): EngineResult {
  const notices: string[] = [];
  const ctx: RuleContext = {
    plan,
    obs,
    typed: obs?.typed === true,
    matches: findMatches(plan, obs),
    notice: (m) => {
      if (!notices.includes(m)) notices.push(m);
    },
  };
  if (obs?.typed === 'mixed') ctx.notice('typed and string-typed sources were combined: values are judged as in a string-typed source, so "12.99" passes for a number');
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    const severity = severityOf(rule, plan, options);
    if (severity === 'off') continue;
    const raw = rule.needs === 'plan' ? rule.check(ctx) : obs ? rule.check({ ...ctx, obs }) : [];
    const threshold = plan.rules.get(rule.id)?.threshold ?? options.minRate ?? 0;
    for (const f of raw) {
      const rate = f.evidence.rate;
      if (threshold > 0 && rate !== undefined && rate < threshold) continue;
      findings.push({ ...f, severity: severity as Severity });
    }
  }
  return { findings: sortFindings(findings), notices };
}

const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** By file, line, column, rule, then event and property name: reports diff cleanly. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      cmp(a.rule, b.rule) ||
      cmp(a.event, b.event) ||
      cmp(a.property, b.property),
  );
}
