import { plural, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'event-missing',
  defaultSeverity: 'error',
  needs: 'observed',
  doc: 'An active planned event was not observed at all in the window. Events with status planned (not shipped yet) are never reported, and deprecated ones are expected to disappear. This rule only concludes on complete data: when a source could not read everything (a failed chunk, a partial page, a missing file), or the window holds no records at all, it reports nothing and says why. When an unplanned event that looks like this one was observed ("Review Submited" for "Review Submitted"), the finding links the two instead of reporting a missing and an unplanned event.',
  check(ctx) {
    const { plan, obs } = ctx;
    if (!obs.complete) {
      ctx.notice(`event-missing: no event is reported missing because the data is incomplete (${obs.incomplete.join('; ')})`);
      return [];
    }
    if (obs.records.accepted === 0) {
      ctx.notice('event-missing: no event is reported missing because the window holds no records at all');
      return [];
    }
    const out: RawFinding[] = [];
    for (const e of plan.events.values()) {
      if (e.status !== 'active' || obs.events.has(e.name)) continue;
      const look = ctx.matches.events.get(e.name);
      const lookCount = look === undefined ? 0 : obs.events.get(look)!.count;
      out.push({
        rule: rule.id,
        scope: 'event',
        event: e.name,
        location: e.location,
        message:
          look === undefined
            ? `${q(e.name)} was not observed (${plural(obs.records.accepted, 'record')} in the window)`
            : `${q(e.name)} was not observed, but ${q(look)} was (${plural(lookCount, 'event')}): a misspelt event name?`,
        evidence: { count: 0, total: obs.records.accepted, ...(look === undefined ? {} : { related: { name: look, count: lookCount } }) },
        suggestion: look === undefined ? `check that ${e.name} is still sent, or mark it status: planned or deprecated` : `send "${e.name}" instead of "${look}", or rename the event in the plan`,
      });
    }
    return out;
  },
};
export default rule;
