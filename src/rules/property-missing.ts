import { scopeKey } from './matching.ts';
import { propertyTargets } from './properties.ts';
import { count, pct, propLabel, q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'property-missing',
  defaultSeverity: 'error',
  needs: 'observed',
  doc: 'A required property of an event was absent, or null where the plan does not allow null, in some of the events observed. The finding gives the number of events without it and the rate. When the property never came but a look-alike did (orderId for order_id), the finding names it.',
  check(ctx) {
    const out: RawFinding[] = [];
    const limit = ctx.obs.limits.maxProperties;
    for (const t of propertyTargets(ctx, 'event')) {
      const e = t.event!;
      if (t.observed.size >= limit) {
        ctx.notice(`property-missing: ${q(e.name)} was sent with more distinct properties than the aggregate keeps (${count(limit)}); its required properties were not checked`);
        continue;
      }
      const linked = ctx.matches.properties.get(scopeKey('event', e.name));
      for (const [name, def] of t.planned) {
        if (!def.required) continue;
        const s = t.observed.get(name);
        const nullable = def.types.includes('null');
        const missing = t.total - (s?.present ?? 0) + (nullable ? 0 : (s?.nulls ?? 0));
        if (missing <= 0) continue;
        const nulls = nullable ? 0 : (s?.nulls ?? 0);
        const look = linked?.get(name);
        const lookCount = look !== undefined ? t.observed.get(look)?.present : undefined;
        const what = nulls > 0 ? (nulls === missing ? 'null' : `missing or null (${count(nulls)} null)`) : 'missing';
        out.push({
          rule: rule.id,
          scope: 'event',
          event: e.name,
          property: name,
          location: def.location,
          message: `${propLabel('event', e.name, name)} is required but ${what} in ${count(missing)} of ${count(t.total)} events (${pct(missing / t.total)})${look !== undefined ? `; ${q(look)} was sent instead in ${count(lookCount ?? 0)} events` : ''}`,
          evidence: { count: missing, total: t.total, rate: missing / t.total, ...(look !== undefined ? { related: { name: look, count: lookCount ?? 0 } } : {}) },
          suggestion: look !== undefined ? `rename ${look} to ${name} where the event is sent` : `send ${name} with every ${e.name} event, or make it optional in the plan`,
        });
      }
    }
    return out;
  },
};
export default rule;
