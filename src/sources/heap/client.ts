// The contract tracklint speaks with Heap (docs/heap-api.md): OAuth client credentials for a
// short-lived token, then paged reads of events, users and accounts over a time range.
import { SourceError } from '../../errors.ts';
import { Http, HttpError, HTTP_DEFAULTS, realSleep, retryAfterMs, type Exchange, type HttpOptions } from './http.ts';

export type Resource = 'events' | 'users' | 'accounts';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_BASE_URL = 'https://heapanalytics.com';
export const DEFAULT_PATHS = {
  auth: '/api/public/v0/auth_token',
  events: '/api/public/v0/events',
  users: '/api/public/v0/users',
  accounts: '/api/public/v0/accounts',
};
/** Heap documents its tokens as valid for 5 minutes. */
export const DEFAULT_TOKEN_LIFETIME_S = 300;

export interface HeapClientOptions extends Partial<Omit<HttpOptions, 'baseUrl'>> {
  baseUrl?: string;
  credentials: Credentials;
  paths?: Partial<typeof DEFAULT_PATHS>;
  /** Records per page asked for. */
  pageLimit?: number;
}

export interface Page {
  data: unknown[];
  nextCursor: string | null;
  partial: boolean;
}

/** Heap said the query is too large or timed out: the caller splits the range. */
export class TooLarge extends Error {
  constructor(readonly status: number) {
    super(`Heap answered ${status}: the query is too large or timed out`);
    this.name = 'TooLarge';
  }
}

const TOO_LARGE = /too (large|big|many)|exceed|time ?d? ?out|timeout|limit/i;

export class HeapClient {
  readonly http: Http;
  readonly paths: typeof DEFAULT_PATHS;
  private token: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly secrets: string[];

  constructor(private readonly options: HeapClientOptions) {
    this.http = new Http({
      ...HTTP_DEFAULTS,
      sleep: realSleep,
      random: Math.random,
      now: Date.now,
      ...options,
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    });
    this.paths = { ...DEFAULT_PATHS, ...options.paths };
    this.secrets = [options.credentials.clientSecret, options.credentials.clientId].filter((s) => s.length >= 4);
  }

  /** Text from Heap as it may be shown to a user: no token, no secret. */
  redact(text: string): string {
    let out = text.replace(/("?access_token"?\s*[:=]\s*"?)[^"\s,}&]+/gi, '$1[redacted]').replace(/(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]');
    for (const s of [...this.secrets, ...(this.token ? [this.token.value] : [])]) out = out.split(s).join('[redacted]');
    return out;
  }

  private describe(what: string, ex: Exchange): string {
    const body = this.redact(ex.text.replace(/\s+/g, ' ').trim()).slice(0, 200);
    return `${what}: HTTP ${ex.status}${ex.requestId ? ` (request id ${ex.requestId})` : ''}${body ? `: ${body}` : ''}`;
  }

  /** A valid access token, renewed before it runs out; concurrent callers share one request. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.http.options.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidateToken(): void {
    this.token = undefined;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const { clientId, clientSecret } = this.options.credentials;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const headers = { authorization: `Basic ${basic}`, 'content-type': 'application/json', accept: 'application/json' };
    const ex = await this.withRetries(this.paths.auth, () => this.http.attempt('POST', this.paths.auth, headers, '{}', signal), signal, (e) => {
      if (e.status === 401 || e.status === 403) {
        throw new SourceError(`Heap rejected the client credentials (HTTP ${e.status}): check HEAP_CLIENT_ID and HEAP_CLIENT_SECRET`);
      }
      return undefined;
    }).catch((e: unknown) => {
      // Without a token nothing can be read: one clear error, not a gap for every chunk.
      throw e instanceof HttpError ? new SourceError(`cannot get an access token from Heap: ${e.message}`) : e;
    });
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(ex.text) as typeof body;
    } catch {
      throw new SourceError(this.describe(`the token answer from ${this.paths.auth} is not JSON`, ex));
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new SourceError(`the token answer from ${this.paths.auth} has no access_token (HTTP ${ex.status})`);
    }
    const lifetime = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFETIME_S) * 1000;
    // Renew ahead of expiry: a fifth of the lifetime, at most a minute.
    this.token = { value: body.access_token, renewAt: this.http.options.now() + lifetime - Math.min(60_000, lifetime / 5) };
    return body.access_token;
  }

  /**
   * Retry an exchange for network errors, 429 and 5xx (and, through `decide`, whatever else the
   * caller says), within the retry and time budgets. `decide` may throw, return an Exchange to
   * accept, { retry: why } to retry (at once, uncounted, with `now`), or undefined for the
   * default handling.
   */
  private async withRetries(
    path: string,
    send: () => ReturnType<Http['attempt']>,
    signal: AbortSignal | undefined,
    decide: (ex: Exchange) => Exchange | { retry: string; now?: boolean } | undefined,
  ): Promise<Exchange> {
    const { http } = this;
    let last = '';
    for (let retry = 0; ; retry++) {
      const a = await send();
      let wait: number | undefined;
      if (a.kind === 'network') last = `${path}: ${a.error.message}`;
      else {
        const ex = a.exchange;
        const verdict = decide(ex);
        if (verdict !== undefined && !('retry' in verdict)) return verdict;
        if (verdict?.now) {
          retry--;
          continue;
        }
        if (verdict === undefined) {
          if (ex.status >= 200 && ex.status < 300) return ex;
          if (ex.status === 429) {
            http.counters.rateLimited++;
            const ra = retryAfterMs(headerValue(ex.headers['retry-after']), http.options.now());
            wait = Math.min(ra ?? http.backoff(retry), http.options.retryAfterMaxMs);
            http.gate.pauseUntil(http.options.now() + wait);
          } else if (ex.status < 500) {
            throw new HttpError(this.describe(`Heap refused ${path}`, ex), path, ex.status, ex.requestId);
          }
        }
        last = this.describe(verdict ? `${path}: ${verdict.retry}` : path, ex);
      }
      if (retry >= http.options.maxRetries) throw new HttpError(`${last} (gave up after ${retry} ${retry === 1 ? 'retry' : 'retries'})`, path);
      wait ??= http.backoff(retry);
      if (wait > http.budgetLeft()) throw new HttpError(`${last} (the time budget of ${Math.round(http.options.budgetMs / 1000)} s is spent)`, path);
      http.counters.retries++;
      await http.options.sleep(wait, signal);
    }
  }

  /** One page of a resource over [since, until). */
  async page(resource: Resource, since: number, until: number, cursor: string | undefined, signal?: AbortSignal): Promise<Page> {
    const q = new URLSearchParams({ start_time: new Date(since).toISOString(), end_time: new Date(until).toISOString(), limit: String(this.options.pageLimit ?? 1000) });
    if (cursor !== undefined) q.set('cursor', cursor);
    const path = `${this.paths[resource]}?${q}`;
    let renewed = false;
    let page: Page | undefined;
    await this.withRetries(
      this.paths[resource],
      async () => this.http.attempt('GET', path, { authorization: `Bearer ${await this.accessToken(signal)}`, accept: 'application/json' }, undefined, signal),
      signal,
      (ex) => {
        if (ex.status === 401) {
          // The token may have been revoked early: renew once, then give up.
          if (renewed) throw new SourceError(`Heap rejected a fresh access token for ${this.paths[resource]} (HTTP 401)`);
          renewed = true;
          this.invalidateToken();
          return { retry: 'renewing the access token', now: true };
        }
        if (ex.status === 403 || ex.status === 404) {
          throw new SourceError(
            `this Heap account does not expose ${resource} reads over the API (HTTP ${ex.status} on ${this.paths[resource]}). ` +
              'Read the data another way: a Heap Connect export (--source heap-connect:...), a captured file (--source file:...), or a snapshot (--source snapshot:...).',
          );
        }
        if (ex.status === 408 || ex.status === 504 || ((ex.status === 400 || ex.status === 413 || ex.status === 422) && TOO_LARGE.test(ex.text))) throw new TooLarge(ex.status);
        if (ex.status !== 200) return undefined;
        const parsed = parsePage(ex.text);
        if (typeof parsed === 'string') return { retry: parsed };
        page = parsed;
        return ex;
      },
    );
    return page!;
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The page shape, or what is wrong with it. */
export function parsePage(text: string): Page | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  const b = body as { data?: unknown; next_cursor?: unknown; partial?: unknown };
  if (typeof body !== 'object' || body === null || !Array.isArray(b.data)) return 'the body has no "data" list';
  if (b.next_cursor !== undefined && b.next_cursor !== null && typeof b.next_cursor !== 'string') return '"next_cursor" is not a string or null';
  return { data: b.data, nextCursor: typeof b.next_cursor === 'string' && b.next_cursor !== '' ? b.next_cursor : null, partial: b.partial === true };
}
