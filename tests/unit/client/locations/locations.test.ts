import { describe, expect, it } from 'vitest';
import { timeZoneNames, utcOffset, zoneMatches } from '../../../../client/src/locations/time-zones';
import { locationErrors } from '../../../../client/src/locations/validate';

describe('location form messages', () => {
  const good = { name: 'North depot', address: '', timezone: 'Europe/Berlin' };

  it('has nothing to say about a good draft', () => {
    expect(locationErrors(good)).toEqual({});
  });

  it('says what is wrong at each field, in sentences', () => {
    expect(locationErrors({ name: '   ', address: 'x'.repeat(501), timezone: '' })).toEqual({
      name: 'Enter a name for the location.',
      address: 'The address can be at most 500 characters.',
      timezone: 'Pick a time zone from the list.',
    });
    expect(locationErrors({ ...good, name: 'x'.repeat(101) }).name).toBe('The name can be at most 100 characters.');
    expect(locationErrors({ ...good, timezone: '+01:00' }).timezone).toBe('Pick a time zone from the list.');
  });
});

describe('time zones to pick from', () => {
  it('lists the IANA zones sorted, with UTC and a zone already in use', () => {
    const names = timeZoneNames(['Asia/Calcutta']);
    expect(names).toContain('Europe/Berlin');
    expect(names).toContain('UTC');
    expect(names).toContain('Asia/Calcutta');
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    expect(timeZoneNames(['not a zone'])).not.toContain('not a zone');
  });

  it('finds a zone by what people type: spaces for underscores, any case, part of the name', () => {
    expect(zoneMatches('America/New_York', 'new york')).toBe(true);
    expect(zoneMatches('America/New_York', 'America/New_Y')).toBe(true);
    expect(zoneMatches('Europe/Berlin', 'BERLIN')).toBe(true);
    expect(zoneMatches('Europe/Berlin', 'paris')).toBe(false);
    expect(zoneMatches('Europe/Berlin', '')).toBe(true);
  });

  it('shows the offset at a given moment, with DST', () => {
    expect(utcOffset('Europe/Berlin', new Date('2031-01-15T12:00:00Z'))).toBe('UTC+01:00');
    expect(utcOffset('Europe/Berlin', new Date('2031-07-15T12:00:00Z'))).toBe('UTC+02:00');
    expect(utcOffset('America/St_Johns', new Date('2031-01-15T12:00:00Z'))).toBe('UTC−03:30');
    expect(utcOffset('UTC')).toBe('UTC+00:00');
    expect(utcOffset('Europe/London', new Date('2031-01-15T12:00:00Z'))).toBe('UTC+00:00');
  });
});
