// The Heap source against the emulator over real HTTP: 30 one-day chunks of 20 pages each with
// 50 ms of latency per request, at concurrency 1, 4 and 8, against the ideal
// (pages x latency / concurrency); then the 429s received under a limit of 10 requests a second.
import { Observations } from '../src/observed/aggregate.ts';
import { DAY, HeapSource } from '../src/sources/heap/source.ts';
import { startEmulator } from '../test/support/heap-emulator.ts';

const T0 = Date.UTC(2026, 9, 1);
const DAYS = 30;
const PAGES = 20;
const PAGE_SIZE = 50;
const LATENCY = 50;

function records(days = DAYS): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < PAGES * PAGE_SIZE; i++) {
      out.push({ event: `E${i % 7}`, time: new Date(T0 + d * DAY + Math.floor((i / (PAGES * PAGE_SIZE)) * DAY)).toISOString(), platform: 'web', properties: { n: i } });
    }
  }
  return out;
}

async function run(concurrency: number, extra: Parameters<typeof startEmulator>[0] = {}, days = DAYS) {
  const em = await startEmulator({ records: records(days), pageSize: PAGE_SIZE, latencyMs: LATENCY, clientId: 'b', clientSecret: 'bench-secret', ...extra });
  const source = new HeapSource({ baseUrl: em.url, credentials: { clientId: 'b', clientSecret: 'bench-secret' }, concurrency, resources: ['events'], pageLimit: PAGE_SIZE });
  const obs = new Observations({ window: { since: T0, until: T0 + days * DAY } });
  const t = performance.now();
  await source.read(obs, {});
  const ms = performance.now() - t;
  await em.close();
  const pages = em.requests.filter((r) => r.path.startsWith('/api/public/v0/events')).length;
  return { ms, pages, records: obs.records.accepted, rateLimited: em.rateLimited, complete: obs.complete };
}

export async function benchHeap(): Promise<void> {
  console.log(`heap source: ${DAYS} one-day chunks x ${PAGES} pages, ${LATENCY} ms latency per request`);
  for (const c of [1, 4, 8]) {
    const r = await run(c);
    const ideal = (r.pages * LATENCY) / c;
    console.log(`  concurrency ${c}: ${r.ms.toFixed(0)} ms for ${r.pages} pages, ${r.records.toLocaleString('en-US')} records; ideal ${ideal.toFixed(0)} ms; ${(r.ms / ideal).toFixed(2)}x ideal`);
  }
  const limited = await run(4, { rateLimit: 10, rateLimitHeaders: true, latencyMs: 5 }, 5);
  console.log(`  limit of 10 requests/s, concurrency 4, 5 days: ${limited.pages} requests in ${limited.ms.toFixed(0)} ms, ${limited.rateLimited} answered 429 (target: at most 1: ${limited.rateLimited <= 1 ? 'met' : 'NOT MET'}), complete: ${limited.complete}`);
}
