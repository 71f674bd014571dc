import type { Position } from '../errors.ts';
import { normalizeName } from './matching.ts';
import { q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const at = (p: Position) => `${p.file}:${p.line}`;

const rule: Rule = {
  id: 'plan-duplicate-name',
  defaultSeverity: 'error',
  needs: 'plan',
  doc: 'Two planned events, or two properties of one event (or of users, or of accounts), have names that differ only by case, spaces, "_" or "-" ("Order Completed" and "order_completed"). Heap treats them as different names, so data splits between them; one of them is almost always a mistake. The finding points at the second and names the first.',
  check(ctx) {
    const { plan } = ctx;
    const out: RawFinding[] = [];
    const scan = (names: Iterable<[string, Position]>, make: (name: string, first: string, firstAt: Position, location: Position) => RawFinding) => {
      const seen = new Map<string, [string, Position]>();
      for (const [name, location] of names) {
        const key = normalizeName(name);
        const first = seen.get(key);
        if (first) out.push(make(name, first[0], first[1], location));
        else seen.set(key, [name, location]);
      }
    };
    scan([...plan.events.values()].map((e) => [e.name, e.location]), (name, first, firstAt, location) => ({
      rule: rule.id,
      scope: 'event',
      event: name,
      location,
      message: `planned events ${q(first)} (${at(firstAt)}) and ${q(name)} differ only by case or separators`,
      evidence: { related: { name: first, location: firstAt } },
      suggestion: 'keep one name and remove or rename the other',
    }));
    const props = (scope: 'event' | 'user' | 'account', m: Map<string, { location: Position }>, event?: string) =>
      scan([...m].map(([n, p]) => [n, p.location]), (name, first, firstAt, location) => ({
        rule: rule.id,
        scope,
        ...(event !== undefined ? { event } : {}),
        property: name,
        location,
        message: `${event !== undefined ? `properties of ${q(event)}` : `${scope} properties`} ${q(first)} (${at(firstAt)}) and ${q(name)} differ only by case or separators`,
        evidence: { related: { name: first, location: firstAt } },
        suggestion: 'keep one name and remove or rename the other',
      }));
    for (const e of plan.events.values()) props('event', e.properties, e.name);
    props('user', plan.userProperties);
    props('account', plan.accountProperties);
    return out;
  },
};
export default rule;
