// Every JSON Schema in specs/ compiles in strict mode, and the hand-written record check agrees
// with specs/observed-record.schema.json.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeRecord } from '../src/observed/record.ts';
import { userFileAjv } from '../src/plan/schema.ts';
import { ROOT } from './support/cli.ts';

const test = suite('specs');
const SPECS = path.join(ROOT, 'specs');
const load = (name: string) => JSON.parse(readFileSync(path.join(SPECS, name), 'utf8')) as object;

test('every schema compiles under ajv strict mode (draft 2020-12)', () => {
  const files = readdirSync(SPECS).filter((f) => f.endsWith('.schema.json'));
  assert.equal(files.sort(), ['config.schema.json', 'observed-record.schema.json', 'report.schema.json', 'snapshot.schema.json', 'tracking-plan.schema.json']);
  for (const f of files) {
    const ajv = userFileAjv();
    ajv.opts.allowUnionTypes = true;
    assert.not.throws(() => ajv.compile(load(f)), f);
  }
});

test('observed records: the schema and the reader accept and refuse the same records', () => {
  const ajv = userFileAjv();
  ajv.opts.allowUnionTypes = true;
  const validate = ajv.compile(load('observed-record.schema.json'));
  const samples: unknown[] = [
    { event: 'A', time: '2026-11-20T10:00:00Z', properties: { x: 1 } },
    { event: 'A' },
    { kind: 'event', event: 'A', timestamp: 1795600000000, library: 'ios' },
    { kind: 'user', user_id: 'u1', properties: { email: 'a@b.co' } },
    { kind: 'account', account_id: 'acme', properties: {} },
    { kind: 'event' },
    { event: '' },
    { kind: 'page', event: 'A' },
    { event: 'A', properties: [1] },
    { event: 'A', platform: 3 },
    { event: 7 },
    { event: 'A', time: 'yesterday' },
    { event: 'A', time: -5 },
    { event: 'A', time: null },
    ...readFileSync(path.join(ROOT, 'examples/observed.ndjson'), 'utf8').split('\n').filter(Boolean).slice(0, 200).map((l) => JSON.parse(l) as unknown),
  ];
  for (const s of samples) {
    assert.is(validate(s), !('malformed' in normalizeRecord(s)), JSON.stringify(s));
  }
});

test.run();
