// Each planned property gets a value validator for its constraints (enum, pattern, format,
// bounds, lengths). Plans repeat the same constraints many times, and a plan of thousands of
// properties must load fast, so validators are compiled on first use and shared by identical
// constraint sets.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { PropertyDef, ValueConstraints } from './types.ts';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (!fn) {
    ajv ??= addFormats(new Ajv({ strict: true, strictTypes: false, allErrors: false, validateFormats: true }));
    fn = ajv.compile(schema);
    cache.set(key, fn);
  }
  return fn;
}

/** The JSON Schema of a property's value constraints (without its type: value kinds decide that). */
export function constraintSchema(c: ValueConstraints, withType?: PropertyDef['types']): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (withType) s.type = withType.length === 1 ? withType[0] : withType;
  if (c.enum) s.enum = c.enum;
  if (c.pattern !== undefined) s.pattern = c.pattern;
  if (c.format !== undefined) s.format = c.format;
  if (c.minimum !== undefined) s.minimum = c.minimum;
  if (c.maximum !== undefined) s.maximum = c.maximum;
  if (c.minLength !== undefined) s.minLength = c.minLength;
  if (c.maxLength !== undefined) s.maxLength = c.maxLength;
  if (c.items) s.items = constraintSchema(c.items, c.items.types);
  return s;
}

export function hasConstraints(c: ValueConstraints): boolean {
  return Object.keys(constraintSchema(c)).length > 0;
}

/** A validator compiled on its first call. */
export function lazyValidator(c: ValueConstraints): (value: unknown) => boolean {
  let fn: ValidateFunction | undefined;
  return (value) => {
    fn ??= compile(constraintSchema(c));
    return fn(value) as boolean;
  };
}
