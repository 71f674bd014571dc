// JUnit XML for CI test tabs (GitLab, Jenkins, CircleCI, action-junit-report). One testsuite per
// plan file, one testcase per planned event (passing when it has no finding, so the tab shows
// coverage) and per unplanned event, user, account and plan-level group. Valid against the strict
// Ant schema and Jenkins' xUnit schema, except for the file and line attributes that the
// consumers above read and neither schema lists.
import type { Finding, Report } from '../src/report/types.ts';
import { evidenceLine } from './evidence.ts';
import { eventGroupKey, findingGroup } from './group.ts';
import { cdata, xmlAttr } from './xml.ts';

export interface JunitOptions {
  hostname: string;
  /** Warnings become failures too (--junit-warnings-as-failures). */
  warningsAsFailures?: boolean;
}

interface Case {
  name: string;
  file: string;
  line: number;
  findings: Finding[];
}

export function formatJunit(report: Report, options: JunitOptions): string {
  // Ant's schema wants a timestamp without a time zone.
  const timestamp = report.generatedAt.replace(/(\.\d+)?Z$/, '');
  const failing = (f: Finding) => f.severity === 'error' || (options.warningsAsFailures === true && f.severity === 'warn');
  // Suites in plan-file order, then any other file findings point at.
  const suites = new Map<string, Map<string, Case>>();
  for (const file of report.plan.files) suites.set(file, new Map());
  for (const f of report.findings) {
    let suite = suites.get(f.location.file);
    if (!suite) suites.set(f.location.file, (suite = new Map()));
    const { key, label } = findingGroup(f);
    let c = suite.get(key);
    if (!c) suite.set(key, (c = { name: label, file: f.location.file, line: f.location.line, findings: [] }));
    c.findings.push(f);
  }
  for (const e of report.plan.eventList) {
    const suite = suites.get(e.location.file) ?? new Map<string, Case>();
    suites.set(e.location.file, suite);
    const key = eventGroupKey(e.name);
    const c = suite.get(key);
    if (c) c.line = e.location.line;
    else suite.set(key, { name: e.name, file: e.location.file, line: e.location.line, findings: [] });
  }

  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  let id = 0;
  for (const [file, cases] of suites) {
    const list = [...cases.values()].sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1));
    // GitLab keeps only the first of two testcases with the same name.
    const used = new Set<string>();
    const unique = (name: string) => {
      let n = name;
      for (let i = 2; used.has(n); i++) n = `${name} (${i})`;
      used.add(n);
      return n;
    };
    const failures = list.filter((c) => c.findings.some(failing)).length;
    const suiteName = file === '' ? 'tracklint' : file;
    out.push(
      `  <testsuite name="${xmlAttr(suiteName)}" package="tracklint" id="${id++}" timestamp="${timestamp}" hostname="${xmlAttr(options.hostname || 'localhost')}" tests="${list.length}" failures="${failures}" errors="0" time="0">`,
      '    <properties/>',
    );
    const notes: string[] = [];
    for (const c of list) {
      const attrs = `name="${xmlAttr(unique(c.name))}" classname="${xmlAttr(suiteName)}" time="0" file="${xmlAttr(c.file)}" line="${c.line}"`;
      const fail = c.findings.filter(failing);
      for (const f of c.findings) if (!failing(f)) notes.push(line(f));
      if (fail.length === 0) {
        out.push(`    <testcase ${attrs}/>`);
        continue;
      }
      // Ant allows one failure per testcase: several findings share it.
      const first = fail[0]!;
      const type = fail.every((f) => f.rule === first.rule) ? first.rule : 'tracklint';
      const message = fail.length === 1 ? first.message : `${fail.length} problems: ${first.message} (and ${fail.length - 1} more)`;
      out.push(
        `    <testcase ${attrs}>`,
        `      <failure type="${xmlAttr(type)}" message="${xmlAttr(message)}" file="${xmlAttr(first.location.file)}" line="${first.location.line}">${cdata(fail.map(line).join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
    out.push(`    <system-out>${notes.length ? cdata(notes.join('\n')) : ''}</system-out>`, '    <system-err></system-err>', '  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function line(f: Finding): string {
  const ev = evidenceLine(f.evidence);
  return `${f.location.file}:${f.location.line}:${f.location.column} ${f.severity} ${f.rule}: ${f.message}${ev ? `\n  ${ev}` : ''}${f.suggestion ? `\n  fix: ${f.suggestion}` : ''}`;
}
