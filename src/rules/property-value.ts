import { propertyRule, valueFindings } from './properties.ts';

export default propertyRule(
  'property-value',
  'event',
  valueFindings,
  'Values of an event property break its planned constraints: enum, pattern, format, minimum/maximum or minLength/maxLength (and, in a string-typed source, integer). The finding counts the offending occurrences and shows the most frequent offenders. Counts are exact while the property had no more distinct values than the aggregate keeps (1,000 by default); past that the finding says "at least". Values of a kind the type does not admit are left to property-type.',
  'error',
);
