import { isHeapBuiltin } from './heap-builtins.ts';
import { describe, follows } from './naming.ts';
import { propertyTargets } from './properties.ts';
import { plural, propLabel, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'naming-property',
  defaultSeverity: 'warn',
  needs: 'plan',
  doc: "A property name breaks the plan's naming.properties convention. Planned names (of events, shared, user and account properties) are checked at their place in the plan; observed properties of planned events, users and accounts that the plan does not have are checked too (Heap's autocaptured properties excepted).",
  check(ctx) {
    const { plan } = ctx;
    const c = plan.naming.properties;
    if (!c) return [];
    const out: RawFinding[] = [];
    const planned = (scope: 'event' | 'user' | 'account' | 'plan', props: Iterable<[string, { location: RawFinding['location'] }]>, event?: string) => {
      for (const [name, def] of props) {
        if (follows(name, c)) continue;
        const where = scope === 'plan' ? `shared property ${q(name)}` : scope === 'event' ? `property ${q(name)} of ${q(event!)}` : `${scope} property ${q(name)}`;
        out.push({ rule: rule.id, scope, ...(event !== undefined ? { event } : {}), property: name, location: def.location, message: `planned ${where} ${describe(c)}`, evidence: {} });
      }
    };
    planned('plan', plan.sharedProperties);
    for (const e of plan.events.values()) planned('event', [...e.properties].filter(([, p]) => !p.ref || p.name !== p.ref.target.split('/').pop()), e.name);
    planned('user', plan.userProperties);
    planned('account', plan.accountProperties);
    // With observed data, the unplanned properties that were sent too.
    for (const scope of ['event', 'user', 'account'] as const) {
      for (const t of ctx.obs ? propertyTargets({ ...ctx, obs: ctx.obs }, scope) : []) {
        for (const [name, s] of t.observed) {
          if (t.planned.has(name) || isHeapBuiltin(name) || s.present === s.nulls || follows(name, c)) continue;
          out.push({
            rule: rule.id,
            scope,
            ...(t.event ? { event: t.event.name } : {}),
            property: name,
            location: t.location,
            message: `observed ${propLabel(scope, t.event?.name, name)} ${describe(c)} (${plural(s.present, scope === 'event' ? 'event' : 'record')})`,
            evidence: { count: s.present },
          });
        }
      }
    }
    return out;
  },
};
export default rule;
