import { q } from './text.ts';
import type { RawFinding, Rule } from './types.ts';

const rule: Rule = {
  id: 'plan-unused-property',
  defaultSeverity: 'warn',
  needs: 'plan',
  doc: 'A shared property (under properties: in the plan) is referenced by no event, user or account property. It is dead weight, or a $ref that was meant to point at it has a typo.',
  check(ctx) {
    const out: RawFinding[] = [];
    for (const [name, def] of ctx.plan.sharedProperties) {
      if (ctx.plan.referencedShared.has(name)) continue;
      out.push({ rule: rule.id, scope: 'plan', property: name, location: def.location, message: `shared property ${q(name)} is not referenced by any $ref`, evidence: {}, suggestion: 'remove it, or reference it with $ref: "#/properties/' + name + '"' });
    }
    return out;
  },
};
export default rule;
