// The hostile corpus through every reporter.
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import { XMLParser } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validateXML } from 'xmllint-wasm';
import { formatConsole } from '../../reporters/console.ts';
import { formatGithub } from '../../reporters/github.ts';
import { formatJson } from '../../reporters/json.ts';
import { formatJunit } from '../../reporters/junit.ts';
import { formatMarkdown } from '../../reporters/markdown.ts';
import { formatSarif } from '../../reporters/sarif.ts';
import { neutralize } from '../../reporters/workflow.ts';
import { xmlSafe } from '../../reporters/xml.ts';
import reportSchema from '../../specs/report.schema.json' with { type: 'json' };
import type { Report } from '../../src/report/types.ts';
import { RULES } from '../../src/rules/index.ts';
import { truncate } from '../../src/util/visible.ts';
import { HOSTILE, hostileReport } from '../support/hostile.ts';
import { readRef } from '../support/refs.ts';
import { decodeLine } from '../support/workflow-decoder.ts';

const test = suite('reporters: hostile input');
let report: Report;
test.before(async () => {
  report = await hostileReport();
});

// CommonJS with a default export: under NodeNext it arrives wrapped.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: typeof AjvDraft04Module }).default ?? AjvDraft04Module) as unknown as typeof AjvDraft04Module.default;
const rules = RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, doc: r.doc }));
// Characters that must never reach a terminal raw: C0/C1 controls (but the newline), bidi overrides, lone surrogates.
const UNSAFE_TTY = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('the corpus reaches the report: an unplanned event, property and user property per name', () => {
  for (const name of HOSTILE) {
    assert.ok(report.findings.some((f) => f.rule === 'event-unplanned' && f.event === name), JSON.stringify(name).slice(0, 60));
    assert.ok(report.findings.some((f) => f.rule === 'property-unplanned' && f.property === name));
    assert.ok(report.findings.some((f) => f.rule === 'user-property-unplanned' && f.property === name));
  }
});

test('console: nothing reaches the terminal raw', () => {
  const out = formatConsole(report, { color: 0 });
  assert.not.ok(UNSAFE_TTY.test(out), JSON.stringify(UNSAFE_TTY.exec(out)));
  assert.match(out, 'line\\nbreak');
  assert.match(out, 'esc \\x1b[31mred');
  // With colour, the only escape sequences are chalk's own SGR codes.
  const coloured = formatConsole(report, { color: 1 });
  assert.not.ok(UNSAFE_TTY.test(coloured.replace(/\u001b\[\d+(;\d+)*m/g, '')));
});

for (const xsd of ['windyroad-JUnit.xsd', 'jenkins-xunit-junit-10.xsd']) {
  test(`junit: valid against ${xsd} (file and line attributes stripped)`, async () => {
    const schema = readRef(xsd);
    if (schema === undefined) return;
    for (const warningsAsFailures of [false, true]) {
      const xml = formatJunit(report, { hostname: 'ci', warningsAsFailures }).replace(/ (file|line)="[^"]*"/g, '');
      const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [schema] });
      assert.ok(result.valid, result.rawOutput.slice(0, 2000));
    }
  });
}

test('junit: names come back from an XML parser as written, but for what XML cannot carry; testcase names are unique', () => {
  const xml = formatJunit(report, { hostname: 'ci', warningsAsFailures: true });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false, cdataPropName: '#cdata', isArray: (n) => n === 'testcase' || n === 'testsuite' }).parse(xml) as {
    testsuites: { testsuite: { testcase: { name: string; failure?: { message: string; '#cdata': string | string[] } }[] }[] };
  };
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
  const names = cases.map((c) => c.name);
  assert.is(new Set(names).size, names.length);
  for (const name of HOSTILE) assert.ok(names.includes(xmlSafe(name)), `testcase for ${JSON.stringify(name).slice(0, 40)}`);
  // A body split at "]]>" comes back as several CDATA sections: together, the original text.
  const bodies = cases.map((c) => [c.failure?.['#cdata'] ?? ''].flat().join('')).join('\n');
  assert.match(bodies, 'cdata ]]> end'); // "]]>" split across sections, read back whole
});

test('sarif: valid against the SARIF 2.1.0 schema; names kept exactly in the JSON', () => {
  const text = readRef('sarif-schema-2.1.0.json');
  if (text === undefined) return;
  const ajv = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(text) as object);
  const sarif = JSON.parse(formatSarif(report, { rules, cwd: '/repo' })) as { runs: { results: { properties: { event?: string } }[] }[] };
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const events = sarif.runs[0]!.results.map((r) => r.properties.event);
  for (const name of HOSTILE) assert.ok(events.includes(name));
});

test('json: valid against specs/report.schema.json; names round-trip exactly', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true }).compile(reportSchema);
  const back = JSON.parse(formatJson(report)) as Report;
  assert.ok(validate(back), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(back.findings.map((f) => [f.event, f.property]), report.findings.map((f) => [f.event, f.property]));
});

test('github: one command per finding with the original names; no legacy command, no line break', () => {
  const findings = report.findings;
  // GitHub shows 10 annotations per level: check the corpus ten findings at a time.
  for (let i = 0; i < findings.length; i += 10) {
    const slice = { ...report, findings: findings.slice(i, i + 10) };
    const out = formatGithub(slice, { cwd: '/repo', workspace: '/repo' });
    // The reporter puts errors first.
    slice.findings.sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1));
    const lines = out.split('\n').filter(Boolean);
    assert.is(lines.length, slice.findings.length);
    for (const [j, line] of lines.entries()) {
      const cmd = decodeLine(line);
      assert.ok(cmd !== undefined && cmd !== 'legacy', line.slice(0, 200));
      const f = slice.findings[j]!;
      assert.is(cmd.name, f.severity === 'error' ? 'error' : 'warning');
      assert.equal(cmd.properties, { file: f.location.file, line: String(f.location.line), col: String(f.location.column), title: f.rule });
      const name = (f.rule === 'event-unplanned' ? f.event : f.property)!;
      assert.ok(cmd.data.startsWith(neutralize(f.message.slice(0, 40)).slice(0, 20)), cmd.data.slice(0, 80));
      assert.ok(cmd.data.includes(neutralize(truncate(name, 120))), `${JSON.stringify(name).slice(0, 40)} in ${JSON.stringify(cmd.data).slice(0, 200)}`);
    }
  }
});

test('github: past 10 per level, the rest is counted in one last notice', () => {
  const out = formatGithub(report, { cwd: '/repo', fullReport: 'reports/report.json' }).trimEnd().split('\n');
  const decoded = out.map(decodeLine);
  const count = (name: string) => decoded.filter((c) => c !== undefined && c !== 'legacy' && c.name === name).length;
  assert.is(count('error'), 1); // one property-value error
  assert.is(count('warning'), 10);
  const last = decoded.at(-1);
  assert.ok(last !== undefined && last !== 'legacy' && last.name === 'notice');
  assert.is(last.data, `${report.findings.length - 11} more findings not shown as annotations (GitHub shows 10 per level); see the full report in reports/report.json`);
});

test('markdown: every row has four cells, no raw HTML or link, no line break inside a row', () => {
  const md = formatMarkdown(report);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| --- ') && !l.startsWith('| event |') && !l.startsWith('| |'));
  assert.ok(rows.length >= report.findings.length);
  for (const row of rows.slice(-report.findings.length)) {
    // Cells are split at pipes that are not escaped.
    const cells = row.split(/(?<!\\)\|/).slice(1, -1);
    assert.is(cells.length, 4, row.slice(0, 200));
  }
  // Outside code spans (which show their text literally), no "<" or "](" that Markdown would read.
  const prose = md.replace(/(`+)[\s\S]*?\1/g, '');
  assert.not.match(prose, /(?<!\\)<|(?<!\\)\]\(/);
  assert.not.ok(UNSAFE_TTY.test(md.replace(/\n/g, ' ')));
});

test('markdown: past 1 MiB, rows are left out and counted', () => {
  const md = formatMarkdown(report, { maxBytes: 6000 });
  assert.ok(Buffer.byteLength(md) <= 6000);
  const m = /\*\*(\d+) more findings were left out/.exec(md);
  assert.ok(m, md.slice(-300));
  const findingsPart = md.slice(md.indexOf('\n### '));
  const shownRows = findingsPart.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| event |') && !l.startsWith('| --- ')).length;
  assert.is(shownRows + Number(m![1]), report.findings.length);
});

test.run();
