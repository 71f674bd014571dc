import { propertyRule, valueFindings } from './properties.ts';

export default propertyRule(
  'account-property-value',
  'account',
  valueFindings,
  'Values of an account property break its planned constraints (enum, pattern, format, bounds, lengths), with counts and the most frequent offenders, as property-value does for event properties.',
  'error',
);
