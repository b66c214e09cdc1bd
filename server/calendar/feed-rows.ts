import { and, asc, eq, gt, gte, lt, lte } from 'drizzle-orm';
import { locations, schedules, timeOff } from '../../drizzle/schema';
import type { Db } from '../db/database';
import type { FeedShift, FeedTimeOff, FeedWindow } from './feed';

/** The user's shifts that overlap the window, with their location. */
export async function feedShifts(db: Db, userId: string, window: FeedWindow): Promise<FeedShift[]> {
  const rows = await db
    .select({
      id: schedules.id,
      startsAt: schedules.startsAt,
      endsAt: schedules.endsAt,
      note: schedules.note,
      updatedAt: schedules.updatedAt,
      locationName: locations.name,
      locationAddress: locations.address,
    })
    .from(schedules)
    .leftJoin(locations, eq(locations.id, schedules.locationId))
    .where(and(eq(schedules.technicianId, userId), gt(schedules.endsAt, window.from), lt(schedules.startsAt, window.to)))
    .orderBy(asc(schedules.startsAt));
  return rows.map(({ locationName, locationAddress, ...shift }) => ({
    ...shift,
    location: locationName === null ? null : { name: locationName, address: locationAddress ?? '' },
  }));
}

/** The user's approved time off that touches the window; requested and denied time off is not shown. */
export async function feedTimeOff(db: Db, userId: string, window: FeedWindow): Promise<FeedTimeOff[]> {
  return db
    .select({
      id: timeOff.id,
      startDate: timeOff.startDate,
      endDate: timeOff.endDate,
      kind: timeOff.kind,
      note: timeOff.note,
      updatedAt: timeOff.updatedAt,
    })
    .from(timeOff)
    .where(
      and(
        eq(timeOff.technicianId, userId),
        eq(timeOff.status, 'approved'),
        gte(timeOff.endDate, window.fromDate),
        lte(timeOff.startDate, window.toDate),
      ),
    )
    .orderBy(asc(timeOff.startDate));
}
