// Every rule, in the order `tracklint rules` lists them.
import accountPropertyType from './account-property-type.ts';
import accountPropertyUnplanned from './account-property-unplanned.ts';
import accountPropertyValue from './account-property-value.ts';
import eventDeprecated from './event-deprecated.ts';
import eventMissing from './event-missing.ts';
import eventPlatformMissing from './event-platform-missing.ts';
import eventUnplanned from './event-unplanned.ts';
import namingEvent from './naming-event.ts';
import namingProperty from './naming-property.ts';
import planDuplicateName from './plan-duplicate-name.ts';
import planHeapLimits from './plan-heap-limits.ts';
import planUnusedProperty from './plan-unused-property.ts';
import propertyMissing from './property-missing.ts';
import propertyType from './property-type.ts';
import propertyUnplanned from './property-unplanned.ts';
import propertyValue from './property-value.ts';
import type { Rule } from './types.ts';
import userPropertyType from './user-property-type.ts';
import userPropertyUnplanned from './user-property-unplanned.ts';
import userPropertyValue from './user-property-value.ts';

export const RULES: readonly Rule[] = [
  eventMissing,
  eventUnplanned,
  eventDeprecated,
  eventPlatformMissing,
  propertyMissing,
  propertyType,
  propertyValue,
  propertyUnplanned,
  userPropertyType,
  userPropertyValue,
  userPropertyUnplanned,
  accountPropertyType,
  accountPropertyValue,
  accountPropertyUnplanned,
  namingEvent,
  namingProperty,
  planDuplicateName,
  planUnusedProperty,
  planHeapLimits,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
