// docs/rules.md from the rules' own docs and their golden fixtures (a failing example and what
// tracklint says about it). A test checks that the committed file is current:
// regenerate with `npx tsx scripts/gen-rules-doc.ts`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/rules/index.ts';
import type { Finding } from '../src/report/types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

const clip = (line: string) => (line.length > 110 ? line.slice(0, 100) + '…' : line);

export function rulesDoc(): string {
  const out = [
    '# Rules',
    '',
    'Generated from the rules in `src/rules/` and their fixtures in `test/fixtures/rules/` by',
    '`scripts/gen-rules-doc.ts`; do not edit by hand. `tracklint rules` lists them and',
    '`tracklint explain RULE` prints one. Severities can be changed in the plan (`rules:`) or with',
    '`--rule RULE=SEVERITY`; `off` disables a rule.',
    '',
    '| rule | default | needs |',
    '| --- | --- | --- |',
    ...RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${r.needs === 'plan' ? 'the plan' : 'observed data'} |`),
    '',
  ];
  for (const r of RULES) {
    const dir = path.join(ROOT, 'test/fixtures/rules', r.id);
    out.push(`## ${r.id}`, '', `Default severity: **${r.defaultSeverity}**.`, '', r.doc, '', 'Example plan:', '', '```yaml');
    out.push(...readFileSync(path.join(dir, 'plan.yaml'), 'utf8').trimEnd().split('\n').map(clip), '```', '');
    if (existsSync(path.join(dir, 'observed.ndjson'))) {
      out.push('Observed (`--source file:observed.ndjson`):', '', '```json');
      out.push(...readFileSync(path.join(dir, 'observed.ndjson'), 'utf8').trimEnd().split('\n').map(clip), '```', '');
    }
    const { findings } = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { findings: Finding[] };
    out.push('Output:', '', '```');
    for (const f of findings) out.push(clip(`${f.location.file}:${f.location.line}:${f.location.column}  ${f.severity}  ${f.message}  ${f.rule}`));
    out.push('```', '');
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(ROOT, 'docs/rules.md'), rulesDoc());
  console.log('wrote docs/rules.md');
}
