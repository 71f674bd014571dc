// Naming conventions, shared by naming-event and naming-property.
import type { NamingConvention } from '../plan/types.ts';

const CONVENTIONS: Record<Exclude<NamingConvention['kind'], 'regex'>, { test: RegExp; words: string }> = {
  // "Order Completed", "SSO Login", "Step 2 Done"
  title: { test: /^[A-Z0-9][A-Za-z0-9]*(?: [A-Z0-9][A-Za-z0-9]*)*$/, words: 'Title Case' },
  snake: { test: /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, words: 'snake_case' },
  camel: { test: /^[a-z][a-zA-Z0-9]*$/, words: 'camelCase' },
  pascal: { test: /^[A-Z][a-zA-Z0-9]*$/, words: 'PascalCase' },
  kebab: { test: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, words: 'kebab-case' },
};

export function follows(name: string, c: NamingConvention): boolean {
  return c.kind === 'regex' ? c.regex.test(name) : CONVENTIONS[c.kind].test.test(name);
}

export function describe(c: NamingConvention): string {
  return c.kind === 'regex' ? `does not match ${c.source}` : `is not ${CONVENTIONS[c.kind].words}`;
}
