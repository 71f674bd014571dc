import { count, platformList, sortedPlatforms, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'event-platform-missing',
  defaultSeverity: 'warn',
  needs: 'observed',
  doc: "An event is planned for a platform (platforms: in the plan) that sent none of it in the window, while other platforms did: the iOS release that lost the event, the server that never got it. Events observed without any platform information are not judged. Like event-missing, this rule only concludes on complete data.",
  check(ctx) {
    const { plan, obs } = ctx;
    if (!obs.complete) {
      ctx.notice('event-platform-missing: no platform is reported missing because the data is incomplete');
      return [];
    }
    const out: RawFinding[] = [];
    for (const def of plan.events.values()) {
      const e = obs.events.get(def.name);
      if (!def.platforms || !e || e.platforms.size === 0) continue;
      let others = 0;
      for (const n of e.platforms.values()) others += n;
      for (const platform of def.platforms) {
        if ((e.platforms.get(platform) ?? 0) > 0) continue;
        out.push({
          rule: rule.id,
          scope: 'event',
          event: def.name,
          location: def.location,
          message: `${q(def.name)} is planned for ${platform}, which sent none of its ${count(e.count)} events (${platformList(e.platforms)})`,
          evidence: { count: 0, total: others, platforms: sortedPlatforms(e.platforms), platform },
          suggestion: `check the ${platform} implementation of ${def.name}, or remove ${platform} from its platforms`,
        });
      }
    }
    return out;
  },
};
export default rule;
