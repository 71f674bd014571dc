// Durations ("2h", "7d") and instants ("7d" ago, or ISO 8601) as users type them in flags.
import { UsageError } from '../errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90m", "2h", "1d", "1w", "1h30m" -> milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const s = text.trim();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (s === '0') return 0;
  if (matched !== s.length || s.length === 0) {
    throw new UsageError(`${flag}: "${text}" is not a duration; use a number with a unit, such as 30m, 2h, 7d or 1w`);
  }
  return total;
}

/** "7d" (that long before now) or an ISO 8601 date or date-time -> epoch milliseconds. */
export function parseInstant(text: string, flag: string, now: number): number {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
    throw new UsageError(`${flag}: "${text}" is not a valid date-time`);
  }
  if (/^\d/.test(s)) {
    try {
      return now - parseDuration(s, flag);
    } catch {
      // fall through to the combined message
    }
  }
  throw new UsageError(`${flag}: "${text}" is neither a duration before now (such as 24h or 7d) nor an ISO 8601 date-time`);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
