// The report: what the rule engine concludes and every reporter formats. Its JSON form is
// specs/report.schema.json, the contract of the json reporter.
import type { Position } from '../errors.ts';
import type { ValueKind } from '../observed/kinds.ts';
import type { RecordCounts, SourceInfo } from '../observed/types.ts';

export type Severity = 'error' | 'warn' | 'info';

export interface KindShare {
  kind: ValueKind;
  count: number;
  /** count / the property's non-null occurrences */
  share: number;
  /** Whether the planned type admits this kind. */
  admitted: boolean;
  examples: string[];
}

/** What a finding was concluded from. Every field that applies is filled in. */
export interface Evidence {
  /** Occurrences that show the problem (events, values, or records). */
  count?: number;
  /** The occurrences it is measured against. */
  total?: number;
  /** count / total, 0..1 */
  rate?: number;
  /** False when `count` is a lower bound (distinct values overflowed). */
  exact?: boolean;
  kinds?: KindShare[];
  /** A few offending values, as JSON text. */
  examples?: string[];
  platforms?: { name: string; count: number }[];
  /** The planned type(s), for type findings. */
  expected?: string[];
  /** For event-platform-missing: the planned platform that sent nothing. */
  platform?: string;
  /** For a near match: the other name and its volume. */
  related?: { name: string; count?: number; location?: Position };
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** event (or event property), user or account property, or the plan itself */
  scope: 'event' | 'user' | 'account' | 'plan';
  event?: string;
  property?: string;
  location: Position;
  evidence: Evidence;
  suggestion?: string;
}

export interface Coverage {
  /** Active planned events observed / active planned events. */
  events: { seen: number; planned: number; rate: number | null };
  /** Planned properties of observed events seen with only admitted kinds / those planned properties. */
  properties: { ok: number; planned: number; rate: number | null };
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  coverage: Coverage | null;
}

export interface ObservedSummary {
  sources: SourceInfo[];
  typed: boolean | 'mixed';
  window: { since: string | null; until: string | null };
  records: RecordCounts;
  events: { observed: number; planned: number };
  /** User and account records counted. */
  entities: { users: number; accounts: number };
  complete: boolean;
  incomplete: string[];
  gaps: { since: string; until: string; reason: string }[];
}

export interface Report {
  version: 1;
  tool: { name: 'tracklint'; version: string };
  generatedAt: string;
  plan: {
    files: string[];
    events: number;
    properties: number;
    /** Every planned event with its status and place, for formats that list passing checks too. */
    eventList: { name: string; status: 'active' | 'planned' | 'deprecated'; location: Position }[];
  };
  observed: ObservedSummary | null;
  summary: Summary;
  findings: Finding[];
  /** Things the user should know: rules that could not conclude, data caveats. */
  notices: string[];
}
