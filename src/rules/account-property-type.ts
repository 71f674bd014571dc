import { propertyRule, typeFindings } from './properties.ts';

export default propertyRule(
  'account-property-type',
  'account',
  typeFindings,
  'An account property (account_properties in the plan) was observed with values of a kind its planned type does not admit, with the histogram of kinds and examples. The same kind rules as property-type apply.',
  'error',
);
