// The real CLI against the Heap emulator over real HTTP on 127.0.0.1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli } from '../support/cli.ts';
import { startEmulator, type Emulator } from '../support/heap-emulator.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('heap source: end to end');
const DATA = path.join(ROOT, 'examples/observed.ndjson');
const WINDOW = ['--since', '2026-11-19', '--until', '2026-11-26'];
const PLAN = ['--plan', 'examples/tracking-plan.yaml'];
const SECRET = 'top-secret-value-9f8e7d';
const env = { NO_COLOR: '1', HEAP_CLIENT_ID: 'client-abc', HEAP_CLIENT_SECRET: SECRET };
let em: Emulator;
test.after.each(async () => em?.close());

const findings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings;

test('the same findings as the same data read from a file', async () => {
  em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, pageSize: 200 });
  const viaHeap = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--format', 'json', '--fail-on', 'never'], { env });
  assert.is(viaHeap.code, 0, viaHeap.stderr);
  const viaFile = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', ...WINDOW, '--format', 'json', '--fail-on', 'never']);
  assert.equal(findings(viaHeap.stdout), findings(viaFile.stdout));
  assert.ok(findings(viaHeap.stdout).length >= 14);
  // Seven one-day chunks, three resources each, several pages for the events.
  assert.ok(em.requests.filter((r) => r.path.startsWith('/api/public/v0/events')).length > 7);
  assert.match(viaHeap.stderr, /heap: 7 chunks, \d+ pages, 3,684 records in/);
});

test('faults that heal: dropped connections, truncated bodies, 503s, a 429 and an expired token', async () => {
  em = await startEmulator({
    data: [DATA],
    clientId: 'client-abc',
    clientSecret: SECRET,
    tokenLifetime: 1,
    latencyMs: 5,
    script: [{ match: /\/events\?/, faults: ['drop', 'truncate', 503, { status: 429, headers: { 'retry-after': '0' } }, 'malformed'] }],
  });
  const r = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--format', 'json', '--fail-on', 'never', '--concurrency', '1'], { env });
  assert.is(r.code, 0, r.stderr);
  const file = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', ...WINDOW, '--format', 'json', '--fail-on', 'never']);
  assert.equal(findings(r.stdout), findings(file.stdout));
  assert.ok(em.requests.filter((x) => x.path === '/api/public/v0/auth_token').length >= 2, 'the short-lived token was renewed');
});

test('a chunk that never heals: exit 3 naming the missing range; --allow-partial goes on without event-missing', async () => {
  const failing = { match: /start_time=2026-11-21T00%3A00%3A00.000Z/, faults: Array(20).fill(500) as number[] };
  em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, script: [failing] });
  const base = ['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--max-retries', '1', '--format', 'json'];
  const r = await runCli(base, { env });
  assert.is(r.code, 3);
  assert.match(r.stderr, 'heap: events for 2026-11-21T00:00:00Z .. 2026-11-22T00:00:00Z could not be read');
  em.close();
  em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, script: [{ ...failing, faults: Array(20).fill(500) as number[] }] });
  const partial = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--max-retries', '1', '--format', 'json', '--allow-partial', '--fail-on', 'never'], { env });
  assert.is(partial.code, 0, partial.stderr);
  const report = JSON.parse(partial.stdout) as { observed: { complete: boolean; gaps: { since: string }[] }; findings: { rule: string }[]; notices: string[] };
  assert.is(report.observed.complete, false);
  // events, users and accounts of that day
  assert.equal(report.observed.gaps.map((g) => g.since), ['2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z']);
  assert.not.ok(report.findings.some((f) => f.rule === 'event-missing'));
  assert.ok(report.notices.some((n) => n.startsWith('event-missing: no event is reported missing because the data is incomplete')));
});

test('a query too large for Heap is split down to smaller chunks', async () => {
  em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, maxRangeMs: 6 * 3_600_000 });
  const r = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--format', 'json', '--fail-on', 'never'], { env });
  assert.is(r.code, 0, r.stderr);
  const file = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', ...WINDOW, '--format', 'json', '--fail-on', 'never']);
  assert.equal(findings(r.stdout), findings(file.stdout));
  assert.ok(em.requests.some((x) => x.status === 413));
});

test('404 on the read path: a plain message naming the alternatives, exit 3', async () => {
  em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, script: [{ match: /\/events\?/, faults: [404] }] });
  const r = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW], { env });
  assert.is(r.code, 3);
  assert.match(r.stderr, 'this Heap account does not expose events reads over the API (HTTP 404 on /api/public/v0/events)');
  assert.match(r.stderr, 'a Heap Connect export');
  assert.not.match(r.stderr, 'scripted');
});

test('wrong credentials: exit 3; no credentials: exit 2', async () => {
  em = await startEmulator({ data: [DATA] });
  const wrong = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW], { env });
  assert.is(wrong.code, 3);
  assert.match(wrong.stderr, 'Heap rejected the client credentials (HTTP 401)');
  const none = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW], { env: { NO_COLOR: '1' } });
  assert.is(none.code, 2);
  assert.match(none.stderr, 'set HEAP_CLIENT_ID and HEAP_CLIENT_SECRET');
});

test('the secret and the tokens appear nowhere: stdout, stderr with --debug, every report', async () => {
  const tmp = tempDir();
  try {
    em = await startEmulator({ data: [DATA], clientId: 'client-abc', clientSecret: SECRET, script: [{ match: /\/users\?/, faults: [{ status: 500, body: `{"error": "boom", "access_token": "leaked-${SECRET}"}` }] }] });
    const out = (f: string) => path.join(tmp.dir, f);
    const r = await runCli(['check', ...PLAN, '--source', 'heap', '--heap-base-url', em.url, ...WINDOW, '--debug', '--max-retries', '0', '--allow-partial', '--format', `json=${out('r.json')}`, '--format', `junit=${out('r.xml')}`, '--format', `sarif=${out('r.sarif')}`, '--format', `markdown=${out('r.md')}`, '--format', `github=${out('r.txt')}`, '--format', 'console', '--save-observed', out('obs.json')], { env });
    const tokens = em.requests.filter((x) => x.authorization?.startsWith('Bearer ')).map((x) => x.authorization!.slice(7));
    assert.ok(tokens.length > 0);
    assert.match(r.stderr, 'debug: GET /api/public/v0/events?');
    const everything = [r.stdout, r.stderr, ...['r.json', 'r.xml', 'r.sarif', 'r.md', 'r.txt', 'obs.json'].map((f) => readFileSync(out(f), 'utf8'))].join('\n');
    for (const secret of [SECRET, ...new Set(tokens), Buffer.from(`client-abc:${SECRET}`).toString('base64')]) {
      assert.not.ok(everything.includes(secret), `leaked: ${secret.slice(0, 12)}`);
    }
    assert.match(everything, '[redacted]'); // the 500 body's access_token, in the gap's reason
  } finally {
    tmp.cleanup();
  }
});

test.run();
