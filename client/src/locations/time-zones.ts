import { isIanaTimeZone } from '../../../sync/domain/time-zone';

/** The zone this browser is in: the default for a new location. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The IANA zones to pick from: what this browser knows, plus UTC and any zone already in use (a
 * location saved elsewhere with a name this browser lists under another spelling stays pickable).
 */
export function timeZoneNames(alsoInclude: readonly string[] = []): string[] {
  const names = new Set(Intl.supportedValuesOf('timeZone'));
  for (const zone of ['UTC', ...alsoInclude]) if (zone && isIanaTimeZone(zone)) names.add(zone);
  return [...names].sort((a, b) => a.localeCompare(b));
}

const words = (s: string) => s.toLowerCase().replace(/[_/]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Whether a zone matches what someone typed: "new york", "new_york", "america/new" all find America/New_York. */
export function zoneMatches(zone: string, typed: string): boolean {
  const query = words(typed);
  return query === '' || words(zone).includes(query);
}

/** The zone's current offset from UTC for people to read: "UTC+01:00", "UTC−03:30", "UTC+00:00". */
export function utcOffset(zone: string, at: Date = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // Engines write UTC itself as "GMT" or "GMT+00:00"; show every zone the same way.
    return name === '' ? '' : (name === 'GMT' ? 'GMT+00:00' : name).replace('GMT', 'UTC').replace('-', '−');
  } catch {
    return '';
  }
}
