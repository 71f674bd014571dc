// Heap Connect from a real S3-compatible server on 127.0.0.1 (s3rver), started by the test,
// with the same fixtures as the local folder: the same findings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../support/cli.ts';
import { writeConnectFixture, type ConnectFixture } from '../support/heap-connect-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('heap connect (S3)');
let tmp: ReturnType<typeof tempDir>;
let fx: ConnectFixture;
let server: { close: () => Promise<void> };
let endpoint = '';
const BUCKET = 'heap-rs3-acme';
const env = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

test.before(async () => {
  tmp = tempDir();
  fx = await writeConnectFixture(path.join(tmp.dir, 'export'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tmp.dir, 's3'), configureBuckets: [{ name: BUCKET }] });
  const { address, port } = (await s3.run()) as { address: string; port: number };
  server = s3;
  endpoint = `http://${address}:${port}`;
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  for (const f of files(fx.root)) {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `prefix/${f}`, Body: readFileSync(path.join(fx.root, f)) }));
  }
});
test.after(async () => {
  await server?.close();
  tmp?.cleanup();
});

test('the bucket gives the same findings and the same incomplete reasons as the local folder', async () => {
  const plan = tmp.write('plan.yaml', 'version: 1\nevents:\n  Order Completed:\n    properties:\n      revenue: { type: number }\n  Sign Up:\n    heap: { table: signed_up }\n');
  const args = ['check', '--plan', plan, '--format', 'json', '--allow-partial', '--fail-on', 'never'];
  const local = await runCli([...args, '--source', `heap-connect:${fx.root}`], { env });
  const s3 = await runCli([...args, '--source', `heap-connect:s3://${BUCKET}/prefix`, '--s3-endpoint', endpoint], { env });
  assert.is(s3.code, 0, s3.stderr);
  type R = { findings: unknown[]; observed: { records: unknown; incomplete: string[]; events: unknown } };
  const a = JSON.parse(local.stdout) as R;
  const b = JSON.parse(s3.stdout) as R;
  assert.equal(b.findings, a.findings);
  assert.equal(b.observed.records, a.observed.records);
  assert.equal(b.observed.events, a.observed.events);
  assert.equal(b.observed.incomplete, a.observed.incomplete);
  assert.is(b.observed.incomplete.length, 2);
});

test('a bucket that does not exist: exit 3 with the S3 error', async () => {
  const r = await runCli(['check', '--plan', 'examples/tracking-plan.yaml', '--source', 'heap-connect:s3://no-such-bucket/prefix', '--s3-endpoint', endpoint], { env });
  assert.is(r.code, 3);
  assert.match(r.stderr, 'heap-connect: cannot list manifests/ in s3://no-such-bucket/prefix/');
});

test.run();
