// A summary for pull requests and GITHUB_STEP_SUMMARY: a verdict, counts, coverage, then a table
// per severity. Names from traffic go into code spans, everything else through mdText, so no
// name can become a link, an image, HTML or a new table cell. At most 1 MiB (GitHub's limit).
import type { Finding, Report, Severity } from '../src/report/types.ts';
import { count as n, coveragePct } from '../src/util/format.ts';
import { visible } from '../src/util/visible.ts';
import { evidenceLine } from './evidence.ts';
import { findingGroup } from './group.ts';

export const MAX_SUMMARY_BYTES = 1024 * 1024;

export interface MarkdownOptions {
  maxBytes?: number;
}

/**
 * Plain text inside a table cell: the characters that could start emphasis, code, a link or an
 * image, HTML or an entity, math, strikethrough, or a new cell are backslash-escaped.
 */
export function mdText(s: string): string {
  return visible(s).replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`);
}

/** A code span that holds any name, inside a table cell. */
export function mdCode(s: string): string {
  const text = visible(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const TITLES: Record<Severity, string> = { error: 'Errors', warn: 'Warnings', info: 'Info' };

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxBytes ?? MAX_SUMMARY_BYTES;
  const s = report.summary;
  const head: string[] = [];
  const verdict = s.errors > 0 ? `❌ **tracklint**: ${n(s.errors)} error${s.errors === 1 ? '' : 's'}, ${n(s.warnings)} warning${s.warnings === 1 ? '' : 's'}` : s.warnings > 0 ? `⚠️ **tracklint**: ${n(s.warnings)} warning${s.warnings === 1 ? '' : 's'}` : '✅ **tracklint**: no problems';
  head.push(`## ${verdict}`, '');
  head.push(`| | |`, `| --- | --- |`, `| plan | ${n(report.plan.events)} events, ${n(report.plan.properties)} properties in ${n(report.plan.files.length)} file${report.plan.files.length === 1 ? '' : 's'} |`);
  const o = report.observed;
  if (o && s.coverage) {
    const c = s.coverage;
    head.push(`| events seen | ${n(c.events.seen)} of ${n(c.events.planned)} active${c.events.rate === null ? '' : ` (${coveragePct(c.events.rate)})`} |`);
    head.push(`| properties right | ${n(c.properties.ok)} of ${n(c.properties.planned)}${c.properties.rate === null ? '' : ` (${coveragePct(c.properties.rate)})`} |`);
    head.push(`| window | ${mdText(`${o.window.since ?? '?'} .. ${o.window.until ?? '?'}`)} |`);
    head.push(`| records | ${n(o.records.read)} read, ${n(o.records.accepted)} counted |`);
    if (!o.complete) head.push(`| data | ⚠️ incomplete: ${mdText(o.incomplete.join('; '))} |`);
  }
  head.push('');
  for (const notice of report.notices) head.push(`> ${mdText(notice)}`, '');

  const sections: { title: string; rows: string[] }[] = [];
  for (const sev of ['error', 'warn', 'info'] as const) {
    const list = report.findings.filter((f) => f.severity === sev);
    if (list.length) sections.push({ title: `### ${TITLES[sev]} (${n(list.length)})`, rows: list.map(row) });
  }
  const tableHead = ['', '| event | property | problem | evidence |', '| --- | --- | --- | --- |'];
  const bytes = (x: string) => Buffer.byteLength(x, 'utf8');
  let out = head.join('\n') + '\n';
  let left = 0;
  const reserve = 200; // room for the line that says what was left out
  for (const section of sections) {
    const start = `${section.title}\n${tableHead.join('\n')}\n`;
    if (left > 0 || bytes(out) + bytes(start) + reserve > max) {
      left += section.rows.length;
      continue;
    }
    out += start;
    for (const [i, r] of section.rows.entries()) {
      if (bytes(out) + bytes(r) + 1 + reserve > max) {
        left += section.rows.length - i;
        break;
      }
      out += r + '\n';
    }
    out += '\n';
  }
  if (left > 0) out += `**${n(left)} more finding${left === 1 ? ' was' : 's were'} left out to stay within GitHub's 1 MiB summary limit; see the full report.**\n`;
  return out;
}

function row(f: Finding): string {
  const g = findingGroup(f);
  const where = g.isEvent ? mdCode(g.label) : g.key;
  const prop = f.property !== undefined ? mdCode(f.property) : '';
  const problem = `${mdText(f.message)} (${mdCode(f.rule)})`;
  return `| ${where} | ${prop} | ${problem} | ${mdText(evidenceLine(f.evidence))} |`;
}
