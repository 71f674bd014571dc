// YAML plan files -> one typed, validated Plan whose every event and property knows its
// file, line and column. All problems of all files are collected and thrown together as a
// PlanError, so a user fixes them in one pass.
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { PlanError, type Diagnostic, type Position } from '../errors.ts';
import { didYouMean } from '../util/similar.ts';
import { displayName, resolveInputFiles } from './files.ts';
import { validatePlanValue } from './schema.ts';
import type {
  EventDef,
  EventStatus,
  NameMatcher,
  NamingConvention,
  Plan,
  PropertyDef,
  RuleSetting,
  RuleSeverity,
  TypeName,
} from './types.ts';
import { hasConstraints, lazyValidator } from './values.ts';
import { diagnosticAt, keyNode, nodeAtPath, nodePosition, readYaml, type YamlSource } from './yaml-source.ts';

export interface LoadOptions {
  cwd?: string;
  /** Rule ids the `rules:` section may name; when given, others are errors with a did-you-mean. */
  knownRules?: readonly string[];
}

type Raw = Record<string, unknown>;

/** A property as written, before `$ref`s are resolved. */
interface Draft {
  name: string;
  raw: Raw;
  location: Position;
  file: string; // absolute
  src: YamlSource;
  node: Node | undefined;
  ref?: { target: string; position: Position };
  resolved?: PropertyDef | null; // null: could not be resolved (diagnostic already given)
}

interface Ctx {
  cwd: string;
  diagnostics: Diagnostic[];
  /** Shared properties by name, across all files. */
  shared: Map<string, Draft>;
  /** Shared properties by absolute file, then name (for cross-file $ref). */
  sharedByFile: Map<string, Map<string, Draft>>;
  plan: Plan;
  eventDrafts: Map<string, { def: EventDef; props: Draft[] }>;
  userDrafts: Draft[];
  accountDrafts: Draft[];
  namingSource?: { text: string; position: Position };
}

export async function loadPlan(inputs: readonly string[], options: LoadOptions = {}): Promise<Plan> {
  const cwd = options.cwd ?? process.cwd();
  const files = await resolveInputFiles(inputs, cwd);
  return loadPlanFiles(files, options);
}

export function loadPlanFiles(files: readonly string[], options: LoadOptions = {}): Plan {
  const cwd = options.cwd ?? process.cwd();
  const ctx: Ctx = {
    cwd,
    diagnostics: [],
    shared: new Map(),
    sharedByFile: new Map(),
    plan: {
      files: [],
      events: new Map(),
      sharedProperties: new Map(),
      referencedShared: new Set(),
      userProperties: new Map(),
      accountProperties: new Map(),
      ignoreEvents: [],
      naming: {},
      rules: new Map(),
      eventsKeys: [],
      sectionKeys: {},
    },
    eventDrafts: new Map(),
    userDrafts: [],
    accountDrafts: [],
  };
  for (const abs of files) loadFile(ctx, abs, 'all', options);
  resolveAll(ctx, options);
  if (ctx.diagnostics.length === 0 && ctx.plan.events.size === 0) {
    ctx.diagnostics.push({
      message: 'the tracking plan has no events: add an "events:" section to one of its files',
      position: { file: ctx.plan.files[0] ?? '<plan>', line: 1, column: 1 },
    });
  }
  if (ctx.diagnostics.length > 0) throw new PlanError(sortDiagnostics(ctx.diagnostics));
  return ctx.plan;
}

function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return d
    .map((x, i) => ({ x, i }))
    .sort((a, b) => {
      const pa = a.x.position;
      const pb = b.x.position;
      if (!pa || !pb) return a.i - b.i;
      return pa.file === pb.file ? pa.line - pb.line || pa.column - pb.column : a.i - b.i;
    })
    .map(({ x }) => x);
}

/** `what`: 'all' for plan files; 'properties' for files loaded only because a $ref points into them. */
function loadFile(ctx: Ctx, abs: string, what: 'all' | 'properties', options: LoadOptions): boolean {
  const name = displayName(abs, ctx.cwd);
  const read = readYaml(abs, name);
  if ('errors' in read) {
    ctx.diagnostics.push(...read.errors);
    return false;
  }
  const { source: src, value } = read;
  const problems = validatePlanValue(value);
  if (problems.length > 0) {
    for (const p of problems) {
      const node = p.key !== undefined ? keyNode(src, p.pointer, p.key) : nodeAtPath(src, p.pointer);
      ctx.diagnostics.push(diagnosticAt(src, nodePosition(src, node), p.message));
    }
    return false;
  }
  if (what === 'all') ctx.plan.files.push(name);
  const root = src.doc.contents as YAMLMap;
  const obj = value as Raw;
  const byFile = new Map<string, Draft>();
  ctx.sharedByFile.set(abs, byFile);
  for (const pair of root.items) {
    const section = String((pair.key as { value: unknown }).value);
    const node = pair.value as Node | null;
    const v = obj[section];
    if (section === 'properties') {
      for (const d of propertyDrafts(ctx, src, abs, node, v as Raw)) {
        const prev = ctx.shared.get(d.name);
        if (prev) {
          ctx.diagnostics.push(twice(src, `shared property "${d.name}"`, prev.location, d.location));
          continue;
        }
        ctx.shared.set(d.name, d);
        byFile.set(d.name, d);
      }
    }
    if (what !== 'all') continue;
    switch (section) {
      case 'events':
        ctx.plan.eventsKeys.push(nodePosition(src, pair.key as Node));
        loadEvents(ctx, src, abs, node, v as Raw);
        break;
      case 'user_properties':
        ctx.plan.sectionKeys.user_properties ??= nodePosition(src, pair.key as Node);
        ctx.userDrafts.push(...propertyDrafts(ctx, src, abs, node, v as Raw));
        break;
      case 'account_properties':
        ctx.plan.sectionKeys.account_properties ??= nodePosition(src, pair.key as Node);
        ctx.accountDrafts.push(...propertyDrafts(ctx, src, abs, node, v as Raw));
        break;
      case 'ignore_events':
        loadIgnore(ctx, src, node, v as string[]);
        break;
      case 'naming':
        loadNaming(ctx, src, pair, v as Raw);
        break;
      case 'rules':
        loadRules(ctx, src, node, v as Raw, options);
        break;
    }
  }
  return true;
}

function twice(src: YamlSource, what: string, first: Position, second: Position): Diagnostic {
  return diagnosticAt(
    src,
    second,
    `${what} is defined twice: at ${first.file}:${first.line}:${first.column} and at ${second.file}:${second.line}:${second.column}`,
  );
}

/** The pairs of a YAML map with the matching value of its JS form. */
function* entries(node: Node | null | undefined, obj: Raw | null | undefined): Generator<[string, unknown, Pair]> {
  if (!isMap(node) || !obj) return;
  for (const pair of node.items) {
    const key = String((pair.key as { value: unknown }).value);
    yield [key, obj[key], pair as Pair];
  }
}

function child(node: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.value as Node | undefined) ?? undefined;
}

function loadEvents(ctx: Ctx, src: YamlSource, abs: string, node: Node | null, obj: Raw | null): void {
  for (const [name, raw, pair] of entries(node, obj)) {
    const location = nodePosition(src, pair.key as Node);
    const prev = ctx.plan.events.get(name);
    if (prev) {
      ctx.diagnostics.push(twice(src, `event "${name}"`, prev.location, location));
      continue;
    }
    const r = (raw ?? {}) as Raw;
    const def: EventDef = {
      name,
      status: (r.status as EventStatus | undefined) ?? 'active',
      properties: new Map(),
      location,
    };
    if (typeof r.description === 'string') def.description = r.description;
    if (typeof r.owner === 'string') def.owner = r.owner;
    if (Array.isArray(r.platforms)) def.platforms = r.platforms as string[];
    if (Array.isArray(r.tags)) def.tags = r.tags as string[];
    const table = (r.heap as Raw | undefined)?.table;
    if (typeof table === 'string') def.heapTable = table;
    ctx.plan.events.set(name, def);
    const props = propertyDrafts(ctx, src, abs, child(pair.value as Node, 'properties'), r.properties as Raw | undefined);
    ctx.eventDrafts.set(name, { def, props });
  }
}

function propertyDrafts(ctx: Ctx, src: YamlSource, abs: string, node: Node | null | undefined, obj: Raw | null | undefined): Draft[] {
  const out: Draft[] = [];
  for (const [name, raw, pair] of entries(node, obj)) {
    const r = raw as Raw;
    const d: Draft = { name, raw: r, location: nodePosition(src, pair.key as Node), file: abs, src, node: pair.value as Node };
    if (typeof r.$ref === 'string') d.ref = { target: r.$ref, position: nodePosition(src, child(d.node, '$ref')) };
    else checkConstraints(ctx, src, d.node, r, name);
    out.push(d);
  }
  return out;
}

function typesOf(raw: Raw): TypeName[] {
  const t = raw.type;
  return (Array.isArray(t) ? t : [t]) as TypeName[];
}

function matchesType(value: unknown, types: readonly TypeName[]): boolean {
  return types.some((t) => {
    switch (t) {
      case 'string': return typeof value === 'string';
      case 'number': return typeof value === 'number';
      case 'integer': return Number.isInteger(value);
      case 'boolean': return typeof value === 'boolean';
      case 'null': return value === null;
      case 'array': return Array.isArray(value);
      case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    }
  });
}

/** What the schema cannot say: valid regexes, enum values of the declared type, sane bounds. */
function checkConstraints(ctx: Ctx, src: YamlSource, node: Node | undefined, raw: Raw, name: string): void {
  const at = (key: string) => nodePosition(src, child(node, key) ?? node);
  if (typeof raw.pattern === 'string') {
    try {
      new RegExp(raw.pattern, 'u');
    } catch (e) {
      ctx.diagnostics.push(diagnosticAt(src, at('pattern'), `property "${name}": pattern is not a valid regular expression: ${regexProblem(e)}`));
    }
  }
  const types = typesOf(raw);
  if (Array.isArray(raw.enum)) {
    const enumNode = child(node, 'enum');
    raw.enum.forEach((v, i) => {
      if (!matchesType(v, types)) {
        const itemNode = isSeq(enumNode) ? (enumNode.items[i] as Node) : enumNode;
        ctx.diagnostics.push(
          diagnosticAt(src, nodePosition(src, itemNode ?? node), `property "${name}": enum value ${JSON.stringify(v)} is not of the declared type ${types.join(' | ')}`),
        );
      }
    });
  }
  for (const [lo, hi] of [['minimum', 'maximum'], ['minLength', 'maxLength']] as const) {
    if (typeof raw[lo] === 'number' && typeof raw[hi] === 'number' && (raw[lo] as number) > (raw[hi] as number)) {
      ctx.diagnostics.push(diagnosticAt(src, at(lo), `property "${name}": ${lo} ${String(raw[lo])} is greater than ${hi} ${String(raw[hi])}`));
    }
  }
  if (raw.items && typeof raw.items === 'object') checkConstraints(ctx, src, child(node, 'items'), raw.items as Raw, `${name}[]`);
}

function makeProperty(name: string, raw: Raw, location: Position, itemLocation?: Position): PropertyDef {
  const def: PropertyDef = {
    name,
    types: typesOf(raw),
    required: raw.required === true,
    deprecated: raw.deprecated === true,
    location,
    validate: () => true,
    hasValueConstraints: false,
  };
  if (typeof raw.description === 'string') def.description = raw.description;
  if (Array.isArray(raw.examples)) def.examples = raw.examples;
  if (Array.isArray(raw.enum)) def.enum = raw.enum;
  for (const k of ['pattern', 'format', 'minimum', 'maximum', 'minLength', 'maxLength'] as const) {
    if (raw[k] !== undefined) (def as unknown as Raw)[k] = raw[k];
  }
  if (raw.items && typeof raw.items === 'object') def.items = makeProperty(`${name}[]`, raw.items as Raw, itemLocation ?? location);
  def.hasValueConstraints = hasConstraints(def);
  if (def.hasValueConstraints) def.validate = lazyValidator(def);
  return def;
}

function resolveAll(ctx: Ctx, options: LoadOptions): void {
  for (const d of ctx.shared.values()) {
    const p = resolveDraft(ctx, d, [], options);
    if (p) ctx.plan.sharedProperties.set(d.name, p);
  }
  const resolveInto = (drafts: Draft[], into: Map<string, PropertyDef>, owner: string) => {
    for (const d of drafts) {
      if (into.has(d.name)) {
        ctx.diagnostics.push(twice(d.src, `${owner} "${d.name}"`, into.get(d.name)!.location, d.location));
        continue;
      }
      const p = resolveDraft(ctx, d, [], options);
      if (p) into.set(d.name, p);
    }
  };
  for (const { def, props } of ctx.eventDrafts.values()) resolveInto(props, def.properties, `property of "${def.name}"`);
  resolveInto(ctx.userDrafts, ctx.plan.userProperties, 'user property');
  resolveInto(ctx.accountDrafts, ctx.plan.accountProperties, 'account property');
}

function resolveDraft(ctx: Ctx, d: Draft, chain: Draft[], options: LoadOptions): PropertyDef | null {
  if (d.resolved !== undefined) return d.resolved;
  if (!d.ref) {
    d.resolved = makeProperty(d.name, d.raw, d.location);
    return d.resolved;
  }
  const fail = (message: string): null => {
    ctx.diagnostics.push(diagnosticAt(d.src, d.ref!.position, message));
    d.resolved = null;
    return null;
  };
  const target = findRefTarget(ctx, d, options);
  if (typeof target === 'string') return fail(target);
  if (chain.includes(target) || target === d) {
    const cycle = [...chain, d, target].map((x) => `${x.src === d.src ? '' : x.src.file}#/properties/${x.name}`);
    // Report a cycle once, on the draft that closes it.
    return fail(`circular $ref: ${cycle.slice(cycle.indexOf(cycle.at(-1)!)).join(' -> ')}`);
  }
  const base = resolveDraft(ctx, target, [...chain, d], options);
  if (!base) {
    d.resolved = null;
    return null;
  }
  ctx.plan.referencedShared.add(target.name);
  const def: PropertyDef = {
    ...base,
    name: d.name,
    location: d.location,
    ref: { target: d.ref.target, location: target.location },
    required: typeof d.raw.required === 'boolean' ? d.raw.required : base.required,
    deprecated: typeof d.raw.deprecated === 'boolean' ? d.raw.deprecated : base.deprecated,
  };
  if (typeof d.raw.description === 'string') def.description = d.raw.description;
  d.resolved = def;
  return def;
}

/** The draft a $ref names, or why there is none. */
function findRefTarget(ctx: Ctx, d: Draft, options: LoadOptions): Draft | string {
  const ref = d.ref!.target;
  const hash = ref.indexOf('#');
  const filePart = ref.slice(0, hash);
  const name = ref.slice(hash + '#/properties/'.length);
  if (filePart === '') {
    return ctx.shared.get(name) ?? `$ref "${ref}" does not resolve: there is no shared property "${name}"${didYouMean(name, ctx.shared.keys())}`;
  }
  const abs = path.resolve(path.dirname(d.file), filePart);
  if (!ctx.sharedByFile.has(abs)) {
    const before = ctx.diagnostics.length;
    const ok = loadFile(ctx, abs, 'properties', options);
    if (!ok) {
      const why = ctx.diagnostics.splice(before).map((x) => x.message).join('; ');
      ctx.sharedByFile.set(abs, new Map());
      return `$ref "${ref}" does not resolve: ${why}`;
    }
  }
  const inFile = ctx.sharedByFile.get(abs)!;
  return inFile.get(name) ?? `$ref "${ref}" does not resolve: ${displayName(abs, ctx.cwd)} has no shared property "${name}"${didYouMean(name, inFile.keys())}`;
}

/** "Invalid regular expression: /x(/u: Unterminated group" -> "Unterminated group" */
function regexProblem(e: unknown): string {
  const m = (e as Error).message;
  return m.slice(m.lastIndexOf(': ') + 2) || m;
}

const REGEX_LITERAL = /^\/(.+)\/([dgimsuy]*)$/;

function compileRegex(literal: string): RegExp | Error {
  const m = REGEX_LITERAL.exec(literal)!;
  try {
    return new RegExp(m[1]!, m[2]!.replace(/[gy]/g, ''));
  } catch (e) {
    return e as Error;
  }
}

function loadIgnore(ctx: Ctx, src: YamlSource, node: Node | null, list: string[]): void {
  list.forEach((entry, i) => {
    if (REGEX_LITERAL.test(entry)) {
      const re = compileRegex(entry);
      if (re instanceof Error) {
        const item = isSeq(node) ? (node.items[i] as Node) : node;
        ctx.diagnostics.push(diagnosticAt(src, nodePosition(src, item), `ignore_events: ${entry} is not a valid regular expression: ${regexProblem(re)}`));
        return;
      }
      ctx.plan.ignoreEvents.push({ source: entry, test: (n) => re.test(n) });
    } else {
      ctx.plan.ignoreEvents.push({ source: entry, test: (n) => n === entry } satisfies NameMatcher);
    }
  });
}

function loadNaming(ctx: Ctx, src: YamlSource, pair: Pair, raw: Raw): void {
  const position = nodePosition(src, pair.key as Node);
  const text = JSON.stringify(raw);
  if (ctx.namingSource) {
    if (ctx.namingSource.text !== text) {
      ctx.diagnostics.push(twice(src, 'naming (with different conventions)', ctx.namingSource.position, position));
    }
    return;
  }
  ctx.namingSource = { text, position };
  ctx.plan.naming.location = position;
  for (const which of ['events', 'properties'] as const) {
    const v = raw[which];
    if (typeof v !== 'string') continue;
    if (REGEX_LITERAL.test(v)) {
      const re = compileRegex(v);
      if (re instanceof Error) {
        ctx.diagnostics.push(diagnosticAt(src, nodePosition(src, child(pair.value as Node, which)), `naming.${which}: ${v} is not a valid regular expression: ${regexProblem(re)}`));
        continue;
      }
      ctx.plan.naming[which] = { kind: 'regex', regex: re, source: v } satisfies NamingConvention;
    } else {
      ctx.plan.naming[which] = { kind: v as 'title' };
    }
  }
}

function loadRules(ctx: Ctx, src: YamlSource, node: Node | null, obj: Raw, options: LoadOptions): void {
  for (const [id, raw, pair] of entries(node, obj)) {
    const location = nodePosition(src, pair.key as Node);
    if (options.knownRules && !options.knownRules.includes(id)) {
      ctx.diagnostics.push(diagnosticAt(src, location, `rules: unknown rule "${id}"${didYouMean(id, options.knownRules)}`));
      continue;
    }
    const prev = ctx.plan.rules.get(id);
    if (prev) {
      ctx.diagnostics.push(twice(src, `rule setting "${id}"`, prev.location, location));
      continue;
    }
    const setting: RuleSetting = { location };
    if (typeof raw === 'string') setting.severity = raw as RuleSeverity;
    else {
      const r = raw as Raw;
      if (r.severity !== undefined) setting.severity = r.severity as RuleSeverity;
      if (r.threshold !== undefined) setting.threshold = r.threshold as number;
    }
    ctx.plan.rules.set(id, setting);
  }
}
