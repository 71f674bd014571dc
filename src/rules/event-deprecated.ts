import { platformList, sortedPlatforms, plural, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'event-deprecated',
  defaultSeverity: 'warn',
  needs: 'observed',
  doc: 'An event marked status: deprecated in the plan is still being sent. The finding gives its volume in the window and the platforms that still send it, so the team can find the code that was not cleaned up.',
  check(ctx) {
    const { plan, obs } = ctx;
    const out: RawFinding[] = [];
    for (const def of plan.events.values()) {
      const e = obs.events.get(def.name);
      if (def.status !== 'deprecated' || !e || e.count === 0) continue;
      out.push({
        rule: rule.id,
        scope: 'event',
        event: def.name,
        location: def.location,
        message: `${q(def.name)} is deprecated but was sent ${plural(e.count, 'time')}${e.platforms.size ? ` (${platformList(e.platforms)})` : ''}`,
        evidence: { count: e.count, total: obs.records.accepted, rate: e.count / Math.max(1, obs.records.accepted), platforms: sortedPlatforms(e.platforms) },
        suggestion: 'remove the code that still sends it, or set its status back to active',
      });
    }
    return out;
  },
};
export default rule;
