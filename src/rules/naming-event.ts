import { describe, follows } from './naming.ts';
import { plural, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'naming-event',
  defaultSeverity: 'warn',
  needs: 'plan',
  doc: "An event name breaks the plan's naming.events convention (title, snake, camel, pascal, kebab or a /regex/). Planned names are checked at their place in the plan; observed names that the plan does not have (and ignore_events does not cover) are checked too, and point at the events: section.",
  check(ctx) {
    const { plan, obs } = ctx;
    const c = plan.naming.events;
    if (!c) return [];
    const out: RawFinding[] = [];
    for (const e of plan.events.values()) {
      if (follows(e.name, c)) continue;
      out.push({ rule: rule.id, scope: 'event', event: e.name, location: e.location, message: `planned event name ${q(e.name)} ${describe(c)}`, evidence: {} });
    }
    if (obs) {
      const location = plan.eventsKeys[0] ?? { file: plan.files[0] ?? '', line: 1, column: 1 };
      for (const [name, e] of obs.events) {
        if (plan.events.has(name) || plan.ignoreEvents.some((m) => m.test(name)) || follows(name, c)) continue;
        out.push({ rule: rule.id, scope: 'event', event: name, location, message: `observed event name ${q(name)} ${describe(c)} (${plural(e.count, 'event')})`, evidence: { count: e.count } });
      }
    }
    return out;
  },
};
export default rule;
