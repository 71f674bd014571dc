// Properties Heap captures by itself on every event. They are never "unplanned": nobody plans
// them, and reporting them would bury the real findings. The one place that lists them.
//
// Source: Heap's help center, "Autocaptured data" and "Heap Connect: built-in columns"
// (event and pageview properties of the web, iOS, Android and server-side libraries),
// plus the Heap Connect row columns that identify a row.

const BUILTIN = new Set([
  // Page and referrer (web)
  'path', 'referrer', 'landing_page', 'query', 'hash', 'title', 'domain', 'url', 'href', 'target_text',
  // Marketing
  'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  // Device and environment
  'browser', 'browser_type', 'device', 'device_type', 'platform', 'os', 'carrier', 'screen_height', 'screen_width',
  'app_name', 'app_version', 'library', 'sdk_version',
  // Location
  'country', 'region', 'city', 'ip',
  // Identity and session (Heap Connect columns)
  'event_id', 'user_id', 'session_id', 'time', 'identity', 'handle', 'session_time', 'pageview_id',
]);

export function isHeapBuiltin(name: string): boolean {
  // Heap also captures every utm_* parameter and the initial_* values of a user's first session.
  return BUILTIN.has(name) || name.startsWith('utm_') || name.startsWith('initial_');
}
