import { describe, expect, it } from 'vitest';
import { generateFeedSecret, isFeedSecretShaped } from '../../../../server/calendar/secret';
import { feedWindow } from '../../../../server/calendar/feed';
import { redactSecrets } from '../../../../server/http/redact';

describe('the calendar feed secret', () => {
  it('is 32 base32 characters (160 bits) and new every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, generateFeedSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(secret).toMatch(/^[a-z2-7]{32}$/);
  });

  it('is checked for its shape before the database is asked', () => {
    expect(isFeedSecretShaped(generateFeedSecret())).toBe(true);
    for (const bad of ['', 'feed', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', `${generateFeedSecret()}a`, "' or 1=1 --"]) {
      expect(isFeedSecretShaped(bad)).toBe(false);
    }
  });

  it('is blanked out of request log lines and error reports', () => {
    const secret = generateFeedSecret();
    expect(redactSecrets(`<-- GET /api/calendar/${secret}.ics`)).toBe('<-- GET /api/calendar/….ics');
    expect(redactSecrets(`--> GET /api/calendar/${secret}.ics?x=1 200 3ms`)).toBe('--> GET /api/calendar/….ics?x=1 200 3ms');
    expect(redactSecrets('--> GET /api/calendar/feed 200 3ms')).toBe('--> GET /api/calendar/feed 200 3ms');
  });
});

describe('the feed window', () => {
  it('runs from 30 days ago to a year ahead, as instants and as UTC dates', () => {
    const window = feedWindow(new Date('2026-11-25T23:30:00Z'));
    expect(window.from.toISOString()).toBe('2026-10-26T23:30:00.000Z');
    expect(window.to.toISOString()).toBe('2027-11-25T23:30:00.000Z');
    expect(window).toMatchObject({ fromDate: '2026-10-26', toDate: '2027-11-25' });
  });
});
