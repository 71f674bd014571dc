// One HTTP exchange with Heap, made reliable: a timeout on every request, retries with
// exponential backoff and full jitter within a retry budget and a total time budget, Retry-After
// honoured, and a shared gate that slows every request down before the rate limit is hit.
// HTTP goes through undici with an injectable Dispatcher, so tests intercept it with MockAgent.
import { request, type Dispatcher } from 'undici';
import { abortError } from '../json-stream.ts';

export interface HttpOptions {
  baseUrl: string;
  dispatcher?: Dispatcher;
  /** Per request (default 60 s). */
  timeoutMs: number;
  /** Retries per request (default 5). */
  maxRetries: number;
  /** First backoff (default 0.5 s), doubling up to backoffMaxMs (default 30 s). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The longest Retry-After honoured (default 5 min). */
  retryAfterMaxMs: number;
  /** Total time budget of the run (default 15 min). */
  budgetMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  /** The --debug trace: method, path, status, time. Never headers or bodies. */
  trace?: (line: string) => void;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 5,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  retryAfterMaxMs: 5 * 60_000,
  budgetMs: 15 * 60_000,
};

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  requestId?: string;
}

export type Attempt =
  | { kind: 'network'; error: Error }
  | { kind: 'response'; exchange: Exchange };

/** Everything that can go wrong talking to Heap, with what the caller needs to decide. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Requests slow down together: before the limit is hit (X-RateLimit-*), and after a 429. */
export class RateGate {
  private until = 0;
  private budget = Infinity;
  private resetAt = 0;
  inflight = 0;

  constructor(private readonly now: () => number) {}

  /** How long to wait before the next request may start. */
  delay(): number {
    const t = this.now();
    if (t < this.until) return this.until - t;
    if (t >= this.resetAt) this.budget = Infinity;
    if (this.budget <= 0) return Math.max(0, this.resetAt - t);
    return 0;
  }

  take(): void {
    this.budget--;
    this.inflight++;
  }

  done(): void {
    this.inflight--;
  }

  observe(headers: Exchange['headers']): void {
    const remaining = Number(one(headers['x-ratelimit-remaining']));
    const reset = Number(one(headers['x-ratelimit-reset']));
    if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    // Reset as epoch seconds, or seconds from now.
    this.resetAt = reset > 1e9 ? reset * 1000 : this.now() + reset * 1000;
    // Requests already on their way will use up some of what is left.
    this.budget = Math.max(0, remaining - this.inflight);
  }

  pauseUntil(t: number): void {
    this.until = Math.max(this.until, t);
  }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Retry-After: seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export class Http {
  readonly gate: RateGate;
  readonly counters = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly started: number;

  constructor(readonly options: HttpOptions) {
    this.gate = new RateGate(options.now);
    this.started = options.now();
  }

  /** Full-jitter exponential backoff for the given retry (0-based). */
  backoff(retry: number): number {
    const cap = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** retry);
    return this.options.random() * cap;
  }

  budgetLeft(): number {
    return this.options.budgetMs - (this.options.now() - this.started);
  }

  /** One attempt: waits for the gate, sends, reads the whole body; never throws for HTTP statuses. */
  async attempt(method: string, path: string, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal): Promise<Attempt> {
    for (let wait = this.gate.delay(); wait > 0; wait = this.gate.delay()) await this.options.sleep(Math.min(wait, this.budgetLeft() + 1), signal);
    if (signal?.aborted) throw abortError();
    this.gate.take();
    this.counters.requests++;
    const t0 = this.options.now();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await request(new URL(path, this.options.baseUrl), {
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal: combined,
        ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const text = await res.body.text();
      this.gate.observe(res.headers);
      const requestId = one(res.headers['x-request-id']) ?? one(res.headers['x-heap-request-id']);
      this.options.trace?.(`${method} ${path} -> ${res.statusCode} (${Math.round(this.options.now() - t0)} ms)`);
      return { kind: 'response', exchange: { status: res.statusCode, headers: res.headers, text, ...(requestId ? { requestId } : {}) } };
    } catch (e) {
      if (signal?.aborted) throw abortError();
      const err = e as Error & { code?: string };
      const why = timeout.aborted ? `no answer within ${Math.round(this.options.timeoutMs / 1000)} s` : err.code ?? err.message;
      this.options.trace?.(`${method} ${path} -> ${why}`);
      return { kind: 'network', error: Object.assign(new Error(why), { code: err.code }) };
    } finally {
      this.gate.done();
    }
  }
}
