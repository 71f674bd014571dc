import type { Position } from '../errors.ts';

export type { Position };

export const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

export const FORMATS = ['date-time', 'date', 'email', 'uri', 'uuid'] as const;
export type Format = (typeof FORMATS)[number];

export type EventStatus = 'active' | 'planned' | 'deprecated';
export type RuleSeverity = 'error' | 'warn' | 'info' | 'off';

/** What a planned value may be, beyond its type: the keys that become the property's value validator. */
export interface ValueConstraints {
  enum?: unknown[];
  pattern?: string;
  format?: Format;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: PropertyDef;
}

export interface PropertyDef extends ValueConstraints {
  name: string;
  /** Planned types; `null` among them means the property may be null. */
  types: TypeName[];
  required: boolean;
  description?: string;
  deprecated: boolean;
  examples?: unknown[];
  /** Where this property is declared (for a $ref, the referencing key). */
  location: Position;
  /** The shared definition this one came from, when declared with $ref. */
  ref?: { target: string; location: Position };
  /** Checks a value against enum/pattern/format/bounds (not the type: kinds decide that). Compiled once, on first use. */
  validate(value: unknown): boolean;
  /** True when there is anything for `validate` to check. */
  hasValueConstraints: boolean;
}

export interface EventDef {
  name: string;
  description?: string;
  owner?: string;
  status: EventStatus;
  platforms?: string[];
  tags?: string[];
  heapTable?: string;
  properties: Map<string, PropertyDef>;
  location: Position;
}

export type NamingConvention =
  | { kind: 'title' | 'snake' | 'camel' | 'pascal' | 'kebab' }
  | { kind: 'regex'; regex: RegExp; source: string };

export interface RuleSetting {
  severity?: RuleSeverity;
  threshold?: number;
  location: Position;
}

/** An exact name or a /regex/ from `ignore_events`. */
export interface NameMatcher {
  source: string;
  test(name: string): boolean;
}

export interface Plan {
  /** Plan files, as given (relative to the working directory when possible), in load order. */
  files: string[];
  events: Map<string, EventDef>;
  sharedProperties: Map<string, PropertyDef>;
  /** Shared properties some event, user or account property references. */
  referencedShared: Set<string>;
  userProperties: Map<string, PropertyDef>;
  accountProperties: Map<string, PropertyDef>;
  ignoreEvents: NameMatcher[];
  naming: { events?: NamingConvention; properties?: NamingConvention; location?: Position };
  rules: Map<string, RuleSetting>;
  /** Where each file's `events:` key is (for findings about events the plan does not have). */
  eventsKeys: Position[];
  /** Where the first `user_properties:` and `account_properties:` keys are, when there are any. */
  sectionKeys: { user_properties?: Position; account_properties?: Position };
}
