// Plan loading: 2,000 events x 20 properties over 50 files. Prints the load-and-validate time
// next to a bare `yaml` parse of the same files, measured in the same run. Target: < 3x.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadPlanFiles } from '../src/plan/load.ts';
import { median, ratioLine, time } from './support.ts';

const TYPES = ['string', 'number', 'integer', 'boolean'] as const;

export function generatePlan(dir: string, files = 50, events = 2000, props = 20): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  const perFile = Math.ceil(events / files);
  let n = 0;
  for (let f = 0; f < files; f++) {
    const lines = ['version: 1'];
    if (f === 0) {
      lines.push('properties:', '  sku: { type: string, pattern: "^SKU-[0-9]+$" }', '  price: { type: number, minimum: 0 }');
    }
    lines.push('events:');
    for (let e = 0; e < perFile && n < events; e++, n++) {
      lines.push(`  Event Number ${n}:`, `    description: Generated event ${n}.`, `    owner: team-${n % 7}`, '    platforms: [web, ios]', '    properties:');
      for (let p = 0; p < props; p++) {
        const t = TYPES[(n + p) % TYPES.length]!;
        if (p === 0) lines.push('      sku: { $ref: "#/properties/sku", required: true }');
        else if (p === 1) lines.push('      price: { $ref: "#/properties/price" }');
        else if (t === 'string' && p % 3 === 0) lines.push(`      prop_${p}: { type: string, enum: [alpha, beta, gamma, v${n % 13}] }`);
        else if (t === 'number' || t === 'integer') lines.push(`      prop_${p}: { type: ${t}, minimum: 0, maximum: ${100 + (n % 50)}, required: ${p % 2 === 0} }`);
        else lines.push(`      prop_${p}: { type: ${t} }`);
      }
    }
    const file = path.join(dir, `plan-${String(f).padStart(2, '0')}.yaml`);
    writeFileSync(file, lines.join('\n') + '\n');
    out.push(file);
  }
  return out;
}

export async function benchPlanLoad(root: string): Promise<void> {
  const dir = path.join(root, '.bench/plan');
  const files = generatePlan(dir);
  const bare = () => {
    for (const f of files) parse(readFileSync(f, 'utf8'));
  };
  const load = () => {
    loadPlanFiles(files, { cwd: root });
  };
  bare();
  load(); // warm up both (JIT, ajv compile of the plan schema)
  const bareMs: number[] = [];
  const loadMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    bareMs.push(time(bare));
    loadMs.push(time(load));
  }
  const plan = loadPlanFiles(files, { cwd: root });
  let props = 0;
  for (const e of plan.events.values()) props += e.properties.size;
  console.log(`plan load: ${plan.events.size} events, ${props} properties in ${files.length} files (median of 7)`);
  console.log(`  yaml.parse only      ${median(bareMs).toFixed(1)} ms`);
  console.log(`  tracklint load       ${median(loadMs).toFixed(1)} ms`);
  console.log(ratioLine('  load / bare parse', median(loadMs) / median(bareMs), 3));
}
