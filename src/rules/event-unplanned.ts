import { looksAlike } from './matching.ts';
import { platformList, sortedPlatforms, plural, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'event-unplanned',
  defaultSeverity: 'warn',
  needs: 'observed',
  doc: 'An event was observed that the plan does not have and ignore_events does not cover. The finding points at the plan\'s events: section and gives the volume and platforms. When the name looks like a planned event (other case, separators, or a small misspelling), it suggests that name; when that planned event was not observed at all, event-missing reports the pair as one finding instead.',
  check(ctx) {
    const { plan, obs } = ctx;
    const location = plan.eventsKeys[0] ?? { file: plan.files[0] ?? '', line: 1, column: 1 };
    const out: RawFinding[] = [];
    for (const [name, e] of obs.events) {
      if (plan.events.has(name) || plan.ignoreEvents.some((m) => m.test(name))) continue;
      // Reported by event-missing as a misspelling of a planned event.
      if (ctx.matches.eventsByObserved.has(name) && obs.complete && obs.records.accepted > 0) continue;
      const like = ctx.matches.eventsByObserved.get(name) ?? [...plan.events.keys()].find((p) => looksAlike(p, name));
      const platforms = e.platforms.size ? `, ${platformList(e.platforms)}` : '';
      out.push({
        rule: rule.id,
        scope: 'event',
        event: name,
        location,
        message: `${q(name)} is not in the plan (${plural(e.count, 'event')}${platforms})${like !== undefined ? `; did you mean ${q(like)}?` : ''}`,
        evidence: {
          count: e.count,
          total: obs.records.accepted,
          rate: e.count / Math.max(1, obs.records.accepted),
          platforms: sortedPlatforms(e.platforms),
          ...(like !== undefined ? { related: { name: like, location: plan.events.get(like)!.location } } : {}),
        },
        suggestion: like !== undefined ? `send "${like}" instead, or add this event to the plan` : 'add it to the plan, add it to ignore_events, or stop sending it',
      });
    }
    return out;
  },
};
export default rule;
