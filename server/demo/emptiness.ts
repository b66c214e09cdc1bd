import { count } from 'drizzle-orm';
import { categories, locations, quickLinks, schedules, ticketComments, tickets, timeOff, users } from '../../drizzle/schema';
import type { Db } from '../db/database';

const CONTENT = { locations, categories, 'quick links': quickLinks, shifts: schedules, 'time off entries': timeOff, tickets, comments: ticketComments } as const;

/**
 * Why the database is not empty enough for the demo, or null when it is: nothing but (at most) the
 * one administrator a first `npm start` creates. The demo never adds to real data.
 */
export async function whyNotEmpty(db: Db): Promise<string | null> {
  const found: string[] = [];
  const people = await db.select({ role: users.role }).from(users);
  if (people.length > 1 || people.some((p) => p.role !== 'admin')) found.push(`${people.length} users`);
  for (const [what, table] of Object.entries(CONTENT)) {
    const [row] = await db.select({ n: count() }).from(table);
    if ((row?.n ?? 0) > 0) found.push(`${row?.n ?? 0} ${what}`);
  }
  return found.length ? `The database already has data (${found.join(', ')}).` : null;
}
