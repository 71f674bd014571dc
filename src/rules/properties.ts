// The checks of observed properties against planned ones, shared by the event, user and account
// variants of property-type, property-value and property-unplanned.
import { exampleOrder } from '../observed/aggregate.ts';
import { admits, kindOf, type ValueKind } from '../observed/kinds.ts';
import type { PropertyStats } from '../observed/types.ts';
import type { EventDef, PropertyDef } from '../plan/types.ts';
import type { Position } from '../errors.ts';
import type { KindShare } from '../report/types.ts';
import { isHeapBuiltin } from './heap-builtins.ts';
import { scopeKey } from './matching.ts';
import { count, pct, plural, propLabel, q } from './text.ts';
import type { ObservedRuleContext, RawFinding, Rule, RuleContext } from './types.ts';

export type Scope = 'event' | 'user' | 'account';

/** One set of planned properties and what was observed of them. */
export interface PropertyTarget {
  scope: Scope;
  event?: EventDef;
  planned: Map<string, PropertyDef>;
  observed: Map<string, PropertyStats>;
  /** Events of this name, or user / account records. */
  total: number;
  /** Where findings about properties the plan does not have point. */
  location: Position;
}

export function propertyTargets(ctx: ObservedRuleContext, scope: Scope): PropertyTarget[] {
  const { plan, obs } = ctx;
  const fallback = plan.eventsKeys[0] ?? { file: plan.files[0] ?? '', line: 1, column: 1 };
  if (scope === 'event') {
    const out: PropertyTarget[] = [];
    for (const e of plan.events.values()) {
      const seen = obs.events.get(e.name);
      if (seen && seen.count > 0) out.push({ scope, event: e, planned: e.properties, observed: seen.properties, total: seen.count, location: e.location });
    }
    return out;
  }
  const entity = scope === 'user' ? obs.users : obs.accounts;
  if (entity.count === 0) return [];
  const planned = scope === 'user' ? plan.userProperties : plan.accountProperties;
  const location = plan.sectionKeys[scope === 'user' ? 'user_properties' : 'account_properties'] ?? fallback;
  return [{ scope, planned, observed: entity.properties, total: entity.count, location }];
}

const label = (t: PropertyTarget, property: string) => propLabel(t.scope, t.event?.name, property);

function base(t: PropertyTarget, property: string, location: Position): Pick<RawFinding, 'scope' | 'event' | 'property' | 'location'> {
  const out: Pick<RawFinding, 'scope' | 'event' | 'property' | 'location'> = { scope: t.scope, property, location };
  if (t.event) out.event = t.event.name;
  return out;
}

const nonNullKinds = (s: PropertyStats): [ValueKind, { count: number; examples: string[] }][] => [...s.kinds].filter(([k]) => k !== 'null');

export function typeFindings(ctx: RuleContext, t: PropertyTarget): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [name, def] of t.planned) {
    const s = t.observed.get(name);
    if (!s) continue;
    const kinds = nonNullKinds(s);
    const nonNull = s.present - s.nulls;
    if (nonNull === 0) continue;
    const shares: KindShare[] = kinds
      .map(([kind, k]) => ({ kind, count: k.count, share: k.count / nonNull, admitted: admits(def.types, kind, ctx.typed), examples: k.examples }))
      .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
    const bad = shares.filter((k) => !k.admitted);
    if (bad.length === 0) continue;
    const badCount = bad.reduce((n, k) => n + k.count, 0);
    const example = bad[0]!.examples[0];
    const expected = def.types.filter((x) => x !== 'null');
    out.push({
      rule: '',
      ...base(t, name, def.location),
      message: `${label(t, name)}: expected ${expected.join(' or ')}; saw ${shares.map((k) => `${k.kind} ${pct(k.share)}`).join(', ')}${example ? ` (e.g. ${example})` : ''}`,
      evidence: { count: badCount, total: nonNull, rate: badCount / nonNull, kinds: shares, expected: def.types, examples: bad.flatMap((k) => k.examples).slice(0, 5) },
      suggestion: ctx.typed
        ? `send ${name} as ${expected.join(' or ')}, or change its type in the plan`
        : `send ${name} as ${expected.join(' or ')} (this source stores text, so only values that read as one are accepted)`,
    });
  }
  return out;
}

/** Why a value breaks a property's constraints ("below the minimum 0"); undefined when it does not. */
export function violation(def: PropertyDef, value: unknown): string | undefined {
  if (def.validate(value)) return undefined;
  if (def.enum && !def.enum.some((e) => e === value)) return `not one of ${listOf(def.enum)}`;
  if (typeof value === 'string') {
    if (def.pattern !== undefined && !new RegExp(def.pattern, 'u').test(value)) return `not matching /${def.pattern}/`;
    if (def.minLength !== undefined && [...value].length < def.minLength) return `shorter than ${def.minLength} characters`;
    if (def.maxLength !== undefined && [...value].length > def.maxLength) return `longer than ${def.maxLength} characters`;
    if (def.format !== undefined) return `not a valid ${def.format}`;
  }
  if (typeof value === 'number') {
    if (def.minimum !== undefined && value < def.minimum) return `below the minimum ${def.minimum}`;
    if (def.maximum !== undefined && value > def.maximum) return `above the maximum ${def.maximum}`;
  }
  return 'not allowed by the plan';
}

function listOf(values: unknown[]): string {
  const shown = values.slice(0, 8).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.join(', ') + (values.length > 8 ? `, ... (${values.length} values)` : '');
}

/** The value a string-typed source means: "12" for a planned number is 12. */
function coerce(value: string | number | boolean, def: PropertyDef, typed: boolean): unknown {
  if (typed || typeof value !== 'string') return value;
  const kind = kindOf(value);
  if (kind === 'numeric-string' && (def.types.includes('number') || def.types.includes('integer')) && !def.types.includes('string')) return Number(value);
  if (kind === 'boolean-string' && def.types.includes('boolean') && !def.types.includes('string')) return value.toLowerCase() === 'true';
  return value;
}

export function valueFindings(ctx: RuleContext, t: PropertyTarget): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [name, def] of t.planned) {
    const s = t.observed.get(name);
    const integerOnly = def.types.includes('integer') && !def.types.includes('number') && !ctx.typed;
    if (!s || (!def.hasValueConstraints && !integerOnly)) continue;
    let bad = 0;
    const reasons = new Map<string, number>();
    const examples: [string, number][] = [];
    for (const [value, n] of s.values) {
      const kind = kindOf(value);
      if (!admits(def.types, kind, ctx.typed)) continue; // property-type reports it
      const v = coerce(value, def, ctx.typed);
      const why = typeof v === 'number' && integerOnly && !Number.isInteger(v) ? 'not an integer' : violation(def, v);
      if (!why) continue;
      bad += n;
      reasons.set(why, (reasons.get(why) ?? 0) + n);
      examples.push([JSON.stringify(value), n]);
    }
    if (bad === 0) continue;
    const nonNull = s.present - s.nulls;
    const exact = !s.overflow;
    const sorted = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const why = sorted.length === 1 ? `are ${sorted[0]![0]}` : `are invalid: ${sorted.map(([r, k]) => `${r} (${count(k)})`).join(', ')}`;
    const shown = examples.sort((a, b) => b[1] - a[1] || exampleOrder(a[0], b[0])).slice(0, 5).map(([v]) => v);
    out.push({
      rule: '',
      ...base(t, name, def.location),
      message: `${label(t, name)}: ${exact ? '' : 'at least '}${count(bad)} of ${count(nonNull)} values ${why} (e.g. ${shown.slice(0, 3).join(', ')})`,
      evidence: { count: bad, total: nonNull, rate: bad / nonNull, exact, examples: shown },
      ...(exact ? {} : { suggestion: `more than ${count(s.values.size)} distinct values were seen; counts are a lower bound` }),
    });
  }
  return out;
}

export function unplannedFindings(ctx: RuleContext, t: PropertyTarget): RawFinding[] {
  const out: RawFinding[] = [];
  const linked = ctx.matches.propertiesByObserved.get(scopeKey(t.scope, t.event?.name));
  for (const [name, s] of t.observed) {
    if (t.planned.has(name) || isHeapBuiltin(name) || s.present === s.nulls) continue;
    const planned = linked?.get(name);
    // A misspelt required property is reported by property-missing, with this one as evidence.
    if (planned !== undefined && t.scope === 'event' && t.planned.get(planned)!.required) continue;
    out.push({
      rule: '',
      ...base(t, name, t.location),
      message: `${label(t, name)} is not in the plan (${count(s.present)} of ${plural(t.total, t.scope === 'event' ? 'event' : 'record')})${planned !== undefined ? `; it looks like planned ${q(planned)}, which was not observed` : ''}`,
      evidence: { count: s.present, total: t.total, rate: s.present / t.total, ...(planned !== undefined ? { related: { name: planned, location: t.planned.get(planned)!.location } } : {}) },
      suggestion: planned !== undefined ? `rename it to ${planned} where it is sent, or plan it` : `add ${name} to the plan, or stop sending it`,
    });
  }
  return out;
}

type Check = (ctx: RuleContext, t: PropertyTarget) => RawFinding[];

/** A rule that runs one of the checks above over the targets of one scope. */
export function propertyRule(id: string, scope: Scope, check: Check, doc: string, defaultSeverity: Rule['defaultSeverity']): Rule {
  return {
    id,
    defaultSeverity,
    needs: 'observed',
    doc,
    check: (ctx) => propertyTargets(ctx, scope).flatMap((t) => check(ctx, t).map((f) => ({ ...f, rule: id }))),
  };
}
