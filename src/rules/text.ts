// How rule messages name things and numbers. Names come from traffic: they are quoted and
// shortened here; escaping for each output format is the reporters' job.
import { count } from '../util/format.ts';
import { truncate } from '../util/visible.ts';

export { count, pct, plural } from '../util/format.ts';

export const q = (name: string): string => `"${truncate(name, 120)}"`;

/** "Order Completed".currency */
export const propLabel = (scope: 'event' | 'user' | 'account', event: string | undefined, property: string): string =>
  scope === 'event' ? `${q(event!)}.${truncate(property, 120)}` : `${scope} property ${q(property)}`;

/** Platforms by volume, then name: the same whatever order the records came in. */
export function sortedPlatforms(platforms: Map<string, number>): { name: string; count: number }[] {
  return [...platforms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, n]) => ({ name, count: n }));
}

export function platformList(platforms: Map<string, number>): string {
  return sortedPlatforms(platforms).map((p) => `${truncate(p.name, 40)} ${count(p.count)}`).join(', ');
}
