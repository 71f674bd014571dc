// The published shape: `npm pack`, then `npx ./tracklint-*.tgz` in a folder with nothing else.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

test.run();
