import { propertyRule, unplannedFindings } from './properties.ts';

export default propertyRule(
  'user-property-unplanned',
  'user',
  unplannedFindings,
  "A user property was observed that user_properties in the plan does not list (Heap's autocaptured properties excepted).",
  'warn',
);
