// Where a finding belongs in the formats that group findings (console, JUnit): its event, or
// the user properties, the account properties, or the plan itself.
import type { Finding } from '../src/report/types.ts';

export interface FindingGroup {
  /** Unique per group: events cannot collide with the other groups. */
  key: string;
  /** The event's name (raw: escape it for the medium), or a fixed label. */
  label: string;
  isEvent: boolean;
}

const LABELS = { user: 'user properties', account: 'account properties', plan: 'plan' } as const;

export function findingGroup(f: Finding): FindingGroup {
  if (f.event !== undefined) return { key: `event\u0000${f.event}`, label: f.event, isEvent: true };
  const scope = f.scope === 'event' ? 'plan' : f.scope;
  return { key: scope, label: LABELS[scope], isEvent: false };
}

export function eventGroupKey(name: string): string {
  return `event\u0000${name}`;
}
