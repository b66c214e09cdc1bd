import { isIanaTimeZone } from '../../../sync/domain/time-zone';
import { LIMITS } from '../../../sync/protocol/mutations';

export type LocationDraft = {
  name: string;
  address: string;
  timezone: string;
};

export type LocationErrors = Partial<Record<keyof LocationDraft, string>>;

const n = (count: number) => count.toLocaleString('en');

/**
 * What is wrong with a location draft, as sentences for the fields. The mutation's schema
 * (sync/protocol/mutations.ts) checks the same on the device and the server; this says it earlier.
 */
export function locationErrors(d: LocationDraft): LocationErrors {
  const errors: LocationErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'Enter a name for the location.';
  else if (name.length > LIMITS.name) errors.name = `The name can be at most ${n(LIMITS.name)} characters.`;
  if (d.address.trim().length > LIMITS.address) errors.address = `The address can be at most ${n(LIMITS.address)} characters.`;
  if (!d.timezone || !isIanaTimeZone(d.timezone)) errors.timezone = 'Pick a time zone from the list.';
  return errors;
}
