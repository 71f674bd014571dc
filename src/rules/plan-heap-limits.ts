import { count, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

/** Heap's documented limits: heap.track event names and property names and values. */
export const HEAP_LIMITS = { eventName: 255, propertyName: 1024, propertyValue: 1024 } as const;

const rule: Rule = {
  id: 'plan-heap-limits',
  defaultSeverity: 'error',
  needs: 'plan',
  doc: "A planned name or enum value is longer than Heap accepts: event names over 255 characters (the limit of client-side heap.track), property names or string values over 1,024. Heap truncates or drops them, so the plan can never be met.",
  check(ctx) {
    const { plan } = ctx;
    const out: RawFinding[] = [];
    const len = (s: string) => [...s].length;
    const props = (scope: 'event' | 'user' | 'account' | 'plan', m: Map<string, import('../plan/types.ts').PropertyDef>, event?: string) => {
      for (const [name, def] of m) {
        const base = { rule: rule.id, scope, ...(event !== undefined ? { event } : {}), property: name, location: def.location } as const;
        if (len(name) > HEAP_LIMITS.propertyName) {
          out.push({ ...base, message: `property name ${q(name)} is ${count(len(name))} characters long; Heap accepts ${count(HEAP_LIMITS.propertyName)}`, evidence: { count: len(name) } });
        }
        const long = (def.enum ?? []).filter((v): v is string => typeof v === 'string' && len(v) > HEAP_LIMITS.propertyValue);
        if (long.length) {
          out.push({ ...base, message: `${long.length} enum value(s) of ${q(name)} are longer than the ${count(HEAP_LIMITS.propertyValue)} characters Heap keeps`, evidence: { count: long.length } });
        }
      }
    };
    for (const e of plan.events.values()) {
      if (len(e.name) > HEAP_LIMITS.eventName) {
        out.push({ rule: rule.id, scope: 'event', event: e.name, location: e.location, message: `event name ${q(e.name)} is ${count(len(e.name))} characters long; heap.track accepts ${HEAP_LIMITS.eventName}`, evidence: { count: len(e.name) } });
      }
      props('event', e.properties, e.name);
    }
    props('plan', plan.sharedProperties);
    props('user', plan.userProperties);
    props('account', plan.accountProperties);
    return out;
  },
};
export default rule;
