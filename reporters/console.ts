// The default format: grouped by plan file, then event, like ESLint's stylish. Every name from
// traffic goes through visible() so no control character or escape sequence reaches the terminal.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Report } from '../src/report/types.ts';
import { count as n, coveragePct } from '../src/util/format.ts';
import { visible } from '../src/util/visible.ts';
import { evidenceLine } from './evidence.ts';
import { findingGroup } from './group.ts';

export interface ConsoleOptions {
  /** chalk colour level: 0 none, 1 basic, 2 256, 3 truecolor. The CLI decides it. */
  color: 0 | 1 | 2 | 3;
  /** Errors only. */
  quiet?: boolean;
}


function groupName(f: Finding): string {
  const g = findingGroup(f);
  return g.isEvent ? `"${g.label}"` : g.label;
}

export function formatConsole(report: Report, options: ConsoleOptions): string {
  const c: ChalkInstance = new Chalk({ level: options.color });
  const findings = options.quiet ? report.findings.filter((f) => f.severity === 'error') : report.findings;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  for (const [file, list] of byFile) {
    out.push(c.underline(visible(file)));
    const byGroup = new Map<string, Finding[]>();
    for (const f of list) {
      const g = groupName(f);
      byGroup.set(g, [...(byGroup.get(g) ?? []), f]);
    }
    const width = Math.max(...list.map((f) => `${f.location.line}:${f.location.column}`.length));
    for (const [group, items] of byGroup) {
      out.push(`  ${c.bold(visible(group))}`);
      for (const f of items) {
        const sev = f.severity === 'error' ? c.red('error') : f.severity === 'warn' ? c.yellow('warn ') : c.blue('info ');
        out.push(`    ${c.dim(`${f.location.line}:${f.location.column}`.padEnd(width))}  ${sev}  ${visible(f.message)}  ${c.dim(f.rule)}`);
        const ev = evidenceLine(f.evidence);
        const pad = ' '.repeat(4 + width + 2 + 5 + 2);
        if (ev) out.push(`${pad}${c.dim(visible(ev))}`);
        if (f.suggestion) out.push(`${pad}${c.dim('fix: ' + visible(f.suggestion))}`);
      }
    }
    out.push('');
  }
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  const planLine = `${n(report.plan.events)} events, ${n(report.plan.properties)} properties in ${n(report.plan.files.length)} file${report.plan.files.length === 1 ? '' : 's'}`;
  if (total === 0 && !report.observed) return `plan OK: ${planLine}\n` + report.notices.map((x) => c.dim(`  note: ${visible(x)}\n`)).join('');
  if (total === 0) out.push(c.green('✔ no problems'));
  else {
    const line = `✖ ${n(total)} problem${total === 1 ? '' : 's'} (${n(s.errors)} error${s.errors === 1 ? '' : 's'}, ${n(s.warnings)} warning${s.warnings === 1 ? '' : 's'}${s.infos ? `, ${n(s.infos)} info` : ''})`;
    out.push(s.errors ? c.red.bold(line) : c.yellow.bold(line));
    if (options.quiet && s.warnings + s.infos > 0) out.push(c.dim(`  (${n(s.warnings + s.infos)} warnings and infos not shown: --quiet)`));
  }
  out.push(`  plan: ${planLine}`);
  const o = report.observed;
  if (o && s.coverage) {
    const cv = s.coverage;
    out.push(`  coverage: ${n(cv.events.seen)}/${n(cv.events.planned)} active events seen (${coveragePct(cv.events.rate)}), ${n(cv.properties.ok)}/${n(cv.properties.planned)} planned properties seen with the right kind (${coveragePct(cv.properties.rate)})`);
    out.push(`  events: ${n(o.events.observed)} observed (${n(o.events.planned)} of ${n(report.plan.events)} planned), ${n(o.entities.users)} user records, ${n(o.entities.accounts)} account records`);
    out.push(`  window: ${o.window.since ?? '?'} .. ${o.window.until ?? '?'}`);
    out.push(`  source: ${visible(o.sources.map((x) => `${x.kind}:${x.location}`).join(', '))} (${o.typed === 'mixed' ? 'typed and string-typed' : o.typed ? 'typed' : 'string-typed'}); ${n(o.records.read)} records read, ${n(o.records.accepted)} counted, ${n(o.records.outsideWindow)} outside the window, ${n(o.records.malformed)} malformed`);
    if (!o.complete) out.push(c.yellow(`  incomplete data: ${visible(o.incomplete.join('; '))}`));
  }
  for (const notice of report.notices) out.push(c.dim(`  note: ${visible(notice)}`));
  return out.join('\n') + '\n';
}
