// The report exactly as specs/report.schema.json describes it.
import type { Report } from '../src/report/types.ts';

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
