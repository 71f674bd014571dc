// tracklint.config.yaml: the options of `tracklint check` in a file, found in the working
// directory or above, or named with --config. Keys are the flags' names; flags win.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PlanError, UsageError } from '../errors.ts';
import { schemaProblems, userFileAjv } from '../plan/schema.ts';
import { diagnosticAt, keyNode, nodeAtPath, nodePosition, readYaml } from '../plan/yaml-source.ts';
import { displayName } from '../plan/files.ts';
import configSchema from '../../specs/config.schema.json' with { type: 'json' };
import type { ValidateFunction } from 'ajv';

export const CONFIG_NAMES = ['tracklint.config.yaml', 'tracklint.config.yml'];

/** Option values as the flag parser gives them. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface LoadedConfig {
  file: string;
  values: OptionValues;
}

let validate: ValidateFunction | undefined;

/** The config file named by --config, or the nearest one from cwd up; undefined when there is none. */
export function findConfig(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new UsageError(`--config: no such file: ${explicit}`);
    return file;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const PATH_LISTS = new Set(['plan']);
const LIVE_KINDS = new Set(['heap']);

export function loadConfig(file: string, cwd: string): LoadedConfig {
  const name = displayName(file, cwd);
  const read = readYaml(file, name);
  if ('errors' in read) throw new PlanError(read.errors);
  const { source: src, value } = read;
  validate ??= userFileAjv().compile(configSchema);
  const problems = schemaProblems(validate, value);
  if (problems.length) {
    throw new PlanError(
      problems.map((p) => diagnosticAt(src, nodePosition(src, p.key !== undefined ? keyNode(src, p.pointer, p.key) : nodeAtPath(src, p.pointer)), p.message)),
    );
  }
  // Paths in the file are relative to the file.
  const dir = path.dirname(file);
  // Shown as users see them: relative to the working directory when inside it.
  const abs = (p: string) => (path.isAbsolute(p) ? p : displayName(path.join(dir, p), cwd));
  const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? (v as string[]) : [v as string]);
  const raw = value as Record<string, unknown>;
  const values: OptionValues = {};
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'rules') {
      values.rule = Object.entries(v as Record<string, string>).map(([id, sev]) => `${id}=${sev}`);
    } else if (PATH_LISTS.has(key)) {
      values[key] = list(v)!.map(abs);
    } else if (key === 'source') {
      values.source = list(v)!.map((s) => {
        const colon = s.indexOf(':');
        if (colon === -1 || LIVE_KINDS.has(s.slice(0, colon)) || /^[a-z0-9]+:\/\//i.test(s.slice(colon + 1))) return s;
        return `${s.slice(0, colon)}:${abs(s.slice(colon + 1))}`;
      });
    } else if (key === 'format') {
      values.format = list(v)!.map((f) => {
        const eq = f.indexOf('=');
        return eq === -1 ? f : `${f.slice(0, eq)}=${abs(f.slice(eq + 1))}`;
      });
    } else if (key === 'heap-path') {
      values[key] = list(v)!;
    } else if (key === 'save-observed' || key === 'heap-credentials-file') {
      values[key] = abs(v as string);
    } else {
      values[key] = typeof v === 'boolean' ? v : String(v);
    }
  }
  return { file, values };
}

/** Flags given on the command line win over the file, key by key; rules merge, the flags' last. */
export function mergeOptions(config: OptionValues, flags: OptionValues): OptionValues {
  const out: OptionValues = { ...config };
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) continue;
    out[k] = k === 'rule' ? [...((config.rule as string[] | undefined) ?? []), ...(v as string[])] : v;
  }
  return out;
}
