// The one aggregate of what Heap observed. Every source feeds it; the rules only read it.
// Counts are exact; memory is bounded by the number of distinct (event, property, kind) and the
// limits, never by the number of records. Names come from untrusted traffic, so everything is
// keyed by Map (no "__proto__" surprises).
import { truncate } from '../util/visible.ts';
import { kindOf, type ValueKind } from './kinds.ts';
import {
  DEFAULT_LIMITS,
  type EntityStats,
  type EventStats,
  type KindStats,
  type Limits,
  type MalformedSample,
  type ObservedRecord,
  type DistinctValue,
  type PropertyStats,
  type RecordCounts,
  type SourceInfo,
  type Window,
} from './types.ts';

export interface Gap {
  since: number;
  until: number;
  reason: string;
}

export interface ObservationsOptions {
  window?: Window;
  limits?: Partial<Limits>;
  /** Event names always kept, even past the bound on distinct names (the plan's events). */
  pinnedEvents?: Iterable<string>;
}

const MAX_MALFORMED_SAMPLES = 5;

export class Observations {
  readonly limits: Limits;
  readonly window: Window;
  readonly sources: SourceInfo[] = [];
  readonly records: RecordCounts = { read: 0, accepted: 0, outsideWindow: 0, malformed: 0, dropped: 0 };
  readonly malformedSamples: MalformedSample[] = [];
  /** Why the data is incomplete; empty when it is complete. */
  readonly incomplete: string[] = [];
  /** Time ranges that could not be read. */
  readonly gaps: Gap[] = [];
  /** Things the user should know that do not make the data incomplete. */
  readonly notices: string[] = [];
  readonly events = new Map<string, EventStats>();
  readonly users: EntityStats = { count: 0, properties: new Map() };
  readonly accounts: EntityStats = { count: 0, properties: new Map() };
  /** Property occurrences not kept because an event, user or account reached maxProperties. */
  droppedProperties = 0;
  private readonly pinned: Set<string>;

  constructor(options: ObservationsOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.window = { ...options.window };
    this.pinned = new Set(options.pinnedEvents ?? []);
  }

  /** The options of this aggregate: another made with them counts the same way (parts read apart). */
  settings(): { window: Window; limits: Limits; pinnedEvents: string[] } {
    return { window: { ...this.window }, limits: { ...this.limits }, pinnedEvents: [...this.pinned] };
  }

  get complete(): boolean {
    return this.incomplete.length === 0;
  }

  /** true: every source keeps JSON types; false: none does; 'mixed': some do. */
  get typed(): boolean | 'mixed' {
    if (this.sources.length === 0) return true;
    const t = this.sources.filter((s) => s.typed).length;
    return t === this.sources.length ? true : t === 0 ? false : 'mixed';
  }

  addSource(info: SourceInfo): void {
    this.sources.push(info);
  }

  markIncomplete(reason: string, gap?: { since: number; until: number }): void {
    if (!this.incomplete.includes(reason)) this.incomplete.push(reason);
    if (gap) this.gaps.push({ ...gap, reason });
  }

  notice(message: string): void {
    if (!this.notices.includes(message)) this.notices.push(message);
  }

  malformed(sample: MalformedSample): void {
    this.records.read++;
    this.records.malformed++;
    if (this.malformedSamples.length < MAX_MALFORMED_SAMPLES) this.malformedSamples.push(sample);
  }

  /** Count one record. Returns false when it was outside the window or not kept. */
  add(record: ObservedRecord): boolean {
    const into = this.countRecord(record.kind, record.event, record.time, record.platform);
    if (!into) return false;
    const props = record.properties;
    for (const name of Object.keys(props)) {
      const p = this.stats(into, name);
      if (p) this.observeValue(p, props[name]);
    }
    return true;
  }

  /**
   * For sources whose rows have fixed columns (Heap Connect): each column's stats are found once
   * per file instead of once per row. Null columns are not observed.
   */
  rows(kind: ObservedRecord['kind'], event: string | undefined, columns: readonly string[]): (time: number | undefined, platform: string | undefined, row: Record<string, unknown>) => boolean {
    let into: Map<string, PropertyStats> | undefined;
    const stats: (Stats | null | undefined)[] = new Array(columns.length);
    return (time, platform, row) => {
      const props = this.countRecord(kind, event, time, platform);
      if (!props) return false;
      if (props !== into) {
        into = props;
        stats.fill(undefined);
      }
      for (let i = 0; i < columns.length; i++) {
        const v = row[columns[i]!];
        if (v === null || v === undefined) continue;
        let p = stats[i];
        if (p === undefined) {
          p = stats[i] = this.stats(props, columns[i]!) ?? null; // counts a drop itself
          if (p === null) continue;
        } else if (p === null) {
          this.droppedProperties++;
          continue;
        }
        this.observeValue(p, v);
      }
      return true;
    };
  }

  /** Window, counts, time and platform of one record; the property map its values go to, or undefined when it is not kept. */
  private countRecord(kind: ObservedRecord['kind'], event: string | undefined, t: number | undefined, platform: string | undefined): Map<string, PropertyStats> | undefined {
    this.records.read++;
    if (t !== undefined && ((this.window.since !== undefined && t < this.window.since) || (this.window.until !== undefined && t >= this.window.until))) {
      this.records.outsideWindow++;
      return undefined;
    }
    this.records.accepted++;
    if (kind !== 'event') {
      const entity = kind === 'user' ? this.users : this.accounts;
      entity.count++;
      return entity.properties;
    }
    const name = event!;
    let e = this.events.get(name);
    if (!e) {
      if (this.events.size >= this.limits.maxEvents && !this.pinned.has(name)) {
        this.records.accepted--;
        this.records.dropped++;
        return undefined;
      }
      e = { name, count: 0, platforms: new Map(), properties: new Map() };
      this.events.set(name, e);
    }
    e.count++;
    if (t !== undefined) {
      if (e.firstSeen === undefined || t < e.firstSeen) e.firstSeen = t;
      if (e.lastSeen === undefined || t > e.lastSeen) e.lastSeen = t;
    }
    if (platform !== undefined) e.platforms.set(platform, (e.platforms.get(platform) ?? 0) + 1);
    return e.properties;
  }

  /** A property's stats, made on first sight; undefined past maxProperties (the value is dropped). */
  private stats(into: Map<string, PropertyStats>, name: string): Stats | undefined {
    let p = into.get(name) as Stats | undefined;
    if (!p) {
      if (into.size >= this.limits.maxProperties) {
        this.droppedProperties++;
        return undefined;
      }
      p = new Stats();
      into.set(name, p);
    }
    return p;
  }

  private observeValue(p: Stats, value: unknown): void {
    p.present++;
    const kind = kindOf(value);
    // Most properties have one kind: remember the last one to skip the map lookup.
    let k = p.lastKind === kind ? p.lastKindStats : p.kinds.get(kind);
    if (k === undefined) {
      k = { count: 0, examples: [] };
      p.kinds.set(kind, k);
    }
    p.lastKind = kind;
    p.lastKindStats = k;
    k.count++;
    if (kind === 'null') {
      p.nulls++;
      if (k.examples.length === 0) k.examples.push('null');
      return;
    }
    if (typeof value === 'object' || (typeof value === 'number' && !Number.isFinite(value))) {
      // Arrays and objects are counted by kind, with examples, but not as distinct values; so are
      // NaN and the infinities (an Avro double can hold them), which JSON, and so a snapshot or a
      // part read by a worker thread, could not carry as values.
      this.example(k, value);
      return;
    }
    if (p.overflow) {
      // Past the bound, values are only counted: looking each one up in a full table would
      // cost more than everything else the aggregate does, and the table is a sample by now.
      p.overflowCount++;
      if (k.examples.length < this.limits.maxExamples) this.example(k, value);
      return;
    }
    if (p.isNew(value as DistinctValue, this.limits)) this.example(k, value);
  }

  private example(k: KindStats, value: unknown): void {
    const { maxExamples, maxExampleLength } = this.limits;
    // Shorter examples come first, and JSON text is never shorter than the string it quotes:
    // when the list is full, a longer candidate is turned away without being stringified.
    if (k.examples.length >= maxExamples && typeof value === 'string' && Math.min(value.length, maxExampleLength) + 2 > k.examples[k.examples.length - 1]!.length) return;
    addExample(k.examples, exampleText(value, maxExampleLength), maxExamples);
  }

  /** Add everything another aggregate holds (several snapshots or sources into one). */
  merge(other: Observations): void {
    this.sources.push(...other.sources);
    for (const k of Object.keys(this.records) as (keyof RecordCounts)[]) this.records[k] += other.records[k];
    for (const s of other.malformedSamples) if (this.malformedSamples.length < MAX_MALFORMED_SAMPLES) this.malformedSamples.push(s);
    for (const r of other.incomplete) this.markIncomplete(r);
    this.gaps.push(...other.gaps);
    for (const n of other.notices) this.notice(n);
    this.droppedProperties += other.droppedProperties;
    for (const [name, oe] of other.events) {
      let e = this.events.get(name);
      if (!e) {
        if (this.events.size >= this.limits.maxEvents && !this.pinned.has(name)) {
          // Counted as accepted where they were read; here they are not kept.
          this.records.accepted -= oe.count;
          this.records.dropped += oe.count;
          continue;
        }
        e = { name, count: 0, platforms: new Map(), properties: new Map() };
        this.events.set(name, e);
      }
      e.count += oe.count;
      if (oe.firstSeen !== undefined && (e.firstSeen === undefined || oe.firstSeen < e.firstSeen)) e.firstSeen = oe.firstSeen;
      if (oe.lastSeen !== undefined && (e.lastSeen === undefined || oe.lastSeen > e.lastSeen)) e.lastSeen = oe.lastSeen;
      for (const [pl, n] of oe.platforms) e.platforms.set(pl, (e.platforms.get(pl) ?? 0) + n);
      this.mergeProperties(e.properties, oe.properties);
    }
    this.users.count += other.users.count;
    this.mergeProperties(this.users.properties, other.users.properties);
    this.accounts.count += other.accounts.count;
    this.mergeProperties(this.accounts.properties, other.accounts.properties);
  }

  private mergeProperties(into: Map<string, PropertyStats>, from: Map<string, PropertyStats>): void {
    for (const [name, op] of from) {
      let p = into.get(name);
      if (!p) {
        if (into.size >= this.limits.maxProperties) {
          this.droppedProperties += op.present;
          continue;
        }
        p = emptyPropertyStats();
        into.set(name, p);
      }
      p.present += op.present;
      p.nulls += op.nulls;
      for (const [kind, ok] of op.kinds) {
        let k = p.kinds.get(kind);
        if (!k) {
          k = { count: 0, examples: [] };
          p.kinds.set(kind, k);
        }
        k.count += ok.count;
        for (const ex of ok.examples) addExample(k.examples, ex, this.limits.maxExamples);
      }
      for (const [key, count] of op.values) addValueCount(p, key, count, this.limits);
      p.overflow ||= op.overflow;
      p.overflowCount += op.overflowCount;
    }
  }

  /** Planned or not, the time span the data covers: the requested window, else first to last seen. */
  span(): Window {
    if (this.window.since !== undefined && this.window.until !== undefined) return { ...this.window };
    let first: number | undefined;
    let last: number | undefined;
    for (const e of this.events.values()) {
      if (e.firstSeen !== undefined && (first === undefined || e.firstSeen < first)) first = e.firstSeen;
      if (e.lastSeen !== undefined && (last === undefined || e.lastSeen > last)) last = e.lastSeen;
    }
    const out: Window = {};
    const since = this.window.since ?? first;
    const until = this.window.until ?? (last === undefined ? undefined : last + 1);
    if (since !== undefined) out.since = since;
    if (until !== undefined) out.until = until;
    return out;
  }
}

/**
 * PropertyStats with the aggregate's hot-path state. Booleans and small non-negative integers
 * (counts, ratings, quantities) are counted in plain fields and a dense array instead of the
 * hash map: with many properties, hash lookups miss the cache on every value, and they were
 * most of the aggregation's cost. `values` folds them into the map on first read; after that,
 * everything goes to the map.
 */
class Stats implements PropertyStats {
  present = 0;
  nulls = 0;
  kinds = new Map<ValueKind, KindStats>();
  overflow = false;
  overflowCount = 0;
  lastKind: ValueKind | undefined = undefined;
  lastKindStats: KindStats | undefined = undefined;
  /** Other values: each gets a slot; its count is tallied there (one map lookup per value). */
  private readonly slots = new Map<DistinctValue, number>();
  private readonly tally: number[] = [];
  private small: Int32Array | undefined = undefined;
  private trues = 0;
  private falses = 0;
  /** Distinct values counted outside `slots` (small integers and booleans). */
  private smallDistinct = 0;
  private cached: Map<DistinctValue, number> | undefined;

  /** The distinct values and their counts, gathered from where they are kept (read-only). */
  get values(): Map<DistinctValue, number> {
    if (!this.cached) {
      const out = new Map<DistinctValue, number>();
      for (const [v, slot] of this.slots) out.set(v, this.tally[slot]!);
      if (this.small) for (let i = 0; i < SMALL_INTS; i++) if (this.small[i]! > 0) out.set(i, this.small[i]!);
      if (this.trues > 0) out.set(true, this.trues);
      if (this.falses > 0) out.set(false, this.falses);
      this.cached = out;
    }
    return this.cached;
  }

  /** Count one non-null primitive value. Returns true when it was not seen before. */
  isNew(value: DistinctValue, limits: Limits): boolean {
    return this.add(value, 1, limits);
  }

  /** Count `n` occurrences of a value (merges and snapshots add several at once). */
  add(value: DistinctValue, n: number, limits: Limits): boolean {
    this.cached = undefined;
    if (typeof value === 'boolean') {
      const before = value ? this.trues : this.falses;
      if (before > 0) {
        if (value) this.trues += n;
        else this.falses += n;
        return false;
      }
      if (this.slots.size + this.smallDistinct >= limits.maxDistinctValues) return this.overflowed(n);
      if (value) this.trues = n;
      else this.falses = n;
      this.smallDistinct++;
      return true;
    }
    if (typeof value === 'number' && value >= 0 && value < SMALL_INTS && (value | 0) === value) {
      this.small ??= new Int32Array(SMALL_INTS);
      if (this.small[value]! > 0) {
        this.small[value]! += n;
        return false;
      }
      if (this.slots.size + this.smallDistinct >= limits.maxDistinctValues) return this.overflowed(n);
      this.small[value] = n;
      this.smallDistinct++;
      return true;
    }
    const key = typeof value === 'string' && value.length > limits.maxValueLength ? value.slice(0, limits.maxValueLength) : value;
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      this.tally[slot]! += n;
      return false;
    }
    if (this.slots.size + this.smallDistinct >= limits.maxDistinctValues) return this.overflowed(n);
    this.slots.set(key, this.tally.length);
    this.tally.push(n);
    return true;
  }

  private overflowed(n: number): true {
    this.overflow = true;
    this.overflowCount += n;
    return true;
  }
}

/** Add `count` occurrences of a value to a property's distinct values (merges, snapshots). */
export function addValueCount(p: PropertyStats, value: DistinctValue, count: number, limits: Limits): void {
  (p as Stats).add(value, count, limits);
}

const SMALL_INTS = 1024;

export function emptyPropertyStats(): PropertyStats {
  return new Stats();
}

/** Shorter first, then in code-unit order: the examples kept do not depend on arrival order. */
export const exampleOrder = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Keep the `max` first examples in exampleOrder among all offered. */
export function addExample(examples: string[], ex: string, max: number): void {
  if (examples.includes(ex)) return;
  if (examples.length >= max) {
    if (exampleOrder(ex, examples[examples.length - 1]!) >= 0) return;
    examples.pop();
  }
  examples.push(ex);
  examples.sort(exampleOrder);
}

/** An example as JSON text ("N/A" with its quotes, 12 without), shortened. */
export function exampleText(value: unknown, maxLength: number): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value, maxLength));
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON would say null
  const json = JSON.stringify(value) ?? 'null';
  return truncate(json, maxLength);
}
