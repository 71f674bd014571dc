// What "mistyped" means for Heap. Heap keeps property values as strings or numbers: arrays are
// flattened to "a||b", booleans arrive as "true"/"false", and Heap Connect exports custom
// properties as text. So every observed value is classified into a kind, and whether a planned
// type admits a kind depends on whether the source keeps JSON types (typed) or not.
import type { TypeName } from '../plan/types.ts';

export const VALUE_KINDS = [
  'integer',
  'number',
  'boolean',
  'string',
  'null',
  'array',
  'object',
  'numeric-string',
  'boolean-string',
  'datetime-string',
  'empty-string',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// ISO 8601 / RFC 3339 dates and date-times, as Heap and most SDKs write them.
const DATETIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/i;

export function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case 'string':
      return stringKind(value);
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'array' : 'object';
    case 'undefined':
      return 'null';
    default:
      // bigint, symbol, function: cannot come from JSON; the closest honest answer.
      return 'object';
  }
}

function stringKind(s: string): ValueKind {
  if (s.length === 0) return 'empty-string';
  const c = s.charCodeAt(0);
  // Cheap first-character checks keep the regexes off the hot path for ordinary text.
  if ((c >= 48 && c <= 57) || c === 45) {
    if (NUMERIC.test(s)) return 'numeric-string';
    if (s.length >= 10 && DATETIME.test(s)) return 'datetime-string';
    return 'string';
  }
  if ((c === 116 || c === 102 || c === 84 || c === 70) && s.length <= 5) {
    const l = s.toLowerCase();
    if (l === 'true' || l === 'false') return 'boolean-string';
  }
  return 'string';
}

/** The kinds a planned type accepts in a typed source, and in addition in a string-typed one. */
const ADMITS: Record<TypeName, { typed: readonly ValueKind[]; stringTyped: readonly ValueKind[] }> = {
  string: { typed: ['string', 'numeric-string', 'boolean-string', 'datetime-string', 'empty-string'], stringTyped: [] },
  number: { typed: ['number', 'integer'], stringTyped: ['numeric-string'] },
  // "12.5" passes as a numeric-string here; property-value checks integrality on the value itself.
  integer: { typed: ['integer'], stringTyped: ['numeric-string'] },
  boolean: { typed: ['boolean'], stringTyped: ['boolean-string'] },
  // Heap flattens arrays to "a||b" strings; a string-typed source can only show that.
  array: { typed: ['array'], stringTyped: ['string', 'empty-string', 'numeric-string', 'boolean-string', 'datetime-string'] },
  object: { typed: ['object'], stringTyped: [] },
  null: { typed: ['null'], stringTyped: [] },
};

/** Does a property planned with `types` accept a value of `kind`? */
export function admits(types: readonly TypeName[], kind: ValueKind, typed: boolean): boolean {
  for (const t of types) {
    const a = ADMITS[t];
    if (a.typed.includes(kind) || (!typed && a.stringTyped.includes(kind))) return true;
  }
  return false;
}
