// SARIF 2.1.0 for GitHub code scanning. The fingerprint hashes the rule, event and property, not
// the line, so an alert survives unrelated edits that move it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report, Severity } from '../src/report/types.ts';
import { firstSentence } from '../src/util/format.ts';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  doc: string;
}

export interface SarifOptions {
  rules: readonly RuleMeta[];
  cwd: string;
  /** Repository root (GITHUB_WORKSPACE): artifact URIs are relative to it. */
  workspace?: string;
}

export const INFORMATION_URI = 'https://github.com/tracklint/tracklint';

const LEVEL = { error: 'error', warn: 'warning', info: 'note' } as const;

export function fingerprint(rule: string, event: string | undefined, property: string | undefined): string {
  return createHash('sha256').update(JSON.stringify([rule, event ?? null, property ?? null])).digest('hex').slice(0, 32) + ':1';
}

export function formatSarif(report: Report, options: SarifOptions): string {
  const root = options.workspace ?? options.cwd;
  const artifact = (file: string) => {
    const abs = path.resolve(options.cwd, file);
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  };
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tracklint',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: options.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: firstSentence(r.doc) },
              fullDescription: { text: r.doc },
              help: { text: `${r.doc}\n\nSee ${INFORMATION_URI}/blob/main/docs/rules.md#${r.id}`, markdown: `${r.doc}\n\n[docs/rules.md#${r.id}](${INFORMATION_URI}/blob/main/docs/rules.md#${r.id})` },
              helpUri: `${INFORMATION_URI}/blob/main/docs/rules.md#${r.id}`,
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        automationDetails: { id: 'tracklint/' },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.suggestion ? `${f.message}. Fix: ${f.suggestion}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifact(f.location.file),
                region: { startLine: f.location.line, startColumn: f.location.column },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: fingerprint(f.rule, f.event, f.property) },
          properties: {
            ...(f.event !== undefined ? { event: f.event } : {}),
            ...(f.property !== undefined ? { property: f.property } : {}),
            evidence: f.evidence,
          },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
