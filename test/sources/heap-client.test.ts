// The Heap client and source against undici's MockAgent: every reliability behaviour, with a
// fake clock and a sleep that records instead of waiting.
import { MockAgent } from 'undici';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Observations } from '../../src/observed/aggregate.ts';
import { HeapClient } from '../../src/sources/heap/client.ts';
import { retryAfterMs } from '../../src/sources/heap/http.ts';
import { DAY, HeapSource, HOUR } from '../../src/sources/heap/source.ts';

const test = suite('heap client (MockAgent)');
const BASE = 'https://heap.test';
const T0 = Date.UTC(2026, 10, 20);
const EVENTS = '/api/public/v0/events';
const AUTH = '/api/public/v0/auth_token';

function setup(opts: { random?: number } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(BASE);
  const clock = { t: T0 };
  const sleeps: number[] = [];
  const options = {
    baseUrl: BASE,
    dispatcher: agent,
    credentials: { clientId: 'cid', clientSecret: 'csecret' },
    now: () => clock.t,
    random: () => opts.random ?? 1,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock.t += ms;
    },
  };
  const token = (value = 'tok', expires?: number) =>
    pool.intercept({ path: AUTH, method: 'POST' }).reply(200, JSON.stringify(expires === undefined ? { access_token: value } : { access_token: value, expires_in: expires }));
  const page = (data: unknown[] = [], next: string | null = null, extra: object = {}) => JSON.stringify({ data, next_cursor: next, partial: false, ...extra });
  return { agent, pool, clock, sleeps, options, token, page };
}

const isEvents = (p: string) => p.startsWith(EVENTS);

test('the token request: POST, the auth path, Basic client_id:client_secret, JSON content type', async () => {
  const { pool, options, page } = setup();
  let seen: { method: string; path: string; headers: Record<string, string> } | undefined;
  pool.intercept({ path: AUTH, method: 'POST' }).reply((o) => {
    seen = { method: o.method, path: o.path, headers: o.headers as Record<string, string> };
    return { statusCode: 200, data: JSON.stringify({ access_token: 'tok', expires_in: 300 }) };
  });
  let auth = '';
  pool.intercept({ path: isEvents }).reply((o) => {
    auth = (o.headers as Record<string, string>).authorization!;
    return { statusCode: 200, data: page() };
  });
  await new HeapClient(options).page('events', T0, T0 + DAY, undefined);
  assert.is(seen!.method, 'POST');
  assert.is(seen!.path, AUTH);
  assert.is(seen!.headers.authorization, `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
  assert.is(seen!.headers['content-type'], 'application/json');
  assert.is(auth, 'Bearer tok');
});

test('the token is renewed before it runs out (300 s when expires_in is absent), not after a failure', async () => {
  const { pool, options, clock, token, page } = setup();
  token('first');
  token('second');
  const auths: string[] = [];
  pool.intercept({ path: isEvents }).reply((o) => {
    auths.push((o.headers as Record<string, string>).authorization!);
    return { statusCode: 200, data: page() };
  }).times(3);
  const client = new HeapClient(options);
  await client.page('events', T0, T0 + DAY, undefined);
  clock.t += 200_000; // still well inside 300 s
  await client.page('events', T0, T0 + DAY, undefined);
  clock.t += 50_000; // 250 s: within the last fifth, renew ahead
  await client.page('events', T0, T0 + DAY, undefined);
  assert.equal(auths, ['Bearer first', 'Bearer first', 'Bearer second']);
});

test('a 401 renews the token once and retries; a second 401 fails', async () => {
  const { pool, options, token, page } = setup();
  token('old');
  token('new');
  pool.intercept({ path: isEvents }).reply(401, '{}');
  pool.intercept({ path: isEvents }).reply((o) => ({ statusCode: (o.headers as Record<string, string>).authorization === 'Bearer new' ? 200 : 401, data: page() }));
  const p = await new HeapClient(options).page('events', T0, T0 + DAY, undefined);
  assert.equal(p.data, []);
  const b = setup();
  b.token('a');
  b.token('b');
  b.pool.intercept({ path: isEvents }).reply(401, '{}').times(2);
  const err = (await new HeapClient(b.options).page('events', T0, T0 + DAY, undefined).catch((e: unknown) => e)) as Error & { exitCode: number };
  assert.is(err.exitCode, 3);
  assert.match(err.message, 'Heap rejected a fresh access token');
});

test('429: Retry-After in seconds and as an HTTP date are both honoured, capped at 5 minutes', async () => {
  assert.is(retryAfterMs('7', T0), 7000);
  assert.is(retryAfterMs(new Date(T0 + 12_000).toUTCString(), T0), 12_000);
  assert.is(retryAfterMs('soon', T0), undefined);
  const { pool, options, sleeps, token, page } = setup();
  token('tok', 3600);
  pool.intercept({ path: isEvents }).reply(429, '{}', { headers: { 'retry-after': '3' } });
  pool.intercept({ path: isEvents }).reply(429, '{}', { headers: { 'retry-after': new Date(T0 + 3000 + 20_000).toUTCString() } });
  pool.intercept({ path: isEvents }).reply(429, '{}', { headers: { 'retry-after': '3600' } });
  pool.intercept({ path: isEvents }).reply(200, page());
  const client = new HeapClient(options);
  await client.page('events', T0, T0 + DAY, undefined);
  assert.equal(sleeps, [3000, 20_000, 300_000]);
  assert.is(client.http.counters.rateLimited, 3);
});

test('proactive slowdown: with X-RateLimit-Remaining at 0 the next request waits for the reset', async () => {
  const { pool, options, sleeps, token, page } = setup();
  token();
  pool.intercept({ path: isEvents }).reply(200, page([], 'c1'), { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' } });
  pool.intercept({ path: isEvents }).reply(200, page());
  const client = new HeapClient(options);
  const p1 = await client.page('events', T0, T0 + DAY, undefined);
  await client.page('events', T0, T0 + DAY, p1.nextCursor!);
  assert.equal(sleeps, [2000]);
  assert.is(client.http.counters.rateLimited, 0);
});

test('backoff: exponential from 0.5 s with full jitter, capped at 30 s, at most 5 retries', async () => {
  const { pool, options, sleeps, token } = setup({ random: 1 });
  token();
  pool.intercept({ path: isEvents }).reply(503, 'down').times(6);
  const err = (await new HeapClient({ ...options, backoffMaxMs: 4000 }).page('events', T0, T0 + DAY, undefined).catch((e: unknown) => e)) as Error;
  assert.equal(sleeps, [500, 1000, 2000, 4000, 4000]);
  assert.match(err.message, 'HTTP 503');
  assert.match(err.message, 'gave up after 5 retries');
  const jitter = setup({ random: 0.25 });
  jitter.token();
  jitter.pool.intercept({ path: isEvents }).reply(503, 'down').times(2);
  jitter.pool.intercept({ path: isEvents }).reply(200, jitter.page());
  await new HeapClient(jitter.options).page('events', T0, T0 + DAY, undefined);
  assert.equal(jitter.sleeps, [125, 250]);
});

test('a connection reset is retried like a 5xx', async () => {
  const { pool, options, sleeps, token, page } = setup();
  token();
  pool.intercept({ path: isEvents }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  pool.intercept({ path: isEvents }).reply(200, page([{ event: 'A', time: '2026-11-20T10:00:00Z' }]));
  const p = await new HeapClient(options).page('events', T0, T0 + DAY, undefined);
  assert.is(p.data.length, 1);
  assert.is(sleeps.length, 1);
});

test('the time budget ends retries: a window that never heals fails in well under a minute', async () => {
  const { pool, options, clock, token } = setup({ random: 1 });
  token();
  pool.intercept({ path: isEvents }).reply(503, 'down').persist();
  const start = clock.t;
  const err = (await new HeapClient({ ...options, budgetMs: 2000 }).page('events', T0, T0 + DAY, undefined).catch((e: unknown) => e)) as Error;
  assert.match(err.message, 'the time budget of 2 s is spent');
  assert.ok(clock.t - start <= 2000);
});

test('malformed bodies are retried, then fail with the status, the path and the request id', async () => {
  const { pool, options, token } = setup({ random: 0 });
  token();
  pool.intercept({ path: isEvents }).reply(200, '{"rows": []}', { headers: { 'x-request-id': 'req-42' } }).times(6);
  const err = (await new HeapClient(options).page('events', T0, T0 + DAY, undefined).catch((e: unknown) => e)) as Error;
  assert.match(err.message, `${EVENTS}: the body has no "data" list: HTTP 200 (request id req-42)`);
  assert.match(err.message, 'gave up after 5 retries');
});

test('404 and 403 on the read paths: the account does not expose reads; the alternatives are named', async () => {
  for (const status of [404, 403]) {
    const { pool, options, token } = setup();
    token();
    pool.intercept({ path: isEvents }).reply(status, '<html>nope</html>');
    const err = (await new HeapClient(options).page('events', T0, T0 + DAY, undefined).catch((e: unknown) => e)) as Error & { exitCode: number };
    assert.is(err.exitCode, 3);
    assert.is(err.message, `this Heap account does not expose events reads over the API (HTTP ${status} on ${EVENTS}). Read the data another way: a Heap Connect export (--source heap-connect:...), a captured file (--source file:...), or a snapshot (--source snapshot:...).`);
  }
});

const window = (days: number) => new Observations({ window: { since: T0, until: T0 + days * DAY } });

test('chunks: the window is split by day, a chunk that is too large is halved down to an hour', async () => {
  const { pool, options, token, page } = setup();
  token();
  const ranges: string[] = [];
  pool.intercept({ path: (p) => p.startsWith('/api/public/v0/') && !p.startsWith(AUTH) }).reply((o) => {
    const q = new URL(o.path, BASE).searchParams;
    const span = (Date.parse(q.get('end_time')!) - Date.parse(q.get('start_time')!)) / HOUR;
    if (o.path.startsWith(EVENTS)) ranges.push(`${q.get('start_time')!.slice(11, 13)}+${span}h`);
    return span > 6 && o.path.startsWith(EVENTS) ? { statusCode: 413, data: '{"error": "query too large"}' } : { statusCode: 200, data: page() };
  }).persist();
  const obs = window(1);
  await new HeapSource({ ...options, concurrency: 1 }).read(obs, {});
  assert.equal(ranges, ['00+24h', '00+12h', '00+6h', '06+6h', '12+12h', '12+6h', '18+6h']);
  assert.ok(obs.complete);
});

test('a range Heap still finds too large at one hour becomes a gap', async () => {
  const { pool, options, token, page } = setup();
  token();
  pool.intercept({ path: isEvents }).reply(504, 'gateway timeout').persist();
  pool.intercept({ path: (p) => !isEvents(p) && p !== AUTH }).reply(200, page()).persist();
  const small = new Observations({ window: { since: T0, until: T0 + HOUR } });
  await new HeapSource({ ...options, chunkMs: HOUR }).read(small, {});
  assert.not.ok(small.complete);
  assert.equal(small.gaps.map((g) => [g.since, g.until]), [[T0, T0 + HOUR]]);
  assert.match(small.incomplete[0]!, 'events for 2026-11-20T00:00:00Z .. 2026-11-20T01:00:00Z could not be read: Heap answered 504');
});

test('pagination follows next_cursor; a cursor seen twice is a gap, not a loop', async () => {
  const { pool, options, token, page } = setup();
  token();
  pool.intercept({ path: (p) => isEvents(p) && !p.includes('cursor') }).reply(200, page([{ event: 'A', time: '2026-11-20T01:00:00Z' }], 'c1'));
  pool.intercept({ path: (p) => isEvents(p) && p.includes('cursor=c1') }).reply(200, page([{ event: 'A', time: '2026-11-20T02:00:00Z' }], 'c2')).persist();
  pool.intercept({ path: (p) => isEvents(p) && p.includes('cursor=c2') }).reply(200, page([{ event: 'A', time: '2026-11-20T03:00:00Z' }], 'c1'));
  pool.intercept({ path: (p) => !isEvents(p) && p !== AUTH }).reply(200, page()).persist();
  const obs = window(1);
  await new HeapSource(options).read(obs, {});
  assert.is(obs.events.get('A')!.count, 3);
  assert.not.ok(obs.complete);
  assert.match(obs.incomplete[0]!, 'returned the cursor "c1" twice');
});

test('a page marked partial makes the data incomplete for its range', async () => {
  const { pool, options, token, page } = setup();
  token();
  pool.intercept({ path: isEvents }).reply(200, page([], null, { partial: true }));
  pool.intercept({ path: (p) => !isEvents(p) && p !== AUTH }).reply(200, page()).persist();
  const obs = window(1);
  await new HeapSource(options).read(obs, {});
  assert.equal(obs.incomplete, ['heap: Heap marked a page of events for 2026-11-20T00:00:00Z .. 2026-11-21T00:00:00Z as partial']);
  assert.equal(obs.gaps.map((g) => g.since), [T0]);
});

test('abort stops in-flight requests promptly', async () => {
  const { pool, options, token, page } = setup();
  token();
  pool.intercept({ path: isEvents }).reply(200, page()).delay(10_000);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  // Had the abort waited for the answer, the page would arrive (after 10 s) instead of an AbortError.
  const err = (await new HeapClient(options).page('events', T0, T0 + DAY, undefined, controller.signal).catch((e: unknown) => e)) as Error;
  assert.is(err.name, 'AbortError');
});

test('a token endpoint that cannot be reached ends the run with one clear error', async () => {
  const { pool, options } = setup({ random: 0 });
  pool.intercept({ path: AUTH, method: 'POST' }).reply(503, 'down').persist();
  const err = (await new HeapSource(options).read(window(3), {}).catch((e: unknown) => e)) as Error & { exitCode: number };
  assert.is(err.exitCode, 3);
  assert.match(err.message, 'cannot get an access token from Heap: /api/public/v0/auth_token: HTTP 503');
});

test('redaction: a token or secret echoed by Heap never reaches a message', () => {
  const client = new HeapClient({ baseUrl: BASE, credentials: { clientId: 'cid-123', clientSecret: 'csecret-456' } });
  const text = client.redact('{"access_token": "abc.def", "note": "csecret-456 and cid-123", "h": "Bearer xyz"}');
  assert.not.match(text, /abc\.def|csecret-456|cid-123|xyz/);
});

test.run();
