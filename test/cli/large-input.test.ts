// The CLI bundle (code-split, as published) on an input large enough to be read by worker
// threads: a worker is the bundle's own chunk started again, so this is where it could break.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cliBundle } from '../../scripts/bundles.ts';
import { ROOT } from '../support/cli.ts';
import { writeLargeNdjson } from '../support/large-ndjson.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('large input');

test('the CLI bundle reads a file larger than a part on worker threads, counts exact, line numbers from the file start', async () => {
  const tmp = tempDir();
  try {
    await build({ ...cliBundle(ROOT), outdir: path.join(tmp.dir, 'dist') });
    const big = writeLargeNdjson(path.join(tmp.dir, 'big.ndjson'));
    tmp.write('plan.yaml', readFileSync(path.join(ROOT, 'examples/tracking-plan.yaml'), 'utf8'));
    const r = spawnSync(process.execPath, [path.join(tmp.dir, 'dist/cli.js'), 'check', '--plan', 'plan.yaml', '--source', 'file:big.ndjson', '--format', 'json=report.json'], { cwd: tmp.dir, encoding: 'utf8' });
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^warning: big\\.ndjson:${big.malformedLine}: malformed record skipped: not valid JSON \\(.*\\)\\n$`));
    const report = JSON.parse(readFileSync(path.join(tmp.dir, 'report.json'), 'utf8')) as { observed: { records: Record<string, number> } };
    assert.equal(report.observed.records, { read: big.records + 1, accepted: big.records, outsideWindow: 0, malformed: 1, dropped: 0 });
  } finally {
    tmp.cleanup();
  }
});

test.run();
