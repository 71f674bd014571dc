// The published shape: `npm pack`, then `npx ./tracklint-*.tgz` in a folder with nothing else.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../support/cli.ts';

const test = suite('package');
let dir = '';

test.before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tracklint-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

const npx = (args: string[]) =>
  execFileSync('npx', ['--yes', ...args], {
    cwd: dir,
    encoding: 'utf8',
    // A cache of its own, so the tarball is really installed, not found from an earlier run.
    env: { ...process.env, npm_config_cache: path.join(dir, '.npm'), npm_config_update_notifier: 'false', NO_COLOR: '1' },
  });

test('the tarball holds the bundle and no sources or tests', () => {
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const list = execFileSync('tar', ['-tzf', path.join(dir, tgz)], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(list.includes('package/dist/cli.js'));
  assert.ok(list.includes('package/README.md'));
  assert.ok(list.includes('package/specs/tracking-plan.schema.json'));
  assert.not.ok(list.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/')), list.join('\n'));
});

test('npx ./tracklint-*.tgz --help and check work from the tarball', () => {
  const tgz = './' + readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  assert.match(npx([tgz, '--help']), 'Usage:\n  tracklint check --plan');
  const out = npx(['-p', tgz, 'tracklint', 'check', '--plan', path.join(ROOT, 'examples/tracking-plan.yaml')]);
  assert.is(out, 'plan OK: 21 events, 54 properties in 1 file\n');
});

test('from the tarball, in a folder holding only a plan, a config file and observed data', () => {
  const tgz = path.join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
  const project = path.join(dir, 'project');
  mkdirSync(project);
  copyFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), path.join(project, 'tracking-plan.yaml'));
  copyFileSync(path.join(ROOT, 'examples/observed.ndjson'), path.join(project, 'observed.ndjson'));
  writeFileSync(path.join(project, 'tracklint.config.yaml'), 'plan: tracking-plan.yaml\nsource: file:observed.ndjson\nformat:\n  - console\n  - json=reports/report.json\n  - junit=reports/junit.xml\n');
  const r = spawnSync('npx', ['--yes', '-p', tgz, 'tracklint', 'check'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, npm_config_cache: path.join(dir, '.npm'), npm_config_update_notifier: 'false', NO_COLOR: '1' },
  });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, '✖ 14 problems (7 errors, 7 warnings)');
  const report = JSON.parse(readFileSync(path.join(project, 'reports/report.json'), 'utf8')) as { summary: { errors: number; warnings: number } };
  assert.equal([report.summary.errors, report.summary.warnings], [7, 7]);
  assert.ok(existsSync(path.join(project, 'reports/junit.xml')));
});

test.run();
