// One line of evidence under a finding, shared by the text formats.
import type { Evidence } from '../src/report/types.ts';
import { count as n, pct } from '../src/util/format.ts';


export function evidenceLine(e: Evidence): string {
  const parts: string[] = [];
  if (e.count !== undefined && e.total !== undefined) parts.push(`${e.exact === false ? 'at least ' : ''}${n(e.count)} of ${n(e.total)}${e.rate !== undefined ? ` (${pct(e.rate)})` : ''}`);
  else if (e.count !== undefined) parts.push(`count ${n(e.count)}`);
  if (e.expected) parts.push(`expected ${e.expected.join(' | ')}`);
  if (e.kinds?.length) parts.push(`kinds: ${e.kinds.map((k) => `${k.kind} ${n(k.count)}${k.admitted ? '' : ' ✗'}`).join(', ')}`);
  if (e.examples?.length) parts.push(`e.g. ${e.examples.slice(0, 3).join(', ')}`);
  if (e.platforms?.length) parts.push(`platforms: ${e.platforms.map((p) => `${p.name} ${n(p.count)}`).join(', ')}`);
  if (e.platform !== undefined) parts.push(`missing platform: ${e.platform}`);
  if (e.related) parts.push(`related: "${e.related.name}"${e.related.count !== undefined ? ` (${n(e.related.count)})` : ''}${e.related.location ? ` at ${e.related.location.file}:${e.related.location.line}` : ''}`);
  return parts.join('; ');
}
