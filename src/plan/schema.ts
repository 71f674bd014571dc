// The plan's JSON Schema is the single definition of the format: validation runs it, and this
// module turns ajv's errors into messages that name the YAML path and what was expected.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import planSchema from '../../specs/tracking-plan.schema.json' with { type: 'json' };
import { didYouMean } from '../util/similar.ts';

export { planSchema };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= userFileAjv().compile(planSchema);
  return compiled;
}

export interface SchemaProblem {
  /** JSON pointer of the offending value. */
  pointer: string;
  /** The problem is about a key of the map at `pointer`, not about its value. */
  key?: string;
  message: string;
}

/** Validate one plan file's value; an empty list means it is valid. */
export function validatePlanValue(value: unknown): SchemaProblem[] {
  return schemaProblems(validator(), value);
}

/** Any JSON Schema validator's verdict, as problems with messages a user can act on. */
export function schemaProblems(validate: ValidateFunction, value: unknown): SchemaProblem[] {
  if (validate(value)) return [];
  return describe(validate.errors ?? []);
}

/** An ajv instance for the JSON Schemas of files users write (plans, config). */
export function userFileAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
  // An annotation: the message to show when a value breaks this schema.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv;
}

const WRAPPERS = new Set(['if', 'anyOf', 'oneOf', 'not', 'then', 'else', 'propertyNames']);

function describe(errors: ErrorObject[]): SchemaProblem[] {
  // allErrors gives several errors per problem (a failed `if` plus the failing `then`, each
  // branch of an anyOf): keep the most specific one per location.
  const concrete = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const byPointer = new Map<string, SchemaProblem>();
  for (const e of concrete.length ? concrete : errors) {
    const p = problem(e);
    const id = `${p.pointer}\u0000${p.key ?? ''}`;
    if (!byPointer.has(id)) byPointer.set(id, p);
  }
  return [...byPointer.values()];
}

function problem(e: ErrorObject): SchemaProblem {
  const at = displayPath(e.instancePath);
  const custom = (e.parentSchema as { errorMessage?: string } | undefined)?.errorMessage;
  const params = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined || e.keyword === 'propertyNames') {
    const key = String(e.propertyName ?? params.propertyName);
    if (e.keyword === 'minLength') return { pointer: e.instancePath, key, message: `${at || 'the file'} has an empty key` };
    const allowed = (e.schema as unknown[] | undefined) ?? [];
    return {
      pointer: e.instancePath,
      key,
      message: `${at ? at + ': ' : ''}unknown key "${key}"${didYouMean(key, allowed.map(String))}${allowedList(allowed, key)}`,
    };
  }
  if (e.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
    return {
      pointer: e.instancePath,
      key,
      message: `${at ? at + ': ' : ''}unknown key "${key}"${didYouMean(key, known)}; expected one of ${known.join(', ')}`,
    };
  }
  const subject = at || 'the file';
  if (custom) return { pointer: e.instancePath, message: `${subject} ${custom}` };
  switch (e.keyword) {
    case 'enum':
      return { pointer: e.instancePath, message: `${subject} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { pointer: e.instancePath, message: `${subject} must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { pointer: e.instancePath, message: `${subject} must be ${typePhrase(params.type as string | string[])}` };
    case 'required':
      return { pointer: e.instancePath, message: `${subject} must have a "${String(params.missingProperty)}" key` };
    case 'uniqueItems':
      return { pointer: e.instancePath, message: `${subject} must not repeat items (items ${String(params.j)} and ${String(params.i)} are equal)` };
    default:
      return { pointer: e.instancePath, message: `${subject} ${e.message ?? 'is invalid'}` };
  }
}

function allowedList(allowed: unknown[], key: string): string {
  if (key === '$ref' || allowed.includes('$ref')) return `; with $ref only ${allowed.filter((a) => a !== '$ref').join(', ')} may be given`;
  return `; expected one of ${allowed.join(', ')}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'empty',
};

function typePhrase(t: string | string[]): string {
  const list = Array.isArray(t) ? t : String(t).split(',');
  return list.map((x) => TYPE_WORDS[x] ?? x).join(' or ');
}

/** `/events/Order Completed/properties/revenue/type` -> `events.Order Completed.properties.revenue.type` */
export function displayPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
