import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleNdjson } from '../../scripts/make-example-observed.ts';
import { ROOT, runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const test = suite('check with observed data');
const PLAN = ['--plan', 'examples/tracking-plan.yaml', '--fail-on', 'never'];
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

test('examples/observed.ndjson is what scripts/make-example-observed.ts writes', () => {
  assert.ok(readFileSync(path.join(ROOT, 'examples/observed.ndjson'), 'utf8') === exampleNdjson(), 'regenerate with: npx tsx scripts/make-example-observed.ts');
});

test('the example: the summary of what was read, under the findings', async () => {
  const r = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', '--fail-on', 'never']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const summary = r.stdout.slice(r.stdout.indexOf('\n✖'));
  assert.is(
    summary,
    [
      '',
      '✖ 14 problems (7 errors, 7 warnings)',
      '  plan: 21 events, 54 properties in 1 file',
      '  coverage: 17/19 active events seen (89.4%), 41/46 planned properties seen with the right kind (89.1%)',
      '  events: 22 observed (18 of 21 planned), 120 user records, 5 account records',
      '  window: 2026-11-19T00:05:00.765Z .. 2026-11-25T23:57:08.325Z',
      '  source: file:examples/observed.ndjson (typed); 3,684 records read, 3,684 counted, 0 outside the window, 0 malformed',
      '',
    ].join('\n'),
  );
});

test('--since/--until filter the window; outside records are counted', async () => {
  const r = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', '--since', '2026-11-20', '--until', '2026-11-21']);
  assert.is(r.code, 0, r.stderr);
  const counted = Number(/ ([\d,]+) counted, ([\d,]+) outside/.exec(r.stdout)![1]!.replace(/,/g, ''));
  const outside = Number(/counted, ([\d,]+) outside/.exec(r.stdout)![1]!.replace(/,/g, ''));
  assert.is(counted + outside, 3684);
  const inDay = readFileSync(path.join(ROOT, 'examples/observed.ndjson'), 'utf8').split('\n').filter((l) => l.includes('"time":"2026-11-20T')).length;
  assert.is(counted, inDay);
  assert.match(r.stdout, '  window: 2026-11-20T00:00:00Z .. 2026-11-21T00:00:00Z\n');
});

test('a relative --since is measured from now', async () => {
  const r = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', '--since', '1d', '--until', '2026-11-21']);
  // 1d before the real now is after 2026-11-21 in any year this test runs: an empty window.
  assert.is(r.code, 2);
  assert.match(r.stderr, 'the window is empty');
});

test('bad flags for sources and windows are usage errors', async () => {
  const cases: [string[], string][] = [
    [['--source', 'examples/observed.ndjson'], 'unknown source kind "examples/observed.ndjson"'],
    [['--source', 'fiel:x'], 'unknown source kind "fiel" (did you mean "file"?)'],
    [['--source', 'file:'], 'give a location, as in file:PATH'],
    [['--source', 'file:nope.ndjson'], 'file source: no such file: nope.ndjson'],
    [['--since', 'last week'], '--since: "last week" is neither a duration'],
    [['--source', 'file:examples/observed.ndjson', '--max-bad-records', '150%'], '--max-bad-records: "150%" is not a share'],
    [['--save-observed', 'x.json'], '--save-observed needs at least one --source'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['check', ...PLAN, ...args]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('--save-observed writes a snapshot that reads back to the same summary', async () => {
  const snap = path.join(tmp.dir, 'out/obs.json');
  const direct = await runCli(['check', ...PLAN, '--source', 'file:examples/observed.ndjson', '--save-observed', snap]);
  assert.is(direct.code, 0, direct.stderr);
  const again = await runCli(['check', ...PLAN, '--source', `snapshot:${snap}`]);
  assert.is(again.code, 0, again.stderr);
  const body = (s: string) => s.split('\n').filter((l) => !l.startsWith('  source: ')).join('\n');
  assert.is(body(again.stdout), body(direct.stdout));
  assert.match(again.stdout, `  source: snapshot:${snap} (typed); 3,684 records read`);
});

test('two snapshots of adjacent windows merge into one complete aggregate', async () => {
  const a = path.join(tmp.dir, 'a.json');
  const b = path.join(tmp.dir, 'b.json');
  const src = ['--source', 'file:examples/observed.ndjson'];
  await runCli(['check', ...PLAN, ...src, '--since', '2026-11-19', '--until', '2026-11-22', '--save-observed', a]);
  await runCli(['check', ...PLAN, ...src, '--since', '2026-11-22', '--until', '2026-11-26', '--save-observed', b]);
  const whole = await runCli(['check', ...PLAN, ...src, '--since', '2026-11-19', '--until', '2026-11-26']);
  const merged = await runCli(['check', ...PLAN, '--source', `snapshot:${a}`, '--source', `snapshot:${b}`]);
  assert.is(merged.code, 0, merged.stderr);
  assert.not.match(merged.stdout, 'incomplete');
  const counts = (s: string) => s.split('\n').filter((l) => !l.startsWith('  source: ')).join('\n');
  assert.is(counts(merged.stdout), counts(whole.stdout));
  assert.match(merged.stdout, '  window: 2026-11-19T00:00:00Z .. 2026-11-26T00:00:00Z\n');
});

test('snapshots that leave a hole, or do not reach the requested window, make the data incomplete', async () => {
  const a = path.join(tmp.dir, 'a.json');
  const c = path.join(tmp.dir, 'c.json');
  const src = ['--source', 'file:examples/observed.ndjson'];
  await runCli(['check', ...PLAN, ...src, '--since', '2026-11-19', '--until', '2026-11-21', '--save-observed', a]);
  await runCli(['check', ...PLAN, ...src, '--since', '2026-11-22', '--until', '2026-11-24', '--save-observed', c]);
  const r = await runCli(['check', ...PLAN, '--source', `snapshot:${a}`, '--source', `snapshot:${c}`, '--since', '2026-11-19', '--until', '2026-11-25']);
  assert.is(r.code, 3, 'incomplete data without --allow-partial is a source error');
  assert.match(r.stderr, 'rerun with --allow-partial');
  assert.match(r.stdout, 'note: event-missing: no event is reported missing because the data is incomplete');
  assert.not.match(r.stdout, 'event-missing\n');
  const partial = await runCli(['check', ...PLAN, '--source', `snapshot:${a}`, '--source', `snapshot:${c}`, '--since', '2026-11-19', '--until', '2026-11-25', '--allow-partial']);
  assert.is(partial.code, 0, partial.stderr);
  assert.match(r.stdout, '  incomplete data: no data for 2026-11-21T00:00:00Z .. 2026-11-22T00:00:00Z: the snapshots do not cover it; no data for 2026-11-24T00:00:00Z .. 2026-11-25T00:00:00Z: the snapshots do not cover it\n');
});

test('a file that is not a snapshot is a usage error naming what is wrong', async () => {
  const f = tmp.write('x.json', JSON.stringify({ format: 'tracklint-observations', version: 2 }));
  const r = await runCli(['check', ...PLAN, '--source', `snapshot:${f}`]);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'is not a tracklint snapshot (version 1)');
});

test('malformed records quoted in warnings and errors never reach the terminal raw', async () => {
  const f = tmp.write('hostile.ndjson', '{"event": "Order Completed"}\n\u001b]0;pwned\u0007 \u001b[2J not json\n');
  const warn = await runCli(['check', ...PLAN, '--source', `file:${f}`, '--max-bad-records', '60%']);
  const fail = await runCli(['check', ...PLAN, '--source', `file:${f}`]);
  assert.is(fail.code, 3);
  for (const r of [warn, fail]) {
    assert.match(r.stderr, 'malformed');
    assert.not.match(r.stderr, /[\u0000-\u0009\u000b-\u001f]/);
  }
  assert.match(warn.stderr, '\\x1b]0;pwned');
});

test.run();
