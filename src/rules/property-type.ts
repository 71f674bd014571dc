import { propertyRule, typeFindings } from './properties.ts';

export default propertyRule(
  'property-type',
  'event',
  typeFindings,
  'An event property was observed with values of a kind its planned type does not admit: a price sent as "12.99" where a number is planned, a boolean sent as "yes". The finding shows the histogram of kinds seen and examples of the wrong ones. Whether a kind is admitted depends on the source: in a typed source (captured track calls) "12.99" is a string and breaks a number; in a string-typed source (Heap Connect, where everything is text) it reads as a number and passes. Null values are left to property-missing.',
  'error',
);
