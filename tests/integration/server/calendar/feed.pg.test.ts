import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { schedules, timeOff, users } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { ORIGIN, startTestApp, useTestApp, type TestClient } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

/**
 * The personal iCalendar feed (api.md, "Calendar feed"; issue 7, item 8). Shifts and time off are
 * made through sync pushes, the feed is fetched with no session (the secret is the credential) and
 * read back with a real iCalendar parser (ical.js).
 */

const DAY = 24 * 60 * 60 * 1000;
const FEED_URL = /^http:\/\/localhost\/api\/calendar\/([a-z2-7]{32})\.ics$/;

/** The start of the current UTC hour, plus some days and hours. */
function at(days: number, hours = 0): string {
  const hour = Math.floor(Date.now() / (60 * 60 * 1000)) * 60 * 60 * 1000;
  return new Date(hour + days * DAY + hours * 60 * 60 * 1000).toISOString();
}

/** A calendar date (UTC) some days from today. */
function day(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string | null;
  start: ICAL.Time;
  end: ICAL.Time;
  lastModified: ICAL.Time | null;
}

function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? null,
      start: event.startDate,
      end: event.endDate,
      lastModified: (vevent.getFirstPropertyValue('last-modified') as ICAL.Time | null) ?? null,
    };
  });
}

describe.each(drivers)('the calendar feed on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: SyncDevice;
  let tech: { client: TestClient; userId: string };
  let other: { client: TestClient; userId: string };
  const locationId = crypto.randomUUID();
  const shift = {
    nearWithLocation: { id: crypto.randomUUID(), start: at(2, 8), end: at(2, 16), note: 'Bring the long ladder; keys at reception, gate B' },
    laterWithout: { id: crypto.randomUUID(), start: at(10, 6), end: at(10, 9) },
    recentPast: { id: crypto.randomUUID(), start: at(-20, 8), end: at(-20, 12) },
    tooOld: { id: crypto.randomUUID(), start: at(-40, 8), end: at(-40, 12) },
    tooFar: { id: crypto.randomUUID(), start: at(400, 8), end: at(400, 12) },
    othersShift: { id: crypto.randomUUID(), start: at(3, 8), end: at(3, 12) },
  };
  const off = {
    approved: { id: crypto.randomUUID(), startDate: day(60), endDate: day(62), note: 'Family trip' },
    requested: { id: crypto.randomUUID(), startDate: day(90), endDate: day(90) },
    denied: { id: crypto.randomUUID(), startDate: day(100), endDate: day(101) },
  };

  async function userVersion(userId: string) {
    const [row] = await t.database.rows<{ version: string; field_versions: unknown; updated_at: unknown; seq: string | null }>(
      sql`select u.version::text as version, u.field_versions, u.updated_at::text as updated_at, c.seq::text as seq
            from users u left join change_log c on c.entity = 'user' and c.entity_id = u.id
           where u.id = ${userId}`,
    );
    return row;
  }

  async function feedUrlOf(client: TestClient): Promise<string> {
    const res = await client.request('GET', '/api/calendar/feed');
    expect(res.status).toBe(200);
    const { url } = res.body as { url: string };
    expect(url).toMatch(FEED_URL);
    return url;
  }

  /** Fetches a feed address with no session, as a calendar app would. */
  function fetchFeed(url: string) {
    return t.app.request(new URL(url).pathname);
  }

  beforeAll(async () => {
    admin = new SyncDevice((await t.signedIn('admin')).client);
    tech = await t.signedIn('technician');
    other = await t.signedIn('technician');
    const ok = (result: { status: string }) => expect(result.status).toBe('applied');
    ok(await admin.do('location.create', { id: locationId, name: 'North depot', address: '1 Harbour Road', timezone: 'Europe/Berlin' }));
    const { nearWithLocation, othersShift, ...plain } = shift;
    ok(await admin.do('schedule.create', { ...nearWithLocation, technicianId: tech.userId, locationId }));
    for (const s of Object.values(plain)) ok(await admin.do('schedule.create', { ...s, technicianId: tech.userId }));
    ok(await admin.do('schedule.create', { ...othersShift, technicianId: other.userId, locationId, note: 'not yours' }));
    // Time off is requested by the technician and decided by an admin, as in the app.
    const techDevice = new SyncDevice(tech.client);
    ok(await techDevice.do('timeOff.create', { ...off.approved, technicianId: tech.userId, kind: 'vacation' }));
    ok(await techDevice.do('timeOff.create', { ...off.requested, technicianId: tech.userId, kind: 'sick' }));
    ok(await techDevice.do('timeOff.create', { ...off.denied, technicianId: tech.userId, kind: 'other' }));
    ok(await admin.do('timeOff.update', { id: off.approved.id, baseVersion: '0', patch: { status: 'approved' } }));
    ok(await admin.do('timeOff.update', { id: off.denied.id, baseVersion: '0', patch: { status: 'denied' } }));
  });

  it('answers 401 for the feed address without a session', async () => {
    const res = await t.client().request('GET', '/api/calendar/feed');
    expect(res.status).toBe(401);
    expect(res.code).toBe('unauthenticated');
  });

  it('gives the same address on every call, made on the first, without changing the user’s sync version', async () => {
    const before = await userVersion(tech.userId);
    const first = await feedUrlOf(tech.client);
    expect(await feedUrlOf(tech.client)).toBe(first);
    const [row] = await t.database.db.select({ token: users.calendarToken }).from(users).where(eq(users.id, tech.userId));
    expect(row?.token).toBe(FEED_URL.exec(first)?.[1]);
    expect(await userVersion(tech.userId)).toEqual(before);
  });

  it('makes one address when two first calls race', async () => {
    const racer = await t.signedIn('technician');
    const [a, b] = await Promise.all([racer.client.request('GET', '/api/calendar/feed'), racer.client.request('GET', '/api/calendar/feed')]);
    expect((a.body as { url: string }).url).toBe((b.body as { url: string }).url);
    expect((await fetchFeed((a.body as { url: string }).url)).status).toBe(200);
  });

  it('builds the address from APP_URL when it is set', async () => {
    const behindProxy = await startTestApp(driver, { APP_URL: 'https://scheduler.example.com/' });
    try {
      const { client } = await behindProxy.signedIn('technician');
      const res = await client.request('GET', '/api/calendar/feed');
      expect((res.body as { url: string }).url).toMatch(/^https:\/\/scheduler\.example\.com\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('serves the user’s shifts and approved time off as iCalendar, with no session and no caching', async () => {
    const res = await fetchFeed(await feedUrlOf(tech.client));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const text = await res.text();
    const events = parseFeed(text);
    const byUid = new Map(events.map((e) => [e.uid, e]));

    // Shifts from 30 days ago to a year ahead; not older or later ones, not someone else's.
    const expectedShifts = [shift.nearWithLocation, shift.laterWithout, shift.recentPast];
    const shiftUids = events.filter((e) => !e.start.isDate).map((e) => e.uid);
    expect(shiftUids.sort()).toEqual(expectedShifts.map((s) => s.id).sort());
    for (const absent of [shift.tooOld, shift.tooFar, shift.othersShift]) expect(byUid.has(absent.id)).toBe(false);

    const rows = await t.database.db.select().from(schedules).where(eq(schedules.technicianId, tech.userId));
    for (const s of expectedShifts) {
      const event = byUid.get(s.id);
      expect(event?.start.zone?.tzid).toBe('UTC');
      expect(event?.end.zone?.tzid).toBe('UTC');
      expect(event?.start.toJSDate().toISOString()).toBe(s.start);
      expect(event?.end.toJSDate().toISOString()).toBe(s.end);
      const updatedAt = rows.find((r) => r.id === s.id)?.updatedAt.getTime() ?? NaN;
      // iCalendar times have whole seconds.
      expect(event?.lastModified?.toJSDate().getTime()).toBe(Math.floor(updatedAt / 1000) * 1000);
    }
    // DTSTART/DTEND are written in UTC ("Z"), not in a zone or floating.
    expect(text).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    expect(text).not.toMatch(/^DT(START|END);TZID=/m);

    expect(byUid.get(shift.nearWithLocation.id)).toMatchObject({ summary: 'Shift at North depot', description: shift.nearWithLocation.note });
    expect(byUid.get(shift.laterWithout.id)).toMatchObject({ summary: 'Shift', description: null });

    // Approved time off: an all-day event whose DTEND is the day after its last day.
    const [approvedRow] = await t.database.db.select().from(timeOff).where(eq(timeOff.id, off.approved.id));
    const vacation = byUid.get(off.approved.id);
    expect(vacation?.start.isDate).toBe(true);
    expect(vacation?.end.isDate).toBe(true);
    expect(vacation?.start.toString()).toBe(off.approved.startDate);
    expect(vacation?.end.toString()).toBe(nextDay(off.approved.endDate));
    expect(vacation).toMatchObject({ summary: 'Time off (vacation)', description: 'Family trip' });
    expect(vacation?.lastModified?.toJSDate().getTime()).toBe(Math.floor((approvedRow?.updatedAt.getTime() ?? NaN) / 1000) * 1000);
    expect(text).toMatch(new RegExp(`^DTSTART;VALUE=DATE:${off.approved.startDate.replaceAll('-', '')}\\r$`, 'm'));
    expect(text).toMatch(new RegExp(`^DTEND;VALUE=DATE:${nextDay(off.approved.endDate).replaceAll('-', '')}\\r$`, 'm'));

    // Requested and denied time off are not in the feed.
    expect(byUid.has(off.requested.id)).toBe(false);
    expect(byUid.has(off.denied.id)).toBe(false);
    expect(events).toHaveLength(4);
  });

  it('shows a shift’s move at the next fetch', async () => {
    const url = await feedUrlOf(tech.client);
    const [row] = await t.database.rows<{ version: string }>(sql`select version::text as version from schedules where id = ${shift.laterWithout.id}`);
    const moved = { start: at(11, 6), end: at(11, 9) };
    expect((await admin.do('schedule.update', { id: shift.laterWithout.id, baseVersion: row?.version ?? '0', patch: { ...moved, locationId } })).status).toBe('applied');
    const event = parseFeed(await (await fetchFeed(url)).text()).find((e) => e.uid === shift.laterWithout.id);
    expect(event?.start.toJSDate().toISOString()).toBe(moved.start);
    expect(event?.summary).toBe('Shift at North depot');
  });

  it('refuses to rotate without a same-site Origin (CSRF)', async () => {
    const url = await feedUrlOf(tech.client);
    const res = await t.app.request('/api/calendar/feed/rotate', { method: 'POST', headers: { cookie: tech.client.cookie ?? '' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'csrf' } });
    const crossSite = await tech.client.request('POST', '/api/calendar/feed/rotate', undefined, { origin: 'https://evil.example' });
    expect(crossSite.code).toBe('csrf');
    expect(await feedUrlOf(tech.client)).toBe(url);
  });

  it('answers 401 to a rotate without a session', async () => {
    const res = await t.app.request('/api/calendar/feed/rotate', { method: 'POST', headers: { origin: ORIGIN } });
    expect(res.status).toBe(401);
  });

  it('rotates to a new address: the old one answers 404 from then on, the new one 200; the user’s version stays', async () => {
    const old = await feedUrlOf(tech.client);
    const before = await userVersion(tech.userId);
    const res = await tech.client.request('POST', '/api/calendar/feed/rotate');
    expect(res.status).toBe(200);
    const { url } = res.body as { url: string };
    expect(url).toMatch(FEED_URL);
    expect(url).not.toBe(old);
    expect(await feedUrlOf(tech.client)).toBe(url);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'not_found' } });
    const fresh = await fetchFeed(url);
    expect(fresh.status).toBe(200);
    expect(parseFeed(await fresh.text())).toHaveLength(4);
    expect(await userVersion(tech.userId)).toEqual(before);
  });

  it('answers 404 for unknown and malformed secrets', async () => {
    for (const path of ['/api/calendar/abcdefghijklmnopqrstuvwxyz234567.ics', '/api/calendar/nope.ics', '/api/calendar/.ics', '/api/calendar/feed.ics']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
    }
    // A signed-in user's own session does not open an address that is not theirs.
    const res = await tech.client.request('GET', '/api/calendar/abcdefghijklmnopqrstuvwxyz234567.ics');
    expect(res.status).toBe(404);
  });

  it('answers 404 for a deactivated user’s feed, and 200 again once they are active', async () => {
    const leaver = await t.signedIn('technician');
    const url = await feedUrlOf(leaver.client);
    expect((await fetchFeed(url)).status).toBe(200);
    const adminHttp = (await t.signedIn('admin')).client;
    expect((await adminHttp.request('PATCH', `/api/users/${leaver.userId}`, { active: false })).status).toBe(200);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await adminHttp.request('PATCH', `/api/users/${leaver.userId}`, { active: true })).status).toBe(200);
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it('never sends the secret to other users through sync or the team list', async () => {
    const secret = FEED_URL.exec(await feedUrlOf(tech.client))?.[1] ?? 'missing';
    const changes = await new SyncDevice(other.client).pullAll();
    expect(JSON.stringify(changes)).not.toContain(secret);
    const team = await other.client.request('GET', '/api/users');
    expect(JSON.stringify(team.body)).not.toContain(secret);
  });
});
