// A seeded generator of realistic event streams for benchmarks: about 40 event types with 5-15
// properties each, 2% of values of the wrong kind, some unplanned events and properties,
// platforms, and user and account records. It writes the matching plan too.
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { prng } from '../scripts/make-example-observed.ts';

type PropType = 'string' | 'number' | 'integer' | 'boolean';

interface GenProp {
  name: string;
  type: PropType;
  required: boolean;
  enum?: string[];
}
interface GenEvent {
  name: string;
  props: GenProp[];
  weight: number;
}

const VERBS = ['Viewed', 'Clicked', 'Started', 'Completed', 'Added', 'Removed', 'Shared', 'Opened'];
const NOUNS = ['Product', 'Cart', 'Checkout', 'Order', 'Banner', 'Search', 'Profile', 'Invoice', 'Report', 'Dashboard', 'Coupon', 'Review'];
const PROP_WORDS = ['id', 'name', 'price', 'count', 'category', 'source', 'variant', 'position', 'value', 'status', 'step', 'label', 'rank', 'score', 'flag'];
const PLATFORMS = ['web', 'web', 'web', 'ios', 'android', 'server'];

export function benchModel(seed = 42): GenEvent[] {
  const rand = prng(seed);
  const events: GenEvent[] = [];
  const used = new Set<string>();
  while (events.length < 40) {
    const name = `${NOUNS[Math.floor(rand() * NOUNS.length)]} ${VERBS[Math.floor(rand() * VERBS.length)]}`;
    if (used.has(name)) continue;
    used.add(name);
    const n = 5 + Math.floor(rand() * 11);
    const props: GenProp[] = [];
    for (let i = 0; i < n; i++) {
      const type = (['string', 'string', 'number', 'integer', 'boolean'] as const)[Math.floor(rand() * 5)]!;
      const p: GenProp = { name: `${PROP_WORDS[i % PROP_WORDS.length]}_${i}`, type, required: rand() < 0.4 };
      if (type === 'string' && rand() < 0.3) p.enum = ['alpha', 'beta', 'gamma', 'delta'];
      props.push(p);
    }
    events.push({ name, props, weight: 1 + Math.floor(rand() * 20) });
  }
  return events;
}

export function benchPlanYaml(model: GenEvent[]): string {
  const lines = ['version: 1', 'events:'];
  for (const e of model) {
    lines.push(`  ${e.name}:`, '    platforms: [web, ios, android]', '    properties:');
    for (const p of e.props) {
      const parts = [`type: ${p.type}`];
      if (p.required) parts.push('required: true');
      if (p.enum) parts.push(`enum: [${p.enum.join(', ')}]`);
      if (p.type === 'number' || p.type === 'integer') parts.push('minimum: 0');
      lines.push(`      ${p.name}: { ${parts.join(', ')} }`);
    }
  }
  lines.push('user_properties:', '  email: { type: string, format: email }', '  plan: { type: string, enum: [free, pro] }');
  lines.push('account_properties:', '  seats: { type: integer, minimum: 1 }');
  return lines.join('\n') + '\n';
}

/** The planned events as one JSON Schema each, the way an ingestion-time validator checks records. */
export function benchRecordSchemas(model: GenEvent[]): Map<string, object> {
  const out = new Map<string, object>();
  for (const e of model) {
    const properties: Record<string, object> = {};
    for (const p of e.props) properties[p.name] = p.enum ? { type: p.type, enum: p.enum } : p.type === 'number' || p.type === 'integer' ? { type: p.type, minimum: 0 } : { type: p.type };
    out.set(e.name, {
      type: 'object',
      required: ['event', 'properties'],
      properties: {
        event: { const: e.name },
        properties: { type: 'object', properties, required: e.props.filter((p) => p.required).map((p) => p.name) },
      },
    });
  }
  return out;
}

function valueOf(p: GenProp, rand: () => number, i: number): unknown {
  if (rand() < 0.02) {
    // The wrong kind.
    return p.type === 'string' ? Math.floor(rand() * 100) : p.type === 'boolean' ? 'yes' : String(Math.floor(rand() * 100));
  }
  switch (p.type) {
    case 'string':
      return p.enum ? p.enum[Math.floor(rand() * p.enum.length)] : `v${Math.floor(rand() * 500)}-${i % 7}`;
    case 'number':
      return Math.round(rand() * 10000) / 100;
    case 'integer':
      return Math.floor(rand() * 1000);
    case 'boolean':
      return rand() < 0.5;
  }
}

/** Write `count` records as NDJSON (reused when the file already exists). */
export async function writeBenchStream(file: string, count: number, seed = 7): Promise<string> {
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const model = benchModel();
  const total = model.reduce((s, e) => s + e.weight, 0);
  const rand = prng(seed);
  const tmp = file + '.tmp';
  const out = createWriteStream(tmp);
  const start = Date.UTC(2026, 10, 1);
  let buf = '';
  for (let i = 0; i < count; i++) {
    let rec: Record<string, unknown>;
    const time = new Date(start + Math.floor((i / count) * 20 * 86_400_000)).toISOString();
    const r = rand();
    if (r < 0.01) {
      rec = { kind: 'user', time, user_id: `u${i % 5000}`, properties: { email: `u${i % 5000}@example.com`, plan: rand() < 0.5 ? 'free' : 'pro' } };
    } else if (r < 0.012) {
      rec = { kind: 'account', time, account_id: `a${i % 300}`, properties: { seats: 1 + (i % 50) } };
    } else if (r < 0.03) {
      rec = { event: `Unplanned Event ${Math.floor(rand() * 8)}`, time, platform: 'web', properties: { foo: 'bar', n: i % 10 } };
    } else {
      let pick = rand() * total;
      let e = model[0]!;
      for (const m of model) {
        pick -= m.weight;
        if (pick <= 0) {
          e = m;
          break;
        }
      }
      const properties: Record<string, unknown> = {};
      for (const p of e.props) if (p.required || rand() < 0.7) properties[p.name] = valueOf(p, rand, i);
      if (rand() < 0.01) properties.unplanned_prop = 'x';
      rec = { event: e.name, time, user_id: `u${i % 5000}`, platform: PLATFORMS[i % PLATFORMS.length], properties };
    }
    buf += JSON.stringify(rec) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  return file;
}

export function writeBenchPlan(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bench-plan.yaml');
  writeFileSync(file, benchPlanYaml(benchModel()));
  return file;
}
