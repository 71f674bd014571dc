// Near matches: an observed name that is not planned but looks like a planned name that was not
// observed ("order_completed" for "Order Completed", "Review Submited" for "Review Submitted").
// One finding links the two instead of a missing plus an unplanned one.
import type { Observations } from '../observed/aggregate.ts';
import type { Plan, PropertyDef } from '../plan/types.ts';
import { editDistance } from '../util/similar.ts';
import { isHeapBuiltin } from './heap-builtins.ts';

export interface Matches {
  /** planned event -> the unplanned observed event that looks like it */
  events: Map<string, string>;
  /** observed event -> planned event */
  eventsByObserved: Map<string, string>;
  /** "scope\0event" -> planned property -> observed property */
  properties: Map<string, Map<string, string>>;
  /** "scope\0event" -> observed property -> planned property */
  propertiesByObserved: Map<string, Map<string, string>>;
}

export const normalizeName = (s: string): string => s.toLowerCase().replace(/[\s_\-.]+/g, '');

/** Are two different names plausibly the same one, misspelt or in another case or separator style? */
export function looksAlike(a: string, b: string): boolean {
  if (a === b) return false;
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === nb) return na.length > 0;
  const shorter = Math.min(na.length, nb.length);
  if (shorter < 5 || Math.max(na.length, nb.length) > 200) return false;
  const max = shorter >= 12 ? 2 : 1;
  return editDistance(na, nb, max) <= max;
}

/** Pair each missing name with at most one unplanned name, closest first, then by volume. */
function pair(missing: string[], unplanned: [string, number][]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  const candidates: { planned: string; observed: string; d: number; n: number }[] = [];
  for (const m of missing) {
    for (const [u, n] of unplanned) {
      if (looksAlike(m, u)) candidates.push({ planned: m, observed: u, d: editDistance(normalizeName(m), normalizeName(u)), n });
    }
  }
  candidates.sort((x, y) => x.d - y.d || y.n - x.n || (x.observed < y.observed ? -1 : 1));
  for (const c of candidates) {
    if (out.has(c.planned) || taken.has(c.observed)) continue;
    out.set(c.planned, c.observed);
    taken.add(c.observed);
  }
  return out;
}

export const scopeKey = (scope: string, event = ''): string => `${scope}\u0000${event}`;

export function findMatches(plan: Plan, obs: Observations | undefined): Matches {
  const m: Matches = { events: new Map(), eventsByObserved: new Map(), properties: new Map(), propertiesByObserved: new Map() };
  if (!obs) return m;
  const missing = [...plan.events.values()].filter((e) => e.status === 'active' && !obs.events.has(e.name)).map((e) => e.name);
  const unplanned: [string, number][] = [];
  for (const [name, e] of obs.events) {
    if (!plan.events.has(name) && !plan.ignoreEvents.some((x) => x.test(name))) unplanned.push([name, e.count]);
  }
  if (missing.length && unplanned.length) {
    m.events = pair(missing, unplanned);
    for (const [p, o] of m.events) m.eventsByObserved.set(o, p);
  }
  const props = (key: string, planned: Map<string, PropertyDef>, observed: Map<string, { present: number }>) => {
    const miss = [...planned.keys()].filter((p) => !(observed.get(p)?.present));
    const extra: [string, number][] = [...observed].filter(([p]) => !planned.has(p) && !isHeapBuiltin(p)).map(([p, s]) => [p, s.present]);
    if (!miss.length || !extra.length) return;
    const pairs = pair(miss, extra);
    if (!pairs.size) return;
    m.properties.set(key, pairs);
    m.propertiesByObserved.set(key, new Map([...pairs].map(([p, o]) => [o, p])));
  };
  for (const e of plan.events.values()) {
    const seen = obs.events.get(e.name);
    if (seen) props(scopeKey('event', e.name), e.properties, seen.properties);
  }
  if (obs.users.count) props(scopeKey('user'), plan.userProperties, obs.users.properties);
  if (obs.accounts.count) props(scopeKey('account'), plan.accountProperties, obs.accounts.properties);
  return m;
}
