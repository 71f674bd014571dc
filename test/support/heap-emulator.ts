// A Heap API emulator on 127.0.0.1 (port 0) that serves tracklint's read contract from NDJSON
// fixture data, with faults to order: token lifetime, a rate limit that answers 429, scripted
// status sequences, latency, dropped connections, truncated bodies and partial pages.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = number | 'drop' | 'truncate' | 'malformed' | { status: number; body?: string; headers?: Record<string, string> };

export interface EmulatorOptions {
  /** NDJSON file(s) of observed records to serve. */
  data?: string[];
  records?: Record<string, unknown>[];
  clientId?: string;
  clientSecret?: string;
  /** expires_in of issued tokens, in seconds; tokens past it get 401. Omitted: no expires_in, 300 s. */
  tokenLifetime?: number;
  omitExpiresIn?: boolean;
  /** Requests per second allowed on the read paths; more get 429 with Retry-After. */
  rateLimit?: number;
  /** Send X-RateLimit-Remaining / X-RateLimit-Reset with every read answer. */
  rateLimitHeaders?: boolean;
  /** Faults served, in order, to requests whose path matches. */
  script?: { match: RegExp; faults: Fault[] }[];
  latencyMs?: number;
  /** Ranges longer than this get 413 "query too large". */
  maxRangeMs?: number;
  pageSize?: number;
  /** Mark pages of ranges that contain this instant as partial. */
  partialAt?: number;
  /** Answer every page with the same next_cursor (a pagination loop). */
  cursorLoop?: boolean;
  now?: () => number;
}

export interface Emulator {
  url: string;
  requests: { method: string; path: string; status: number | string; authorization?: string; contentType?: string }[];
  rateLimited: number;
  close(): Promise<void>;
}

const RESOURCES: Record<string, string> = { events: 'event', users: 'user', accounts: 'account' };

export async function startEmulator(o: EmulatorOptions = {}): Promise<Emulator> {
  const now = o.now ?? Date.now;
  const clientId = o.clientId ?? 'test-client-id';
  const clientSecret = o.clientSecret ?? 'test-client-secret';
  const records: Record<string, unknown>[] = [...(o.records ?? [])];
  for (const f of o.data ?? []) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) records.push(JSON.parse(l) as Record<string, unknown>);
  const timeOf = (r: Record<string, unknown>) => Date.parse(String(r.time ?? r.timestamp ?? ''));
  // Each kind's records sorted by time, so a range is two binary searches.
  const byKind = new Map<string, { t: number[]; rows: Record<string, unknown>[] }>();
  for (const r of records.map((r) => ({ r, t: timeOf(r) })).sort((a, b) => a.t - b.t)) {
    const k = String(r.r.kind ?? 'event');
    const e = byKind.get(k) ?? { t: [], rows: [] };
    e.t.push(r.t);
    e.rows.push(r.r);
    byKind.set(k, e);
  }
  const lowerBound = (xs: number[], x: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const tokens = new Map<string, number>();
  let tokenSeq = 0;
  let windowStart = 0;
  let windowCount = 0;
  const script = (o.script ?? []).map((s) => ({ match: s.match, faults: [...s.faults] }));
  const em: Emulator = { url: '', requests: [], rateLimited: 0, close: async () => undefined };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const entry = { method: req.method ?? '', path: url.pathname + url.search, status: 0 as number | string, authorization: req.headers.authorization, contentType: req.headers['content-type'] };
    em.requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${em.requests.length}`, ...headers });
      res.end(text);
    };
    req.resume();
    req.on('end', () => {
      setTimeout(() => handle(), o.latencyMs ?? 0);
    });
    const handle = () => {
      const fault = script.find((s) => s.match.test(entry.path) && s.faults.length > 0)?.faults.shift();
      if (fault !== undefined) {
        if (fault === 'drop') {
          entry.status = 'drop';
          req.socket.destroy();
          return;
        }
        if (fault === 'truncate') {
          entry.status = 'truncate';
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"data": [{"event": "Order Compl');
          return;
        }
        if (fault === 'malformed') return send(200, '{"rows": []}');
        if (typeof fault === 'number') return send(fault, { error: `scripted ${fault}` });
        return send(fault.status, fault.body ?? '', fault.headers);
      }
      if (url.pathname === '/api/public/v0/auth_token') {
        if (req.method !== 'POST') return send(405, { error: 'POST only' });
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return send(401, { error: 'bad client credentials' });
        const token = `tok-${++tokenSeq}-${Math.random().toString(36).slice(2)}`;
        const lifetime = o.tokenLifetime ?? 300;
        tokens.set(token, now() + lifetime * 1000);
        return send(200, o.omitExpiresIn ? { access_token: token } : { access_token: token, expires_in: lifetime });
      }
      const resource = url.pathname.replace('/api/public/v0/', '');
      const kind = RESOURCES[resource];
      if (!kind) return send(404, { error: 'not found' });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiry = token === undefined ? undefined : tokens.get(token);
      if (expiry === undefined || now() >= expiry) return send(401, { error: 'invalid or expired token' });
      const rl: Record<string, string> = {};
      if (o.rateLimit !== undefined) {
        const t = now();
        if (t - windowStart >= 1000) {
          windowStart = t - (t % 1000);
          windowCount = 0;
        }
        windowCount++;
        const reset = Math.max(0.001, (windowStart + 1000 - t) / 1000);
        if (o.rateLimitHeaders) Object.assign(rl, { 'x-ratelimit-remaining': String(Math.max(0, o.rateLimit - windowCount)), 'x-ratelimit-reset': reset.toFixed(3) });
        if (windowCount > o.rateLimit) {
          em.rateLimited++;
          return send(429, { error: 'rate limited' }, { 'retry-after': '1', ...rl });
        }
      }
      const since = Date.parse(url.searchParams.get('start_time') ?? '');
      const until = Date.parse(url.searchParams.get('end_time') ?? '');
      if (Number.isNaN(since) || Number.isNaN(until)) return send(400, { error: 'start_time and end_time are required' });
      if (o.maxRangeMs !== undefined && until - since > o.maxRangeMs) return send(413, { error: 'query too large: narrow the time range' });
      const k = byKind.get(kind) ?? { t: [], rows: [] };
      const rows = k.rows.slice(lowerBound(k.t, since), lowerBound(k.t, until));
      const offset = Number(url.searchParams.get('cursor') ?? '0');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? '1000'), o.pageSize ?? 1000);
      const page = rows.slice(offset, offset + limit);
      const next = offset + limit < rows.length ? String(offset + limit) : null;
      const partial = o.partialAt !== undefined && since <= o.partialAt && o.partialAt < until;
      return send(200, { data: page, next_cursor: o.cursorLoop ? 'same' : next, partial }, rl);
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  em.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  em.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return em;
}
