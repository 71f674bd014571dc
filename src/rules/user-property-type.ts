import { propertyRule, typeFindings } from './properties.ts';

export default propertyRule(
  'user-property-type',
  'user',
  typeFindings,
  'A user property (user_properties in the plan) was observed with values of a kind its planned type does not admit, with the histogram of kinds and examples. The same kind rules as property-type apply.',
  'error',
);
