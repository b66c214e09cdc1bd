import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from '../../../../sync/domain/time-zone';

describe('isIanaTimeZone', () => {
  it('accepts IANA names', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'Etc/GMT+5']) {
      expect(isIanaTimeZone(tz), tz).toBe(true);
    }
  });

  it('refuses offsets, unknown zones and junk', () => {
    for (const tz of ['+01:00', 'Mars/Olympus', '', 'Europe/', '../etc/passwd', 'x'.repeat(300)]) {
      expect(isIanaTimeZone(tz), tz).toBe(false);
    }
  });
});
