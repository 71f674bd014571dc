import type { ValueKind } from './kinds.ts';

export type RecordKind = 'event' | 'user' | 'account';

/** One record from a source, normalised (see specs/observed-record.schema.json). */
export interface ObservedRecord {
  kind: RecordKind;
  /** Event name, for kind 'event'. */
  event?: string;
  /** Milliseconds since the epoch, when the record has a time. */
  time?: number;
  platform?: string;
  properties: Record<string, unknown>;
}

/** A time window [since, until), in milliseconds; either end may be open. */
export interface Window {
  since?: number;
  until?: number;
}

export type DistinctValue = string | number | boolean;

export interface KindStats {
  count: number;
  /** A few distinct example values of this kind, shortened. */
  examples: string[];
}

export interface PropertyStats {
  /** Records that carried the key (null values included). */
  present: number;
  nulls: number;
  kinds: Map<ValueKind, KindStats>;
  /**
   * Distinct string, number and boolean values (up to the bound) and how often each came, keyed
   * by the value itself (so 12 and "12" stay apart). Strings longer than maxValueLength are cut.
   */
  readonly values: Map<DistinctValue, number>;
  /**
   * True when more distinct values came than the bound. `values` then holds the counts up to the
   * moment the bound was passed, and `overflowCount` every (non-null) occurrence after it.
   */
  overflow: boolean;
  /** Occurrences not counted in `values` because of the bound. */
  overflowCount: number;
}

export interface EventStats {
  name: string;
  count: number;
  firstSeen?: number;
  lastSeen?: number;
  platforms: Map<string, number>;
  properties: Map<string, PropertyStats>;
}

export interface EntityStats {
  /** Records of this kind (user or account). */
  count: number;
  properties: Map<string, PropertyStats>;
}

export interface SourceInfo {
  kind: string;
  location: string;
  typed: boolean;
}

export interface RecordCounts {
  /** Records read from the sources (within and outside the window, malformed included). */
  read: number;
  /** Records counted in the aggregate. */
  accepted: number;
  /** Records outside the window. */
  outsideWindow: number;
  malformed: number;
  /** Events not kept because the aggregate reached its bound on distinct event names. */
  dropped: number;
}

export interface MalformedSample {
  file: string;
  line: number;
  reason: string;
}

export interface Limits {
  /** Distinct values kept per property. */
  maxDistinctValues: number;
  /** Examples kept per (property, kind). */
  maxExamples: number;
  /** Characters kept of an example value. */
  maxExampleLength: number;
  /** Characters of a value kept for distinct-value counting (Heap's own limit is 1,024). */
  maxValueLength: number;
  /** Distinct event names kept (planned names are always kept). */
  maxEvents: number;
  /** Distinct properties kept per event, user or account. */
  maxProperties: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDistinctValues: 1000,
  maxExamples: 5,
  maxExampleLength: 80,
  maxValueLength: 1024,
  maxEvents: 10_000,
  maxProperties: 2_000,
};
