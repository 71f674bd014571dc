// Raw JSON from a source -> ObservedRecord, or the reason it is malformed.
// The accepted shape is specs/observed-record.schema.json; this is its fast hand-written check.
import type { ObservedRecord, RecordKind } from './types.ts';

export type Normalized = ObservedRecord | { malformed: string };

const KINDS = new Set<RecordKind>(['event', 'user', 'account']);

export function normalizeRecord(raw: unknown): Normalized {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { malformed: 'a record must be a JSON object' };
  const r = raw as Record<string, unknown>;
  const kind = (r.kind ?? 'event') as RecordKind;
  if (!KINDS.has(kind)) return { malformed: `unknown record kind ${JSON.stringify(r.kind)}; expected event, user or account` };
  const out: ObservedRecord = { kind, properties: {} };
  if (kind === 'event') {
    if (typeof r.event !== 'string' || r.event.length === 0) return { malformed: 'an event record needs a non-empty "event" string' };
    out.event = r.event;
  }
  const rawTime = r.time ?? r.timestamp;
  if (rawTime !== undefined && rawTime !== null) {
    const t = parseTime(rawTime);
    if (t === undefined) return { malformed: `"${r.time !== undefined ? 'time' : 'timestamp'}" is not a date-time or epoch number` };
    out.time = t;
  }
  const platform = r.platform ?? r.library;
  if (platform !== undefined && platform !== null) {
    if (typeof platform !== 'string') return { malformed: '"platform" must be a string' };
    out.platform = platform;
  }
  const props = r.properties;
  if (props !== undefined && props !== null) {
    if (typeof props !== 'object' || Array.isArray(props)) return { malformed: '"properties" must be an object' };
    out.properties = props as Record<string, unknown>;
  }
  return out;
}

/**
 * ISO 8601 strings, or epoch numbers in seconds, milliseconds or microseconds (told apart by
 * magnitude: this is the format of captured files, which declare no unit).
 */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    if (v < 1e11) return Math.round(v * 1000);
    if (v > 1e14) return Math.round(v / 1000);
    return Math.round(v);
  }
  if (typeof v !== 'string') return undefined;
  const fast = parseIsoUtc(v);
  if (fast !== undefined) return Number.isNaN(fast) ? undefined : fast;
  // Other ISO 8601 shapes (offsets, no seconds, a date alone). Date.parse rolls impossible days
  // over into the next month, so the calendar date is checked first.
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12 || Number(m[3]) < 1 || Number(m[3]) > daysInMonth(Number(m[1]), month)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** Heap's server-side bulk track body: {"app_id": ..., "events": [{identity, event, timestamp, properties}]}. */
export function isBulkBody(v: unknown): v is { events: unknown[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { events?: unknown }).events) && !('event' in v);
}

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const DIGITS_MS = [...DIGITS, 20, 21, 22];
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The shape nearly every SDK writes, "2026-11-20T10:00:00Z" or with ".123" milliseconds, parsed
 * without Date.parse (which was a tenth of the aggregation's time). NaN: that shape, but not a
 * real date and time; undefined: another shape.
 */
function parseIsoUtc(s: string): number | undefined {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */ || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return undefined;
  }
  const digits = n === 24 ? DIGITS_MS : DIGITS;
  for (let k = 0; k < digits.length; k++) {
    const c = s.charCodeAt(digits[k]!);
    if (c < 48 || c > 57) return undefined;
  }
  let ms = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46) return undefined;
    ms = digit(s, 20) * 100 + two(s, 21);
  }
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  // Date.UTC would roll 2026-02-31 over into March: check the day against the month first.
  if (day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
