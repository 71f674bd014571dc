import { propertyRule, unplannedFindings } from './properties.ts';

export default propertyRule(
  'property-unplanned',
  'event',
  unplannedFindings,
  "A planned event was observed with a property the plan does not list for it. Heap's own autocaptured properties (path, referrer, utm_*, browser, device_type, country, library and the rest listed in src/rules/heap-builtins.ts) are never unplanned, and a property that was null every time it came is not counted. When the property looks like a planned one that was never observed (orderId for order_id), the finding says so.",
  'warn',
);
