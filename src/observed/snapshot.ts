// The aggregate as a versioned JSON document (specs/snapshot.schema.json), so a check can be
// repeated offline and tests can pin real-looking data. Names are kept in arrays of objects,
// never as JSON keys, so no name from traffic can collide with anything.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import snapshotSchema from '../../specs/snapshot.schema.json' with { type: 'json' };
import { iso } from '../util/time.ts';
import { addValueCount, emptyPropertyStats, Observations } from './aggregate.ts';
import type { ValueKind } from './kinds.ts';
import type { DistinctValue, EntityStats, EventStats, Limits, PropertyStats } from './types.ts';

export const SNAPSHOT_FORMAT = 'tracklint-observations';
export const SNAPSHOT_VERSION = 1;

interface PropertyJson {
  name: string;
  present: number;
  nulls: number;
  kinds: { kind: ValueKind; count: number; examples: string[] }[];
  values: { value: DistinctValue; count: number }[];
  overflow: boolean;
  overflow_count: number;
}

export interface SnapshotJson {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  created: string;
  window: { since: string | null; until: string | null };
  sources: { kind: string; location: string; typed: boolean }[];
  records: { read: number; accepted: number; outside_window: number; malformed: number; dropped: number };
  malformed_samples: { file: string; line: number; reason: string }[];
  complete: boolean;
  incomplete: string[];
  gaps: { since: string; until: string; reason: string }[];
  notices: string[];
  limits: Limits;
  dropped_properties: number;
  events: {
    name: string;
    count: number;
    first_seen: string | null;
    last_seen: string | null;
    platforms: { name: string; count: number }[];
    properties: PropertyJson[];
  }[];
  users: { count: number; properties: PropertyJson[] };
  accounts: { count: number; properties: PropertyJson[] };
}

const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : iso(ms));

export function toSnapshot(obs: Observations, now = Date.now()): SnapshotJson {
  const span = obs.span();
  const props = (m: Map<string, PropertyStats>): PropertyJson[] =>
    [...m].map(([name, p]) => ({
      name,
      present: p.present,
      nulls: p.nulls,
      kinds: [...p.kinds].map(([kind, k]) => ({ kind, count: k.count, examples: k.examples })),
      values: [...p.values].map(([value, count]) => ({ value, count })),
      overflow: p.overflow,
      overflow_count: p.overflowCount,
    }));
  const entity = (e: EntityStats) => ({ count: e.count, properties: props(e.properties) });
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    created: iso(now),
    window: { since: isoOrNull(span.since), until: isoOrNull(span.until) },
    sources: obs.sources.map((s) => ({ ...s })),
    records: {
      read: obs.records.read,
      accepted: obs.records.accepted,
      outside_window: obs.records.outsideWindow,
      malformed: obs.records.malformed,
      dropped: obs.records.dropped,
    },
    malformed_samples: obs.malformedSamples.map((s) => ({ ...s })),
    complete: obs.complete,
    incomplete: [...obs.incomplete],
    gaps: obs.gaps.map((g) => ({ since: iso(g.since), until: iso(g.until), reason: g.reason })),
    notices: [...obs.notices],
    limits: { ...obs.limits },
    dropped_properties: obs.droppedProperties,
    events: [...obs.events.values()].map((e) => ({
      name: e.name,
      count: e.count,
      first_seen: isoOrNull(e.firstSeen),
      last_seen: isoOrNull(e.lastSeen),
      platforms: [...e.platforms].map(([name, count]) => ({ name, count })),
      properties: props(e.properties),
    })),
    users: entity(obs.users),
    accounts: entity(obs.accounts),
  };
}

let validateSnapshot: ValidateFunction | undefined;

/** Problems with a parsed snapshot document, as "path: message" lines; empty when valid. */
export function snapshotProblems(json: unknown): string[] {
  validateSnapshot ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(snapshotSchema);
  if (validateSnapshot(json)) return [];
  return (validateSnapshot.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** A validated snapshot document -> an aggregate (with the snapshot's own window). */
export function fromSnapshot(json: SnapshotJson): Observations {
  const ms = (s: string | null) => (s === null ? undefined : Date.parse(s));
  const window: { since?: number; until?: number } = {};
  if (json.window.since !== null) window.since = ms(json.window.since)!;
  if (json.window.until !== null) window.until = ms(json.window.until)!;
  const obs = new Observations({ window, limits: json.limits });
  for (const s of json.sources) obs.addSource({ ...s });
  obs.records.read = json.records.read;
  obs.records.accepted = json.records.accepted;
  obs.records.outsideWindow = json.records.outside_window;
  obs.records.malformed = json.records.malformed;
  obs.records.dropped = json.records.dropped;
  obs.malformedSamples.push(...json.malformed_samples);
  for (const r of json.incomplete) obs.markIncomplete(r);
  for (const g of json.gaps) obs.gaps.push({ since: ms(g.since)!, until: ms(g.until)!, reason: g.reason });
  for (const n of json.notices) obs.notice(n);
  obs.droppedProperties = json.dropped_properties;
  const fill = (into: Map<string, PropertyStats>, list: PropertyJson[]) => {
    for (const pj of list) {
      const p = emptyPropertyStats();
      p.present = pj.present;
      p.nulls = pj.nulls;
      for (const k of pj.kinds) p.kinds.set(k.kind, { count: k.count, examples: [...k.examples] });
      for (const v of pj.values) addValueCount(p, v.value, v.count, obs.limits);
      p.overflow = pj.overflow;
      p.overflowCount = pj.overflow_count;
      into.set(pj.name, p);
    }
  };
  for (const ej of json.events) {
    const e: EventStats = { name: ej.name, count: ej.count, platforms: new Map(), properties: new Map() };
    if (ej.first_seen !== null) e.firstSeen = ms(ej.first_seen)!;
    if (ej.last_seen !== null) e.lastSeen = ms(ej.last_seen)!;
    for (const p of ej.platforms) e.platforms.set(p.name, p.count);
    fill(e.properties, ej.properties);
    obs.events.set(ej.name, e);
  }
  obs.users.count = json.users.count;
  fill(obs.users.properties, json.users.properties);
  obs.accounts.count = json.accounts.count;
  fill(obs.accounts.properties, json.accounts.properties);
  return obs;
}
