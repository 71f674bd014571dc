// Runs the sources into one aggregate and decides what the result can support: windows that
// snapshots do not cover, and too many malformed records.
import { SourceError } from '../errors.ts';
import { Observations } from '../observed/aggregate.ts';
import type { Limits, Window } from '../observed/types.ts';
import { iso } from '../util/time.ts';
import { createSource, type SourceOptions, type SourceSpec } from './index.ts';
import type { ReadContext } from './types.ts';

export interface CollectOptions extends ReadContext {
  cwd: string;
  window: Window;
  /** Share (0..1) of malformed records above which the run stops. */
  maxBadRecords: number;
  pinnedEvents?: Iterable<string>;
  limits?: Partial<Limits>;
  sources?: SourceOptions;
}

export async function collect(specs: readonly SourceSpec[], opts: CollectOptions): Promise<Observations> {
  const obs = new Observations({ window: opts.window, pinnedEvents: opts.pinnedEvents, limits: opts.limits });
  const covered: { window: Window; location: string }[] = [];
  // Malformed records are judged where they are read: a snapshot's were judged when it was saved.
  const fresh = { read: 0, malformed: 0 };
  for (const spec of specs) {
    const source = await createSource(spec, opts.cwd, opts.sources);
    const before = { read: obs.records.read, malformed: obs.records.malformed };
    const range = await source.read(obs, opts);
    if (range) covered.push({ window: range, location: spec.location });
    else {
      fresh.read += obs.records.read - before.read;
      fresh.malformed += obs.records.malformed - before.malformed;
    }
  }
  if (covered.length) checkCoverage(obs, covered, opts.window);
  checkBadRecords(obs, fresh, opts.maxBadRecords);
  return obs;
}

/**
 * Snapshots hold what they cover and nothing else. Where the requested window reaches beyond
 * them, or two of them leave a hole between them, the data is incomplete for that range.
 */
function checkCoverage(obs: Observations, covered: { window: Window; location: string }[], requested: Window): void {
  const ranges = covered
    .map((c) => ({ since: c.window.since ?? -Infinity, until: c.window.until ?? Infinity, location: c.location }))
    .sort((a, b) => a.since - b.since);
  const since = requested.since ?? ranges[0]!.since;
  const until = requested.until ?? Math.max(...ranges.map((r) => r.until));
  if (obs.window.since === undefined && Number.isFinite(since)) obs.window.since = since;
  if (obs.window.until === undefined && Number.isFinite(until)) obs.window.until = until;
  let reached = since;
  for (const r of ranges) {
    if (r.since > reached && reached < until) {
      const gap = { since: reached, until: Math.min(r.since, until) };
      obs.markIncomplete(`no data for ${fmt(gap.since)} .. ${fmt(gap.until)}: the snapshots do not cover it`, finite(gap));
    }
    if (r.until > reached) reached = r.until;
    if (r.since < since || r.until > until) {
      obs.notice(`snapshot ${r.location} covers ${fmt(r.since)} .. ${fmt(r.until)}, beyond the requested window; its counts cannot be cut to the window`);
    }
  }
  if (reached < until) {
    const gap = { since: reached, until };
    obs.markIncomplete(`no data for ${fmt(gap.since)} .. ${fmt(gap.until)}: the snapshots do not cover it`, finite(gap));
  }
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]!.since < ranges[i - 1]!.until) {
      obs.notice(`snapshots ${ranges[i - 1]!.location} and ${ranges[i]!.location} overlap: events in the overlap are counted twice`);
    }
  }
}

const finite = (g: { since: number; until: number }) => (Number.isFinite(g.since) && Number.isFinite(g.until) ? g : undefined);
const fmt = (t: number) => (Number.isFinite(t) ? iso(t) : t < 0 ? 'the beginning' : 'now');

function checkBadRecords(obs: Observations, counts: { read: number; malformed: number }, maxShare: number): void {
  const { malformed, read } = counts;
  if (malformed === 0 || read === 0) return;
  const share = malformed / read;
  if (share > maxShare) {
    const samples = obs.malformedSamples.map((s) => `  ${s.file}:${s.line}: ${s.reason}`).join('\n');
    throw new SourceError(
      `${malformed.toLocaleString('en-US')} of ${read.toLocaleString('en-US')} records are malformed (${(share * 100).toFixed(1)}%, above --max-bad-records ${(maxShare * 100).toFixed(1)}%):\n${samples}`,
    );
  }
}
