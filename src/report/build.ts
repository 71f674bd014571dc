// Engine result + plan + aggregate -> the Report that every reporter formats.
import { admits } from '../observed/kinds.ts';
import type { Observations } from '../observed/aggregate.ts';
import type { Plan } from '../plan/types.ts';
import type { EngineResult } from '../rules/engine.ts';
import { iso } from '../util/time.ts';
import type { Coverage, Report } from './types.ts';

export interface ReportMeta {
  version: string;
  now: number;
}

export function countPlanProperties(plan: Plan): number {
  let n = plan.userProperties.size + plan.accountProperties.size;
  for (const e of plan.events.values()) n += e.properties.size;
  return n;
}

export function coverage(plan: Plan, obs: Observations): Coverage {
  const typed = obs.typed === true;
  let planned = 0;
  let seen = 0;
  let props = 0;
  let ok = 0;
  for (const e of plan.events.values()) {
    if (e.status !== 'active') continue;
    planned++;
    props += e.properties.size;
    const o = obs.events.get(e.name);
    if (!o) continue;
    seen++;
    for (const [name, def] of e.properties) {
      const s = o.properties.get(name);
      if (!s || s.present - s.nulls === 0) continue;
      if ([...s.kinds.keys()].every((k) => k === 'null' || admits(def.types, k, typed))) ok++;
    }
  }
  return {
    events: { seen, planned, rate: planned ? seen / planned : null },
    properties: { ok, planned: props, rate: props ? ok / props : null },
  };
}

export function buildReport(plan: Plan, obs: Observations | undefined, result: EngineResult, meta: ReportMeta): Report {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  let observed: Report['observed'] = null;
  if (obs) {
    const span = obs.span();
    let plannedSeen = 0;
    for (const name of plan.events.keys()) if (obs.events.has(name)) plannedSeen++;
    observed = {
      sources: obs.sources.map((s) => ({ ...s })),
      typed: obs.typed,
      window: { since: span.since === undefined ? null : iso(span.since), until: span.until === undefined ? null : iso(span.until) },
      records: { ...obs.records },
      events: { observed: obs.events.size, planned: plannedSeen },
      entities: { users: obs.users.count, accounts: obs.accounts.count },
      complete: obs.complete,
      incomplete: [...obs.incomplete],
      gaps: obs.gaps.map((g) => ({ since: iso(g.since), until: iso(g.until), reason: g.reason })),
    };
  }
  return {
    version: 1,
    tool: { name: 'tracklint', version: meta.version },
    generatedAt: iso(meta.now),
    plan: {
      files: [...plan.files],
      events: plan.events.size,
      properties: countPlanProperties(plan),
      eventList: [...plan.events.values()].map((e) => ({ name: e.name, status: e.status, location: e.location })),
    },
    observed,
    summary: { errors: count('error'), warnings: count('warn'), infos: count('info'), coverage: obs ? coverage(plan, obs) : null },
    findings: result.findings,
    notices: [...(obs?.notices ?? []), ...result.notices],
  };
}
