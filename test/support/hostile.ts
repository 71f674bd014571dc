// Names that production traffic can carry and that must not break a terminal, an XML file, a
// workflow command or a Markdown table.
import { loadPlan } from '../../src/plan/load.ts';
import { buildReport } from '../../src/report/build.ts';
import type { Report } from '../../src/report/types.ts';
import { evaluate } from '../../src/rules/engine.ts';
import { collect } from '../../src/sources/collect.ts';
import { tempDir } from './tmp.ts';

export const HOSTILE = [
  'line\nbreak',
  'carriage\rreturn',
  '100% per%0Acent%25',
  '::error::injected',
  '##[error]legacy command',
  'cdata ]]> end',
  '<tag attr="x">&amp;</tag>',
  'nul\u0000byte',
  'esc \u001b[31mred\u001b[0m \u001b]8;;http://x\u0007link',
  'lone \ud800 high',
  'lone \udc00 low',
  'x'.repeat(10_000),
  '__proto__',
  'pipe | and `tick` and ``two``',
  'comma, colon: semi; equals=',
  'bidi \u202e evil',
  'tab\there',
  `quote ' and "`,
  'emoji 😀 ok',
  'nonchars \ufffe\uffff',
  '[link](http://evil.example) ![img](x) <script>',
];

/** A report from the real pipeline, with every hostile name as an event, a property and a user property. */
export async function hostileReport(): Promise<Report> {
  const tmp = tempDir();
  try {
    tmp.write('plan.yaml', 'version: 1\nevents:\n  Order Completed:\n    properties:\n      currency: { type: string, enum: [USD, EUR] }\nuser_properties:\n  email: { type: string }\n');
    const lines: string[] = [];
    for (const name of HOSTILE) {
      lines.push(JSON.stringify({ event: name, time: '2026-11-20T10:00:00Z', platform: name, properties: {} }));
      lines.push(JSON.stringify({ event: 'Order Completed', time: '2026-11-20T10:00:00Z', properties: { currency: name, [name]: 1 } }));
      lines.push(JSON.stringify({ kind: 'user', properties: { [name]: name } }));
    }
    tmp.write('observed.ndjson', lines.join('\n') + '\n');
    const plan = await loadPlan(['plan.yaml'], { cwd: tmp.dir });
    const obs = await collect([{ kind: 'file', location: 'observed.ndjson' }], { cwd: tmp.dir, window: {}, maxBadRecords: 0 });
    return buildReport(plan, obs, evaluate(plan, obs), { version: '0.0.0-test', now: Date.UTC(2026, 10, 26, 12) });
  } finally {
    tmp.cleanup();
  }
}
