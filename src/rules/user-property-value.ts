import { propertyRule, valueFindings } from './properties.ts';

export default propertyRule(
  'user-property-value',
  'user',
  valueFindings,
  'Values of a user property break its planned constraints (enum, pattern, format, bounds, lengths), with counts and the most frequent offenders, as property-value does for event properties.',
  'error',
);
