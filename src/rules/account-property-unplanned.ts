import { propertyRule, unplannedFindings } from './properties.ts';

export default propertyRule(
  'account-property-unplanned',
  'account',
  unplannedFindings,
  "An account property was observed that account_properties in the plan does not list (Heap's autocaptured properties excepted).",
  'warn',
);
