// How rule messages name things and numbers. Names come from traffic: they are quoted and
// shortened here; escaping for each output format is the reporters' job.
import { count } from '../util/format.ts';
import { truncate } from '../util/visible.ts';

export { count, pct, plural } from '../util/format.ts';

export const q = (name: string): string => `"${truncate(name, 120)}"`;

/** "Order Completed".currency */
export const propLabel = (scope: 'event' | 'user' | 'account', event: string | undefined, property: string): string =>
  scope === 'event' ? `${q(event!)}.${truncate(property, 120)}` : `${scope} property ${q(property)}`;

export function platformList(platforms: Map<string, number>): string {
  return [...platforms].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${truncate(p, 40)} ${count(n)}`).join(', ');
}
